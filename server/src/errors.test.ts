import { registerInputSchema } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, validationError } from "./errors.ts";

function named(name: string, message = "connect ECONNREFUSED 127.0.0.1:1"): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe("isDatabaseUnavailable", () => {
  it("recognises a network error, also inside the bulk write error insertMany throws", () => {
    expect(isDatabaseUnavailable(named("MongoNetworkError"))).toBe(true);
    const bulk = Object.assign(named("MongoBulkWriteError"), { errorResponse: named("MongoNetworkError") });
    expect(isDatabaseUnavailable(bulk)).toBe(true);
  });

  it("does not take a bulk write refused by the server (a duplicate key, say) for an outage", () => {
    const duplicate = Object.assign(named("MongoBulkWriteError", "E11000 duplicate key"), {
      errorResponse: { code: 11000 },
    });
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(named("TypeError"))).toBe(false);
  });
});

describe("validationError", () => {
  it("keeps zod's English in the summary and gives each field its code, telling missing from mistyped", () => {
    const value = { email: "budi@example.org", password: 5 };
    const parsed = registerInputSchema.safeParse(value);
    if (parsed.success) throw new Error("expected a refusal");
    const error = validationError(parsed.error.issues, { value });
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^displayName: .+; password: .+; sector: .+; organisation: .+$/);
    expect(error.details).toMatchObject([
      { path: "displayName", code: "invalid_type", expected: "string", received: "undefined" },
      { path: "password", code: "invalid_type", expected: "string", received: "number" },
      { path: "sector", code: "invalid_value" },
      { path: "organisation", code: "invalid_type", received: "undefined" },
    ]);
  });
});

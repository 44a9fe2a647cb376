import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors.ts";

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

// The contract's entries: keyed by their operationId, path params derived, bodies that may be left out,
// and every error code with the status errors.ts gives it.
import { describe, expect, it } from "vitest";
import { errorStatus } from "../errors.ts";
import { contract, errorStatusesOf, operationContracts } from "./index.ts";

describe("the HTTP contract", () => {
  it("keys every entry by its operationId, with one entry per method and path", () => {
    for (const [key, entry] of Object.entries(contract)) expect(entry.operationId).toBe(key);
    const routes = operationContracts.map((entry) => `${entry.method} ${entry.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it("derives a strict params schema from the path", () => {
    const params = contract.getReviewDecision.params;
    expect(params.parse({ roomId: "r", seq: "1" })).toEqual({ roomId: "r", seq: "1" });
    expect(params.safeParse({ roomId: "r" }).success).toBe(false);
    expect(contract.getMe.params.parse({})).toEqual({});
  });

  it("marks a body required unless its schema accepts {}", () => {
    expect(contract.createInvite.bodyRequired).toBe(false);
    expect(contract.updateMe.bodyRequired).toBe(true);
    expect(contract.register.bodyRequired).toBe(true);
  });

  it("adds the codes every route can answer with, by the layers a request passes", () => {
    expect(contract.logout.errors).toEqual([
      "VALIDATION_FAILED",
      "PAYLOAD_TOO_LARGE",
      "DATABASE_UNAVAILABLE",
      "INTERNAL",
    ]);
    expect(contract.getMe.errors).toEqual(
      expect.arrayContaining(["UNAUTHENTICATED", "TOKEN_EXPIRED", "TOKEN_INVALID"]),
    );
    expect(contract.login.errors).toContain("RATE_LIMITED");
    expect(contract.refreshSession.errors).not.toContain("UNAUTHENTICATED");
  });

  it("groups error codes under the status errors.ts gives them", () => {
    const statuses = errorStatusesOf(contract.castVote);
    expect(statuses.get(409)).toEqual(["MOTION_CLOSED"]);
    expect([...statuses.keys()]).toEqual([...statuses.keys()].sort((a, b) => a - b));
    for (const entry of operationContracts) {
      for (const [status, codes] of errorStatusesOf(entry)) {
        for (const code of codes) expect(errorStatus[code]).toBe(status);
      }
    }
    expect(errorStatusesOf(contract.refreshSession).get(401)).toEqual([
      "REFRESH_TOKEN_INVALID",
      "REFRESH_TOKEN_REUSED",
    ]);
  });
});

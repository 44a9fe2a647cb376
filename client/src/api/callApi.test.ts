// The path and query building of callApi: path parameters encoded, only defined query values sent.
import { contract } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { fillPath, queryString } from "./callApi.ts";

describe("fillPath", () => {
  it("fills and encodes every :param of a contract path", () => {
    expect(fillPath(contract.getReviewDecision.path, { roomId: "a b/c", seq: 3 })).toBe(
      "/review/rooms/a%20b%2Fc/decisions/3",
    );
  });

  it("refuses a missing parameter instead of calling a wrong route", () => {
    expect(() => fillPath(contract.getRoom.path, {})).toThrow("missing path parameter roomId");
  });
});

describe("queryString", () => {
  it("keeps defined, non-empty values only", () => {
    expect(queryString({ from: "2026-01-01T00:00:00Z", to: undefined, q: "", sector: null, limit: 5 })).toBe(
      "?from=2026-01-01T00%3A00%3A00Z&limit=5",
    );
    expect(queryString({})).toBe("");
  });
});

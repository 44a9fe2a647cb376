// Query strings without empty filters, and the file name an export's Content-Disposition gives.
import { describe, expect, it } from "vitest";
import { attachmentFileName, queryString } from "./accountabilityEndpoints.ts";

describe("queryString", () => {
  it("keeps defined, non-empty values only, encoded", () => {
    expect(queryString({ roomId: "abc", from: undefined, outcome: "", sector: null, q: "air & listrik" })).toBe(
      "?roomId=abc&q=air+%26+listrik",
    );
    expect(queryString({ from: "2026-01-01T00:00:00.000+07:00" })).toBe("?from=2026-01-01T00%3A00%3A00.000%2B07%3A00");
    expect(queryString({})).toBe("");
  });
});

describe("attachmentFileName", () => {
  it("reads the server's file name, else falls back", () => {
    expect(attachmentFileName('attachment; filename="mufakat-decisions-r1-2026-09-07.csv"', "x.csv")).toBe(
      "mufakat-decisions-r1-2026-09-07.csv",
    );
    expect(attachmentFileName(null, "mufakat-room.json")).toBe("mufakat-room.json");
    expect(attachmentFileName("attachment", "f.csv")).toBe("f.csv");
  });
});

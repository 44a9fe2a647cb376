// The ?next= return path follows only paths on this site.
import { describe, expect, it } from "vitest";
import { loginPathFor, safeReturnPath } from "./returnPath.ts";

describe("safeReturnPath", () => {
  it("follows a path on this site, with its query", () => {
    expect(safeReturnPath("/invite/abc.def?x=1")).toBe("/invite/abc.def?x=1");
  });

  it.each([null, "", "https://evil.example", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"])(
    "falls back for %j",
    (next) => {
      expect(safeReturnPath(next)).toBe("/rooms");
    },
  );

  it("round-trips through the login path", () => {
    const login = new URL(loginPathFor("/invite/a.b?c=d&e"), "http://x");
    expect(safeReturnPath(login.searchParams.get("next"))).toBe("/invite/a.b?c=d&e");
  });
});

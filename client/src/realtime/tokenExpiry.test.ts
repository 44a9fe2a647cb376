// Reading a JWT's expiry, and when the live connection asks for a fresh token before it.
import { describe, expect, it } from "vitest";
import { reauthenticateDelay, tokenExpiry } from "./tokenExpiry.ts";

const base64url = (value: string) => btoa(value).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const jwt = (payload: unknown) => `${base64url('{"alg":"HS256"}')}.${base64url(JSON.stringify(payload))}.signature`;

describe("tokenExpiry", () => {
  it("reads exp (seconds) as milliseconds", () => {
    expect(tokenExpiry(jwt({ sub: "u", exp: 1_800_000_000, name: "Ñoño ü" }))).toBe(1_800_000_000_000);
  });

  it("is null for tokens without a readable exp", () => {
    expect(tokenExpiry("not-a-jwt")).toBeNull();
    expect(tokenExpiry("a.%%%.c")).toBeNull();
    expect(tokenExpiry(jwt({ sub: "u" }))).toBeNull();
  });
});

describe("reauthenticateDelay", () => {
  it("asks a minute before expiry, or halfway through a shorter lifetime, and never in under a second", () => {
    expect(reauthenticateDelay(15 * 60_000, 0)).toBe(14 * 60_000);
    expect(reauthenticateDelay(60_000, 0)).toBe(30_000);
    expect(reauthenticateDelay(500, 0)).toBe(1_000);
    expect(reauthenticateDelay(0, 10_000)).toBe(1_000);
  });
});

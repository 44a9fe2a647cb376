// checkLinkUrl: only http(s) and mailto addresses become links; everything else is refused with a reason.
import { describe, expect, it } from "vitest";
import { checkLinkUrl, isAllowedLinkHref } from "./linkUrl.ts";

describe("checkLinkUrl", () => {
  it("accepts web and e-mail addresses, normalised", () => {
    expect(checkLinkUrl(" https://pdam.makassar.go.id/jadwal ")).toEqual({
      ok: true,
      href: "https://pdam.makassar.go.id/jadwal",
    });
    expect(checkLinkUrl("http://localhost:3000/a")).toEqual({ ok: true, href: "http://localhost:3000/a" });
    expect(checkLinkUrl("mailto:warga@tamalate.id")).toEqual({ ok: true, href: "mailto:warga@tamalate.id" });
  });

  it("takes an address without a scheme as https", () => {
    expect(checkLinkUrl("example.org/jadwal?hari=sabtu")).toEqual({
      ok: true,
      href: "https://example.org/jadwal?hari=sabtu",
    });
    expect(checkLinkUrl("example.org:8080")).toEqual({ ok: true, href: "https://example.org:8080/" });
  });

  it("refuses scripts, data and other schemes, however they are spelt", () => {
    for (const url of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "data:text/html,<b>x</b>",
      "ftp://a.org",
      "vbscript:x",
    ]) {
      expect(checkLinkUrl(url)).toEqual({ ok: false, reason: "protocol" });
    }
    expect(checkLinkUrl("java\tscript:alert(1)")).toEqual({ ok: false, reason: "invalid" });
    expect(checkLinkUrl("java script:alert(1)")).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses what is not an address", () => {
    expect(checkLinkUrl("   ")).toEqual({ ok: false, reason: "empty" });
    expect(checkLinkUrl("https://")).toEqual({ ok: false, reason: "invalid" });
    expect(checkLinkUrl("jadwal")).toEqual({ ok: false, reason: "invalid" });
    expect(checkLinkUrl("mailto:")).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("isAllowedLinkHref", () => {
  it("allows pasted http(s) and mailto links only, with their scheme", () => {
    expect(isAllowedLinkHref("https://example.org")).toBe(true);
    expect(isAllowedLinkHref("mailto:a@b.id")).toBe(true);
    expect(isAllowedLinkHref("javascript:alert(1)")).toBe(false);
    expect(isAllowedLinkHref("example.org")).toBe(false);
  });
});

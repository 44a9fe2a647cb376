// The canonical form against RFC 8785's own examples (sections 3.2.2 and 3.2.3, the number table of
// Appendix B), the same vectors the Python verifier is run on (tests/integration/decision-log-verify.test.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, wellFormedJson } from "./canonicalJson.ts";
import vectors from "./rfc8785.vectors.json" with { type: "json" };

/** The IEEE 754 double whose 64 bits are written as 16 hex digits. */
function double(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe("canonicalJson (RFC 8785)", () => {
  it.each(vectors.numbers)("writes the IEEE 754 value $ieee754 as $canonical", ({ ieee754, canonical }) => {
    expect(canonicalJson(double(ieee754))).toBe(canonical);
    expect(canonicalJson([double(ieee754)])).toBe(`[${canonical}]`);
  });

  it.each(vectors.nonFiniteNumbers)("refuses $note", ({ ieee754 }) => {
    expect(() => canonicalJson({ share: double(ieee754) })).toThrow();
  });

  it.each(vectors.documents)("$name", ({ input, canonical }) => {
    expect(canonicalJson(JSON.parse(input))).toBe(canonical);
  });

  it.each(vectors.notCanonicalizable)("refuses $name", ({ input }) => {
    expect(() => canonicalJson(JSON.parse(input))).toThrow();
  });

  it("gives one text whatever the order of the members", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reversed = JSON.parse(JSON.stringify(value), (_key, item) =>
          item && typeof item === "object" && !Array.isArray(item)
            ? Object.fromEntries(Object.entries(item).reverse())
            : item,
        );
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        // And it reads back as the same value.
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

/**
 * The form every record stored before docs/decision-log.md was written was hashed with (the server's own
 * canonicalJson until then): keys sorted with `<`, values written by JSON.stringify. Kept here only to show
 * it equals RFC 8785 for every JSON value, which is why stored chains need no migration.
 */
function formBeforeTheSpec(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formBeforeTheSpec).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${formBeforeTheSpec(item)}`).join(",")}}`;
}

describe("the form records were hashed with before the spec", () => {
  it("is RFC 8785 for every JSON value with well-formed strings", () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "binary" }), (value) => {
        expect(canonicalJson(value)).toBe(formBeforeTheSpec(value));
      }),
      { numRuns: 500 },
    );
  });
});

describe("wellFormedJson", () => {
  it("replaces lone surrogates, in keys and values at any depth, and keeps pairs", () => {
    const value = { "a\ud800": ["x\udc00y", { n: 1, ok: "\ud83d\ude00" }], b: null, c: true };
    expect(wellFormedJson(value)).toEqual({ "a\ufffd": ["x\ufffdy", { n: 1, ok: "\ud83d\ude00" }], b: null, c: true });
    expect(canonicalJson(wellFormedJson(value))).toBe(
      '{"a\ufffd":["x\ufffdy",{"n":1,"ok":"\ud83d\ude00"}],"b":null,"c":true}',
    );
  });
});

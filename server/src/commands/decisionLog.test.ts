import { describe, expect, it } from "vitest";
import { canonicalJson, genesisHash, recordHash } from "./decisionLog.ts";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("gives one encoding whatever the key order", () => {
    expect(canonicalJson({ x: 1, y: [1, 2], z: null })).toBe(canonicalJson({ z: null, y: [1, 2], x: 1 }));
  });

  it("refuses non-finite numbers instead of hashing them as null", () => {
    expect(() => canonicalJson({ share: Number.NaN })).toThrow("non-finite");
  });
});

describe("recordHash", () => {
  const content = {
    roomId: "0123456789abcdef01234567",
    seq: 1,
    dedupeKey: "motion:1",
    kind: "decision" as const,
    corrects: null,
    at: "2026-11-29T10:00:00.000Z",
    payload: { outcome: "adopted" },
    prevHash: genesisHash,
  };

  it("is SHA-256 hex over the canonical content", () => {
    expect(recordHash(content)).toMatch(/^[0-9a-f]{64}$/);
    expect(recordHash({ ...content })).toBe(recordHash(content));
  });

  it("changes when any field or the previous hash changes", () => {
    const base = recordHash(content);
    expect(recordHash({ ...content, payload: { outcome: "blocked" } })).not.toBe(base);
    expect(recordHash({ ...content, prevHash: "1".repeat(64) })).not.toBe(base);
    expect(recordHash({ ...content, seq: 2 })).not.toBe(base);
  });
});

// The hash chain as docs/decision-log.md specifies it: what a record's hash covers, the first record's
// prevHash, and which record a verifier names when a log is broken.
import { describe, expect, it } from "vitest";
import { type ServedRecord, genesisHash, recordHash, sha256Hex, verifyDecisionChain } from "./chain.ts";

/** A record served before the spec was written, and its hash as the server computed it then. */
const storedBefore = {
  roomId: "0123456789abcdef01234567",
  seq: 1,
  dedupeKey: "motion:65f0c0ffee0123456789abcd",
  kind: "decision",
  corrects: null,
  at: "2026-11-29T10:00:00.000Z",
  payload: {
    type: "motionDecided",
    proposalTitle: "Jadwal air — Kamis",
    outcome: "adopted",
    tally: { share: 0.1, votersCount: 3 },
    positions: [{ position: "object", reason: "Bentrok\nlagi" }],
  },
  prevHash: genesisHash,
  hash: "3e53028343549d0ecb56894c350242b977a20e395c848f7609dc231dc1613d34",
};
const correctionBefore = {
  ...storedBefore,
  seq: 2,
  dedupeKey: "correction:1:1795946400000:0123456789abcdef01234568",
  kind: "correction",
  corrects: 1,
  at: "2026-11-29T11:00:00.000Z",
  payload: {
    type: "correction",
    note: "Jam 07.00–11.00",
    correctedBy: { id: "0123456789abcdef01234568", displayName: "Ani" },
  },
  prevHash: storedBefore.hash,
  hash: "fd2a88fae9f5429a059640e3feeb4cca299285ed943882c93be42e33718b0c91",
};

function chainOf(count: number): ServedRecord[] {
  const records: ServedRecord[] = [];
  let prevHash = genesisHash;
  for (let seq = 1; seq <= count; seq++) {
    const content = { ...storedBefore, seq, dedupeKey: `motion:${seq}`, prevHash };
    const hash = recordHash(content);
    records.push({ ...content, hash });
    prevHash = hash;
  }
  return records;
}

describe("recordHash", () => {
  it("is SHA-256 hex over the canonical record without its own hash", () => {
    const { hash: _hash, ...content } = storedBefore;
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(recordHash(storedBefore)).toBe(sha256Hex(JSON.stringify(sortedDeep(content))));
  });

  it("gives the records stored before the spec the hashes they were stored with", () => {
    expect(recordHash(storedBefore)).toBe(storedBefore.hash);
    expect(recordHash(correctionBefore)).toBe(correctionBefore.hash);
    expect(verifyDecisionChain([correctionBefore, storedBefore]).valid).toBe(true);
  });

  it("covers every served field: changing any one changes the hash", () => {
    const base = recordHash(storedBefore);
    for (const [field, value] of Object.entries({ ...storedBefore, hash: undefined })) {
      if (field === "hash") continue;
      expect(
        recordHash({ ...storedBefore, [field]: field === "corrects" ? 7 : `${JSON.stringify(value)}x` }),
        field,
      ).not.toBe(base);
    }
    expect(recordHash({ ...storedBefore, hash: "ff" })).toBe(base);
    expect(recordHash({ ...storedBefore, extra: 1 })).not.toBe(base);
  });
});

describe("verifyDecisionChain", () => {
  it("accepts an empty log, with the genesis hash as its head", () => {
    expect(verifyDecisionChain([])).toEqual({
      valid: true,
      checked: 0,
      firstBrokenSeq: null,
      problem: null,
      headHash: genesisHash,
      headSeq: null,
      records: [],
    });
  });

  it("accepts a whole log in any order and reports every record", () => {
    const records = chainOf(4);
    const check = verifyDecisionChain([...records].reverse());
    expect(check).toMatchObject({ valid: true, checked: 4, firstBrokenSeq: null, problem: null });
    expect(check.headHash).toBe(records[3]?.hash);
    expect(check.headSeq).toBe(4);
    expect(check.records.map((r) => [r.seq, r.problem])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, null],
    ]);
  });

  it("names a record whose content changed by one character", () => {
    const records = chainOf(3);
    const changed = records.map((r) => (r.seq === 2 ? { ...r, at: "2026-11-29T10:00:00.001Z" } : r));
    const check = verifyDecisionChain(changed);
    expect(check).toMatchObject({ valid: false, checked: 3, firstBrokenSeq: 2, problem: "hashMismatch" });
    expect(check.records).toHaveLength(2);
    expect(check.records[1]).toMatchObject({ seq: 2, problem: "hashMismatch", hash: records[1]?.hash });
    expect(check.records[1]?.expected).toBe(recordHash(changed[1] as ServedRecord));
  });

  it("names a record whose hash was recomputed after a change: the next link breaks", () => {
    const records = chainOf(3);
    const { hash: _old, ...content }: ServedRecord = { ...records[1], kind: "correction" };
    const rehashed = records.map((r) => (r.seq === 2 ? { ...content, hash: recordHash(content) } : r));
    expect(verifyDecisionChain(rehashed)).toMatchObject({ firstBrokenSeq: 3, problem: "prevHashMismatch" });
  });

  it("needs 64 zeros as the first record's prevHash", () => {
    const { hash: _old, ...content } = { ...storedBefore, prevHash: "1".repeat(64) };
    const check = verifyDecisionChain([{ ...content, hash: recordHash(content) }]);
    expect(check).toMatchObject({ firstBrokenSeq: 1, problem: "prevHashMismatch" });
    expect(check.records[0]?.expected).toBe(genesisHash);
  });

  it("names the missing record of a gap, and a log that does not start at 1", () => {
    const records = chainOf(4);
    expect(verifyDecisionChain(records.filter((r) => r.seq !== 3))).toMatchObject({
      firstBrokenSeq: 3,
      problem: "seqGap",
    });
    expect(verifyDecisionChain(records.slice(1))).toMatchObject({ firstBrokenSeq: 1, problem: "seqGap" });
    expect(verifyDecisionChain([...records, records[3] as ServedRecord])).toMatchObject({
      firstBrokenSeq: 5,
      problem: "seqGap",
    });
  });

  it("does not judge a record hashed by a rule it does not know", () => {
    const { hash: _old, ...content } = { ...storedBefore, hashVersion: 2 };
    const check = verifyDecisionChain([{ ...content, hash: recordHash(content) }]);
    expect(check).toMatchObject({ valid: false, firstBrokenSeq: 1, problem: "unsupportedHashVersion" });
    const { hash: _old1, ...one } = { ...storedBefore, hashVersion: 1 };
    expect(verifyDecisionChain([{ ...one, hash: recordHash(one) }]).valid).toBe(true);
  });

  it("calls a record that is not I-JSON broken, without throwing", () => {
    const check = verifyDecisionChain([{ ...storedBefore, payload: { reason: "\ud800" } }]);
    expect(check).toMatchObject({ valid: false, firstBrokenSeq: 1, problem: "hashMismatch" });
  });
});

/** Keys sorted at every depth: for this ASCII-keyed record, what RFC 8785 writes. */
function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sortedDeep(v)]),
    );
  }
  return value;
}

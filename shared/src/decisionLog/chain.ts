// The decision log's hash chain, as docs/decision-log.md specifies it, in one place for everyone who checks
// it: the server (on append and on verify), the browser (the decisions tab checks what it was served) and
// the standalone verifier (`pnpm verify-log`). A record is hashed exactly as it is served: SHA-256, in
// lowercase hex, over the RFC 8785 canonical JSON of the record without its own `hash`; each record's
// `prevHash` is the hash of the record before it, and the first record's is 64 zeros.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { canonicalJson } from "./canonicalJson.ts";

/** The first record's prevHash, and the head of an empty log. */
export const genesisHash = "0".repeat(64);

/**
 * The hash rules a verifier knows. A record without `hashVersion` is version 1 (every record so far); a
 * future change of the rule adds a served, hashed `hashVersion`, and a verifier that does not know it says
 * so instead of calling the record broken or whole.
 */
export const knownHashVersions: readonly unknown[] = [1];

/** Where a chain can break: a missing or repeated seq, a broken link, changed content, an unknown rule. */
export const chainProblems = ["seqGap", "prevHashMismatch", "hashMismatch", "unsupportedHashVersion"] as const;
export type ChainProblem = (typeof chainProblems)[number];

/** A record as served: its fields are whatever the server sent; the ones the chain reads are checked here. */
export type ServedRecord = Readonly<Record<string, unknown>>;

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * SHA-256 hex over the canonical JSON of the record without `hash`. Every other field is hashed, so nothing
 * the hash covers can be left out of what is served. Throws when the record is not I-JSON (a lone
 * surrogate, a non-finite number).
 */
export function recordHash(record: ServedRecord): string {
  const { hash: _own, ...content } = record;
  return sha256Hex(canonicalJson(content));
}

export interface RecordCheck {
  seq: number | null;
  kind: string | null;
  at: string | null;
  /** The hash the record carries. */
  hash: string | null;
  problem: ChainProblem | null;
  /** What was expected where the record is broken: the seq, the previous hash, or the computed hash. */
  expected: string | null;
}

export interface ChainCheck {
  valid: boolean;
  /** How many records were given. */
  checked: number;
  /** The first record whose position, link or content is wrong (for a gap: the missing seq); null when whole. */
  firstBrokenSeq: number | null;
  problem: ChainProblem | null;
  /** The last record's hash as it carries it (the genesis hash for an empty log). */
  headHash: string;
  /** The last record's seq (null for an empty log). */
  headSeq: number | null;
  /** One entry per record in seq order, up to and including the first broken one. */
  records: RecordCheck[];
}

const stringOrNull = (value: unknown): string | null => (typeof value === "string" ? value : null);

function computedHash(record: ServedRecord): string | null {
  try {
    return recordHash(record);
  } catch {
    // Not I-JSON: it cannot be the canonical form of any record, so its hash cannot match.
    return null;
  }
}

/**
 * Checks a whole log, records in any order (the API serves newest first, the export oldest first): seq
 * 1, 2, 3… without a gap or a repeat, each prevHash the previous record's hash (64 zeros for the first), and
 * each hash recomputed from the record's content. Stops at the first broken record and names it.
 */
export function verifyDecisionChain(records: readonly ServedRecord[]): ChainCheck {
  const ordered = [...records].sort((a, b) => seqOrder(a.seq) - seqOrder(b.seq));
  const last = ordered.at(-1);
  const headHash = last ? (stringOrNull(last.hash) ?? "") : genesisHash;
  const headSeq = typeof last?.seq === "number" ? last.seq : null;
  const checks: RecordCheck[] = [];
  let prevHash = genesisHash;
  let expectedSeq = 1;
  for (const record of ordered) {
    const check: RecordCheck = {
      seq: typeof record.seq === "number" ? record.seq : null,
      kind: stringOrNull(record.kind),
      at: stringOrNull(record.at),
      hash: stringOrNull(record.hash),
      problem: null,
      expected: null,
    };
    checks.push(check);
    const broken = (problem: ChainProblem, expected: string, brokenSeq = expectedSeq): ChainCheck => {
      check.problem = problem;
      check.expected = expected;
      return {
        valid: false,
        checked: records.length,
        firstBrokenSeq: brokenSeq,
        problem,
        headHash,
        headSeq,
        records: checks,
      };
    };
    if (record.seq !== expectedSeq) return broken("seqGap", String(expectedSeq));
    if ("hashVersion" in record && !knownHashVersions.includes(record.hashVersion)) {
      return broken("unsupportedHashVersion", knownHashVersions.join(", "));
    }
    if (record.prevHash !== prevHash) return broken("prevHashMismatch", prevHash);
    const computed = computedHash(record);
    if (computed === null || computed !== record.hash) {
      return broken("hashMismatch", computed ?? "(not canonical JSON: a lone surrogate or a non-finite number)");
    }
    prevHash = computed;
    expectedSeq += 1;
  }
  return {
    valid: true,
    checked: records.length,
    firstBrokenSeq: null,
    problem: null,
    headHash,
    headSeq,
    records: checks,
  };
}

/** Sorts records by seq, anything that is not a whole number last (where it breaks the chain as a gap). */
function seqOrder(seq: unknown): number {
  return typeof seq === "number" && Number.isInteger(seq) ? seq : Number.MAX_SAFE_INTEGER;
}

// Appending to and verifying a room's hash-chained decision log. Each record's hash is SHA-256 over the
// canonical JSON of its content and the previous record's hash, so changing any stored record (or
// removing one) breaks the chain from that record on, and verification names where.
import { createHash } from "node:crypto";
import {
  type CorrectionPayload,
  type DecisionPayload,
  type MotionDecidedPayload,
  type PublicTally,
  parseDecisionPayload,
} from "@mufakat/shared";
import type { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError, isDuplicateKey } from "../errors.ts";
import type { DecisionRecordDoc } from "../models/decisions.ts";

export const genesisHash = "0".repeat(64);

/** JSON with object keys sorted at every depth: one byte sequence per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("canonicalJson: non-finite number");
    if (value === undefined) return "null";
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

interface HashedContent {
  roomId: string;
  seq: number;
  dedupeKey: string;
  kind: "decision" | "correction";
  corrects: number | null;
  at: string;
  payload: unknown;
  prevHash: string;
}

export function recordHash(content: HashedContent): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

function contentOf(record: DecisionRecordDoc): HashedContent {
  return {
    roomId: record.roomId.toHexString(),
    seq: record.seq,
    dedupeKey: record.dedupeKey,
    kind: record.kind,
    corrects: record.corrects ?? null,
    at: record.at.toISOString(),
    payload: record.payload,
    prevHash: record.prevHash,
  };
}

/**
 * Appends a record. The payload must be plain JSON (ISO strings for dates). Appending the same dedupeKey
 * twice returns the record already there instead of adding a second one.
 */
export async function appendDecisionRecord(
  ctx: AppContext,
  props: {
    roomId: Types.ObjectId;
    dedupeKey: string;
    kind: "decision" | "correction";
    corrects?: number | null;
    /** Written in the current shape of its variant (shared/src/schemas/decisionPayload.ts). */
    payload: MotionDecidedPayload | CorrectionPayload;
  },
): Promise<DecisionRecordDoc> {
  const { DecisionRecord } = ctx.models;
  const payload = JSON.parse(JSON.stringify(props.payload)) as Record<string, unknown>;
  for (let attempt = 0; attempt < 20; attempt++) {
    const existing = await DecisionRecord.findOne({ roomId: props.roomId, dedupeKey: props.dedupeKey }).lean();
    if (existing) return existing;
    const last = await DecisionRecord.findOne({ roomId: props.roomId }).sort({ seq: -1 }).lean();
    const content: HashedContent = {
      roomId: props.roomId.toHexString(),
      seq: (last?.seq ?? 0) + 1,
      dedupeKey: props.dedupeKey,
      kind: props.kind,
      corrects: props.corrects ?? null,
      // Millisecond precision is what the database keeps; hash exactly what will be read back.
      at: new Date(Math.floor(ctx.now().getTime())).toISOString(),
      payload,
      prevHash: last?.hash ?? genesisHash,
    };
    try {
      const created = await DecisionRecord.create({
        ...content,
        roomId: props.roomId,
        at: new Date(content.at),
        hash: recordHash(content),
      });
      ctx.events.publish("decisionRecorded", {
        roomId: content.roomId,
        seq: content.seq,
        kind: content.kind,
        hash: created.hash,
      });
      return created.toObject();
    } catch (error) {
      // Another append took this seq (or this dedupeKey) first: read again and retry.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw appError("CONFLICT", "the decision log is busy; try again");
}

/** A record with its payload read once into the shared tagged union (an unreadable one is "unknown"). */
export interface ReadRecord {
  record: DecisionRecordDoc;
  payload: DecisionPayload;
}

export function readRecord(record: DecisionRecordDoc): ReadRecord {
  return { record, payload: parseDecisionPayload(record.payload) };
}

/** A decision whose payload reads as a decided motion with its recorded tally. */
export interface ReadDecision {
  record: DecisionRecordDoc;
  payload: Extract<DecisionPayload, { type: "motionDecided" }>;
  tally: PublicTally;
}

/**
 * The decision, or null when the record is a correction or its payload does not read as a decided motion
 * with a tally (tampered, or from another version): views built from tallies (the review, the report)
 * leave such a record out, while the log and the exports still serve it as stored.
 */
export function readDecision(record: DecisionRecordDoc): ReadDecision | null {
  if (record.kind !== "decision") return null;
  const payload = parseDecisionPayload(record.payload);
  if (payload.type !== "motionDecided" || !payload.tally) return null;
  return { record, payload, tally: payload.tally };
}

export interface ChainVerification {
  valid: boolean;
  /** How many records were checked. */
  checked: number;
  /** The first record whose content, link or position is wrong; null when the chain is whole. */
  firstBrokenSeq: number | null;
  problem: "hashMismatch" | "prevHashMismatch" | "seqGap" | null;
  headHash: string;
}

/** Recomputes every hash from the stored content, in order, and names the first broken record. */
export async function verifyDecisionLog(
  ctx: AppContext,
  props: { roomId: Types.ObjectId },
): Promise<ChainVerification> {
  const records = await ctx.models.DecisionRecord.find({ roomId: props.roomId }).sort({ seq: 1 }).lean();
  let prevHash = genesisHash;
  let expectedSeq = 1;
  for (const record of records) {
    const broken = (problem: ChainVerification["problem"]): ChainVerification => ({
      valid: false,
      checked: records.length,
      firstBrokenSeq: record.seq === expectedSeq ? record.seq : expectedSeq,
      problem,
      headHash: records.at(-1)?.hash ?? genesisHash,
    });
    if (record.seq !== expectedSeq) return broken("seqGap");
    if (record.prevHash !== prevHash) return broken("prevHashMismatch");
    if (recordHash(contentOf(record)) !== record.hash) return broken("hashMismatch");
    prevHash = record.hash;
    expectedSeq += 1;
  }
  return { valid: true, checked: records.length, firstBrokenSeq: null, problem: null, headHash: prevHash };
}

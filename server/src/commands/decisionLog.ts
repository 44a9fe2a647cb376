// Appending to and verifying a room's hash-chained decision log. A record is hashed exactly as it is
// served (servedDecisionRecord): SHA-256 over the RFC 8785 canonical JSON of every field but `hash`, the
// previous record's hash among them; the rule and its code are shared (shared/src/decisionLog), so the
// server, the browser and `pnpm verify-log` check the same thing. Changing any stored record (or removing
// one) breaks the chain from that record on, and verification names where.
import {
  type ChainVerification,
  type CorrectionPayload,
  type DecisionPayload,
  type DecisionRecord,
  type MotionDecidedPayload,
  type PollDecidedPayload,
  type PublicTally,
  genesisHash,
  parseDecisionPayload,
  recordHash,
  verifyDecisionChain,
  wellFormedJson,
} from "@mufakat/shared";
import type { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError, isDuplicateKey } from "../errors.ts";
import { type DecisionRecordDoc, servedDecisionRecord } from "../models/decisions.ts";

export type { ChainVerification };

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
    payload: MotionDecidedPayload | PollDecidedPayload | CorrectionPayload;
  },
): Promise<DecisionRecordDoc> {
  const { DecisionRecord } = ctx.models;
  // Plain JSON with well-formed strings: a lone surrogate in a reason must not make a decision unhashable.
  const payload = wellFormedJson(JSON.parse(JSON.stringify(props.payload)) as Record<string, unknown>);
  for (let attempt = 0; attempt < 20; attempt++) {
    const existing = await DecisionRecord.findOne({ roomId: props.roomId, dedupeKey: props.dedupeKey }).lean();
    if (existing) return existing;
    const last = await DecisionRecord.findOne({ roomId: props.roomId }).sort({ seq: -1 }).lean();
    // Exactly what servedDecisionRecord will read back and serve, less the hash.
    const content: Omit<DecisionRecord, "hash"> = {
      roomId: props.roomId.toHexString(),
      seq: (last?.seq ?? 0) + 1,
      kind: props.kind,
      corrects: props.corrects ?? null,
      dedupeKey: props.dedupeKey,
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

/** Recomputes every hash from the records as they are served, in order, and names the first broken one. */
export async function verifyDecisionLog(
  ctx: AppContext,
  props: { roomId: Types.ObjectId },
): Promise<ChainVerification> {
  const records = await ctx.models.DecisionRecord.find({ roomId: props.roomId }).sort({ seq: 1 }).lean();
  const { records: _perRecord, ...verification } = verifyDecisionChain(records.map(servedDecisionRecord));
  return verification;
}

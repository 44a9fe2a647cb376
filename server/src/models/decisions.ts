// Motions, the positions members hold on them, and the decision log: an append-only, hash-chained
// sequence of records per room.
import type { DecisionRecord } from "@mufakat/shared";
import { type Connection, type InferSchemaType, type Model, Schema, type Types } from "mongoose";

const decisionRecordSchema = new Schema({
  roomId: { type: Schema.Types.ObjectId, required: true },
  /** 1, 2, 3… per room; the unique (roomId, seq) index makes concurrent appends take turns. */
  seq: { type: Number, required: true },
  /** One record per motion ("motion:<id>"), so a retried close never records a decision twice. */
  dedupeKey: { type: String, required: true },
  kind: { type: String, enum: ["decision", "correction"], required: true },
  /** For a correction: the seq of the record it corrects. Records are never edited. */
  corrects: { type: Number, default: null },
  /** JSON-only content (strings, numbers, booleans, arrays, objects): what the hash covers. */
  payload: { type: Schema.Types.Mixed, required: true },
  at: { type: Date, required: true },
  prevHash: { type: String, required: true },
  hash: { type: String, required: true },
});
decisionRecordSchema.index({ roomId: 1, seq: 1 }, { unique: true });
decisionRecordSchema.index({ roomId: 1, dedupeKey: 1 }, { unique: true });

export type DecisionRecordDoc = InferSchemaType<typeof decisionRecordSchema> & { _id: Types.ObjectId };

/**
 * A stored record as the API and the exports serve it, and as its hash is computed and checked: every
 * stored field but `_id` (docs/decision-log.md). One mapping for the presenters and the chain, so what is
 * served is what was hashed.
 */
export function servedDecisionRecord(record: DecisionRecordDoc): DecisionRecord {
  return {
    roomId: record.roomId.toHexString(),
    seq: record.seq,
    kind: record.kind as DecisionRecord["kind"],
    corrects: record.corrects ?? null,
    dedupeKey: record.dedupeKey,
    at: record.at.toISOString(),
    payload: record.payload as DecisionRecord["payload"],
    prevHash: record.prevHash,
    hash: record.hash,
  };
}

const eligibleMemberSchema = new Schema(
  {
    memberId: { type: String, required: true },
    sector: { type: String, required: true },
    organisation: { type: String, required: true },
  },
  { _id: false },
);

const motionSchema = new Schema({
  roomId: { type: Schema.Types.ObjectId, required: true },
  proposalId: { type: Schema.Types.ObjectId, required: true },
  proposalTitle: { type: String, required: true },
  frozenText: { type: String, default: "" },
  frozenTextHash: { type: String, required: true },
  rule: { type: Schema.Types.Mixed, required: true },
  secretBallot: { type: Boolean, required: true },
  /** The room's delegationAcrossSectors when the motion opened (motions from before delegation: false). */
  delegationAcrossSectors: { type: Boolean, default: false },
  /** Members entitled to vote: the room's participants and coordinators when the motion opened. */
  eligible: { type: [eligibleMemberSchema], default: [] },
  openedBy: { type: Schema.Types.ObjectId, required: true },
  openedAt: { type: Date, required: true },
  deadline: { type: Date, required: true },
  status: { type: String, enum: ["open", "closing", "closed"], required: true },
  /**
   * The proposal id while the motion is open, the motion's own id once closed: a unique index on it
   * allows one open motion per proposal without a partial index (FerretDB has none).
   */
  openKey: { type: String, required: true },
  closingAt: { type: Date, default: null },
  closedAt: { type: Date, default: null },
  closedBy: { type: Schema.Types.ObjectId, default: null },
  closeReason: { type: String, enum: ["deadline", "allVoted", "coordinator", null], default: null },
  /** The final tally as recorded in the decision log. */
  finalTally: { type: Schema.Types.Mixed, default: null },
  decisionSeq: { type: Number, default: null },
});
motionSchema.index({ openKey: 1 }, { unique: true });
motionSchema.index({ roomId: 1, openedAt: -1 });
motionSchema.index({ status: 1, deadline: 1 });

/**
 * The ballot log: every change of position is one record, never edited, and a member's latest record (by
 * `_id`, which the storing process gives in the order the ballots were cast) is their position. A vote is
 * so one insert, grouped with the others that arrive with it (server/src/db/groupCommit.ts), and the
 * motion's history is kept. The unique key makes a resent clientVoteId one record. (Before the log, a
 * `votes` collection held one current position per member beside this history; the log alone reads the
 * same, since every applied vote was also recorded here.)
 */
const voteEventSchema = new Schema({
  motionId: { type: Schema.Types.ObjectId, required: true },
  /** The member id, or under a secret ballot an HMAC of it that only this server can link back. */
  voterKey: { type: String, required: true },
  clientVoteId: { type: String, required: true },
  sector: { type: String, required: true },
  /** The voter's organisation when the motion opened (null on records made before it was kept here). */
  organisation: { type: String, default: null },
  position: { type: String, required: true },
  reason: { type: String, default: null },
  at: { type: Date, required: true },
});
voteEventSchema.index({ motionId: 1, voterKey: 1, clientVoteId: 1 }, { unique: true });
voteEventSchema.index({ motionId: 1, at: 1 });

export type MotionDoc = InferSchemaType<typeof motionSchema> & { _id: Types.ObjectId };
export type VoteEventDoc = InferSchemaType<typeof voteEventSchema> & { _id: Types.ObjectId };

export function createDecisionModels(connection: Connection) {
  return {
    DecisionRecord: connection.model("DecisionRecord", decisionRecordSchema) as unknown as Model<DecisionRecordDoc>,
    Motion: connection.model("Motion", motionSchema) as unknown as Model<MotionDoc>,
    VoteEvent: connection.model("VoteEvent", voteEventSchema) as unknown as Model<VoteEventDoc>,
  };
}

// Polls and their ballot log. A poll is decided like a motion (eligible members frozen when it opens, a
// deadline, one close recorded in the decision log) but counted by its kind's rule (shared/src/rules/
// pollCount.ts) instead of the consensus gradient.
import { type Connection, type InferSchemaType, type Model, Schema, type Types } from "mongoose";

const pollOptionSchema = new Schema(
  { id: { type: String, required: true }, label: { type: String, required: true } },
  { _id: false },
);

const eligibleMemberSchema = new Schema(
  {
    memberId: { type: String, required: true },
    sector: { type: String, required: true },
    organisation: { type: String, required: true },
  },
  { _id: false },
);

const pollSchema = new Schema({
  roomId: { type: Schema.Types.ObjectId, required: true },
  kind: { type: String, enum: ["ranked", "score", "dot", "time"], required: true },
  title: { type: String, required: true },
  options: { type: [pollOptionSchema], default: [] },
  method: { type: String, enum: ["schulze", "instantRunoff", null], default: null },
  maxScore: { type: Number, default: null },
  dots: { type: Number, default: null },
  /** The room's quorum and sector weighting when the poll opened: the part of its rule a poll honours. */
  quorum: { type: Schema.Types.Mixed, required: true },
  sectorWeighting: { type: String, enum: ["equal", "byMember"], required: true },
  secretBallot: { type: Boolean, required: true },
  eligible: { type: [eligibleMemberSchema], default: [] },
  openedBy: { type: Schema.Types.ObjectId, required: true },
  openedAt: { type: Date, required: true },
  deadline: { type: Date, required: true },
  status: { type: String, enum: ["open", "closing", "closed"], required: true },
  closingAt: { type: Date, default: null },
  closedAt: { type: Date, default: null },
  closedBy: { type: Schema.Types.ObjectId, default: null },
  closeReason: { type: String, enum: ["deadline", "allVoted", "coordinator", null], default: null },
  /** The result as recorded in the decision log. */
  finalResult: { type: Schema.Types.Mixed, default: null },
  decisionSeq: { type: Number, default: null },
});
pollSchema.index({ roomId: 1, openedAt: -1 });
pollSchema.index({ status: 1, deadline: 1 });

/**
 * Every answer a voter gives is one record, never edited; their latest (by `_id`, given by the storing
 * process in the order the answers were cast) is their answer. The unique key makes a resent clientVoteId
 * one record.
 */
const pollBallotSchema = new Schema({
  pollId: { type: Schema.Types.ObjectId, required: true },
  /** The member id, or under a secret ballot an HMAC of it that only this server can link back. */
  voterKey: { type: String, required: true },
  clientVoteId: { type: String, required: true },
  sector: { type: String, required: true },
  answer: { type: Schema.Types.Mixed, required: true },
  at: { type: Date, required: true },
});
pollBallotSchema.index({ pollId: 1, voterKey: 1, clientVoteId: 1 }, { unique: true });

export type PollDoc = InferSchemaType<typeof pollSchema> & { _id: Types.ObjectId };
export type PollBallotDoc = InferSchemaType<typeof pollBallotSchema> & { _id: Types.ObjectId };

export function createPollModels(connection: Connection) {
  return {
    Poll: connection.model("Poll", pollSchema) as unknown as Model<PollDoc>,
    PollBallot: connection.model("PollBallot", pollBallotSchema) as unknown as Model<PollBallotDoc>,
  };
}

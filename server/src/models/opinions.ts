// Opinion statements and the votes on them (issue 16). Votes are append-only: a member who changes their
// mind adds a vote, and each voter's latest vote on a statement is the one that counts. So a vote is one
// insert, never a read-then-update (FerretDB v1.24 runs an update by anything but _id as a collection
// scan), and what the room said before stays on record.
import { Schema, type Connection, type InferSchemaType, type Model, type Types } from "mongoose";
import { opinionVotes, sectors } from "@mufakat/shared";

const opinionStatementSchema = new Schema({
  roomId: { type: Schema.Types.ObjectId, required: true },
  authorId: { type: Schema.Types.ObjectId, required: true },
  text: { type: String, required: true },
  /** The author's sector when they wrote it. */
  sector: { type: String, enum: sectors, required: true },
  createdAt: { type: Date, required: true },
  /** Moderated away: left out of listings, votes and grouping, kept on record. */
  hidden: { type: Boolean, default: false },
});
opinionStatementSchema.index({ roomId: 1, _id: 1 });

const statementVoteSchema = new Schema({
  statementId: { type: Schema.Types.ObjectId, required: true },
  roomId: { type: Schema.Types.ObjectId, required: true },
  voterId: { type: Schema.Types.ObjectId, required: true },
  /** The voter's sector when they voted. */
  sector: { type: String, enum: sectors, required: true },
  vote: { type: String, enum: opinionVotes, required: true },
  at: { type: Date, required: true },
});
statementVoteSchema.index({ roomId: 1, _id: 1 });

export type OpinionStatementDoc = InferSchemaType<typeof opinionStatementSchema> & { _id: Types.ObjectId };
export type StatementVoteDoc = Omit<InferSchemaType<typeof statementVoteSchema>, "vote" | "sector"> & {
  _id: Types.ObjectId;
  vote: (typeof opinionVotes)[number];
  sector: (typeof sectors)[number];
};

export function createOpinionModels(connection: Connection) {
  return {
    OpinionStatement: connection.model(
      "OpinionStatement",
      opinionStatementSchema,
    ) as unknown as Model<OpinionStatementDoc>,
    StatementVote: connection.model("StatementVote", statementVoteSchema) as unknown as Model<StatementVoteDoc>,
  };
}

// Models of live deliberation: proposals, the append-only Yjs update log, the compacted snapshot of
// each proposal, and named versions. Only single-document atomic writes and unique indexes, so they
// run on FerretDB v1.24 as on MongoDB.
import { Schema, type Connection, type InferSchemaType, type Model, type Types } from "mongoose";
import { proposalStatuses } from "@mufakat/shared";

const proposalSchema = new Schema(
  {
    roomId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true },
    status: { type: String, enum: proposalStatuses, default: "draft" },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);
proposalSchema.index({ roomId: 1, createdAt: 1 });

/**
 * One Yjs update per document, written before the update is acknowledged. Its ObjectId orders the log;
 * compaction deletes exactly the entries it merged into the snapshot, never "everything before".
 */
const proposalUpdateSchema = new Schema({
  proposalId: { type: Schema.Types.ObjectId, required: true },
  update: { type: Buffer, required: true },
  bytes: { type: Number, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
});
proposalUpdateSchema.index({ proposalId: 1, _id: 1 });

/** One person's editing session on a proposal (shared/src/rules/participation.ts, editSessions). */
const editSessionSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    from: { type: Date, required: true },
    to: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * The whole document as one update, covering every log entry up to `upTo`; `revision` guards concurrent
 * compactions. `editSessions` keeps who edited when for the entries merged (the participation insight
 * counts editing sessions, and compaction would otherwise erase them), the newest
 * `editSessionsKeptPerProposal` only.
 */
const proposalSnapshotSchema = new Schema({
  proposalId: { type: Schema.Types.ObjectId, required: true },
  state: { type: Buffer, required: true },
  upTo: { type: Schema.Types.ObjectId, required: true },
  mergedUpdates: { type: Number, required: true },
  editSessions: { type: [editSessionSchema], default: [] },
  revision: { type: Number, required: true },
  updatedAt: { type: Date, required: true },
});
proposalSnapshotSchema.index({ proposalId: 1 }, { unique: true });

const proposalVersionSchema = new Schema({
  proposalId: { type: Schema.Types.ObjectId, required: true },
  roomId: { type: Schema.Types.ObjectId, required: true },
  name: { type: String, required: true },
  state: { type: Buffer, required: true },
  /** Plain text of the body at save time, so diffs need not rebuild documents. */
  text: { type: String, default: "" },
  createdBy: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
});
proposalVersionSchema.index({ proposalId: 1, createdAt: -1 });

export type ProposalDoc = InferSchemaType<typeof proposalSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export type ProposalUpdateDoc = InferSchemaType<typeof proposalUpdateSchema> & { _id: Types.ObjectId };
export type ProposalSnapshotDoc = InferSchemaType<typeof proposalSnapshotSchema> & { _id: Types.ObjectId };
export type ProposalVersionDoc = InferSchemaType<typeof proposalVersionSchema> & { _id: Types.ObjectId };

export function createCollaborationModels(connection: Connection) {
  return {
    Proposal: connection.model("Proposal", proposalSchema) as unknown as Model<ProposalDoc>,
    ProposalUpdate: connection.model("ProposalUpdate", proposalUpdateSchema) as unknown as Model<ProposalUpdateDoc>,
    ProposalSnapshot: connection.model(
      "ProposalSnapshot",
      proposalSnapshotSchema,
    ) as unknown as Model<ProposalSnapshotDoc>,
    ProposalVersion: connection.model("ProposalVersion", proposalVersionSchema) as unknown as Model<ProposalVersionDoc>,
  };
}

/** Bytes of a stored Buffer field: lean() documents may hold a BSON Binary instead of a Buffer. */
export function storedBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const binary = value as { buffer?: unknown } | null;
  if (binary && binary.buffer instanceof Uint8Array) return binary.buffer;
  throw new Error("stored value is not binary");
}

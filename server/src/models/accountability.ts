// Accountability: commitments that carry out adopted decisions (with dated progress notes), resource
// pledges, live attendance intervals, and per-room settings of the participation insight. Every write is
// one single-document insert or update, so they run on FerretDB v1.24 as on MongoDB.
import { Schema, type Connection, type InferSchemaType, type Model, type Types } from "mongoose";
import { commitmentStatuses, pledgeStatuses, resourceKinds, sectors } from "@mufakat/shared";

const progressNoteSchema = new Schema(
  {
    note: { type: String, required: true },
    percentComplete: { type: Number, default: null },
    authorId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const commitmentSchema = new Schema({
  roomId: { type: Schema.Types.ObjectId, required: true },
  /** The adopted decision record (roomId, seq) this commitment carries out. */
  decisionSeq: { type: Number, required: true },
  /** The proposal title as the record holds it, so listings need no second read. */
  decisionTitle: { type: String, required: true },
  what: { type: String, required: true },
  ownerUserId: { type: Schema.Types.ObjectId, default: null },
  ownerOrganisation: { type: String, default: null },
  sector: { type: String, enum: sectors, required: true },
  dueDate: { type: Date, required: true },
  status: { type: String, enum: commitmentStatuses, required: true },
  percentComplete: { type: Number, required: true },
  progress: { type: [progressNoteSchema], default: [] },
  createdBy: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
});
commitmentSchema.index({ roomId: 1, decisionSeq: 1 });
commitmentSchema.index({ roomId: 1, createdAt: 1 });

const pledgeSchema = new Schema({
  roomId: { type: Schema.Types.ObjectId, required: true },
  /** An adopted decision of the room, or null for the room as a whole. */
  decisionSeq: { type: Number, default: null },
  kind: { type: String, enum: resourceKinds, required: true },
  /** In hundredths of the unit, so totals are exact integer sums. */
  quantityHundredths: { type: Number, required: true },
  unit: { type: String, required: true },
  note: { type: String, default: "" },
  userId: { type: Schema.Types.ObjectId, required: true },
  /** The member's organisation and sector in the room when pledging. */
  organisation: { type: String, required: true },
  sector: { type: String, enum: sectors, required: true },
  status: { type: String, enum: pledgeStatuses, required: true },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
});
pledgeSchema.index({ roomId: 1, createdAt: -1 });

/** One stay of one socket in one room: open (leftAt null) while the socket is in the room's channel. */
const attendanceIntervalSchema = new Schema({
  roomId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  sector: { type: String, enum: sectors, required: true },
  socketId: { type: String, required: true },
  joinedAt: { type: Date, required: true },
  leftAt: { type: Date, default: null },
  /**
   * Set on the record of a stay that ended: the _id of the open record stored at its join, which this one
   * supersedes. A leave is an insert, not an update: FerretDB runs an update by _id as a scan of the
   * collection, and a thousand of them in a reconnect storm queued for minutes.
   */
  closes: { type: Schema.Types.ObjectId, default: null },
});
attendanceIntervalSchema.index({ roomId: 1, joinedAt: 1 });

/**
 * Per-room settings of the participation insight; a room without a document, or without `quietPercent`,
 * uses the defaults. `symbolicFloorPercent` is the old floor: read by nothing, removed by the next save.
 */
const accountabilitySettingsSchema = new Schema({
  roomId: { type: Schema.Types.ObjectId, required: true },
  quietPercent: { type: Number, default: null },
  symbolicFloorPercent: { type: Number },
  updatedAt: { type: Date, required: true },
});
accountabilitySettingsSchema.index({ roomId: 1 }, { unique: true });

type StoredCommitment = InferSchemaType<typeof commitmentSchema>;
export type CommitmentDoc = Omit<StoredCommitment, "progress"> & {
  _id: Types.ObjectId;
  progress: Array<{ note: string; percentComplete: number | null; authorId: Types.ObjectId; at: Date }>;
};
export type PledgeDoc = InferSchemaType<typeof pledgeSchema> & { _id: Types.ObjectId };
export type AttendanceIntervalDoc = InferSchemaType<typeof attendanceIntervalSchema> & { _id: Types.ObjectId };
export type AccountabilitySettingsDoc = InferSchemaType<typeof accountabilitySettingsSchema> & { _id: Types.ObjectId };

export function createAccountabilityModels(connection: Connection) {
  return {
    Commitment: connection.model("Commitment", commitmentSchema) as unknown as Model<CommitmentDoc>,
    Pledge: connection.model("Pledge", pledgeSchema) as unknown as Model<PledgeDoc>,
    AttendanceInterval: connection.model(
      "AttendanceInterval",
      attendanceIntervalSchema,
    ) as unknown as Model<AttendanceIntervalDoc>,
    AccountabilitySettings: connection.model(
      "AccountabilitySettings",
      accountabilitySettingsSchema,
    ) as unknown as Model<AccountabilitySettingsDoc>,
  };
}

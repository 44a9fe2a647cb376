// Vote delegations in force: one document per (room, delegator, scope), its _id derived from the three (as
// memberships are), so giving a delegation again replaces the one in that scope and taking it back is a
// delete by _id. Current state, not a log: what a closed motion counted is in its final tally. A room's
// delegations are read by roomId only when a motion is loaded into memory, closed or viewed, never per
// vote (FerretDB pushes down nothing but an _id-only filter; commands/voting.ts keeps them in memory).
import { createHash } from "node:crypto";
import { type Connection, type InferSchemaType, type Model, Schema, Types } from "mongoose";

const delegationSchema = new Schema({
  roomId: { type: Schema.Types.ObjectId, required: true },
  delegatorId: { type: Schema.Types.ObjectId, required: true },
  delegateId: { type: Schema.Types.ObjectId, required: true },
  /** The motion a motion-scoped delegation is for; null for a room-wide one. */
  motionId: { type: Schema.Types.ObjectId, default: null },
  createdAt: { type: Date, required: true },
});
delegationSchema.index({ roomId: 1 });

export type DelegationDoc = InferSchemaType<typeof delegationSchema> & { _id: Types.ObjectId };

/** The _id of a member's delegation in a room, room-wide (motionId null) or for one motion. */
export function delegationIdFor(
  roomId: Types.ObjectId,
  delegatorId: Types.ObjectId,
  motionId: Types.ObjectId | null,
): Types.ObjectId {
  const scope = motionId ? `motion:${motionId.toHexString()}` : "room";
  const digest = createHash("sha256")
    .update(`delegation:${roomId.toHexString()}:${delegatorId.toHexString()}:${scope}`)
    .digest();
  return new Types.ObjectId(digest.subarray(0, 12));
}

export function createDelegationModels(connection: Connection) {
  return {
    Delegation: connection.model("Delegation", delegationSchema) as unknown as Model<DelegationDoc>,
  };
}

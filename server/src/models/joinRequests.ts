// Requests to join an invite-only room: one document per room and requester, its _id derived from both (as
// memberships are), so "has this user asked already?" is a lookup by _id and two simultaneous requests
// cannot both be stored. A declined request can be made again: the same document goes back to pending.
import { createHash } from "node:crypto";
import { Schema, type Connection, type InferSchemaType, type Model, Types } from "mongoose";
import { joinRequestStatuses } from "@mufakat/shared";

const joinRequestSchema = new Schema({
  roomId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  status: { type: String, enum: joinRequestStatuses, required: true },
  /** The coordinator's reason for declining, if given. */
  reason: { type: String, default: null },
  createdAt: { type: Date, required: true },
  decidedAt: { type: Date, default: null },
  decidedBy: { type: Schema.Types.ObjectId, default: null },
});
joinRequestSchema.index({ roomId: 1, status: 1, createdAt: 1 });

export type JoinRequestDoc = InferSchemaType<typeof joinRequestSchema> & { _id: Types.ObjectId };

export function joinRequestIdFor(roomId: Types.ObjectId, userId: Types.ObjectId): Types.ObjectId {
  const digest = createHash("sha256").update(`join-request:${roomId.toHexString()}:${userId.toHexString()}`).digest();
  return new Types.ObjectId(digest.subarray(0, 12));
}

export function createJoinRequestModels(connection: Connection) {
  return {
    JoinRequest: connection.model("JoinRequest", joinRequestSchema) as unknown as Model<JoinRequestDoc>,
  };
}

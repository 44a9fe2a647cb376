// Who may change commitments and pledges, beside the room-level rules of roomPolicy.ts: participants
// write their own, coordinators act on any in their room.
import type { MemberRole } from "@mufakat/shared";
import type { Types } from "mongoose";

/** A participant names only themselves as a commitment's owner; a coordinator may name any member. */
export function canNameCommitmentOwner(role: MemberRole, ownerUserId: string, userId: Types.ObjectId): boolean {
  return role === "coordinator" || ownerUserId === userId.toHexString();
}

/** Its owner, its author, or a coordinator of the room. */
export function canChangeCommitment(
  role: MemberRole,
  commitment: { createdBy: Types.ObjectId; ownerUserId?: Types.ObjectId | null },
  userId: Types.ObjectId,
): boolean {
  return (
    role === "coordinator" || commitment.createdBy.equals(userId) || Boolean(commitment.ownerUserId?.equals(userId))
  );
}

/** The member who pledged, or a coordinator recording a delivery or withdrawal. */
export function canChangePledge(role: MemberRole, pledge: { userId: Types.ObjectId }, userId: Types.ObjectId): boolean {
  return role === "coordinator" || pledge.userId.equals(userId);
}

// Loads a room and the caller's membership, and refuses unless the caller may perform `action`.
import { type MemberRole, roomRefusal } from "@mufakat/shared";
import { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import { type MembershipDoc, type RoomDoc, membershipIdFor } from "../models/index.ts";
import { type RoomAction, policyRoom } from "../policies/roomPolicy.ts";

const refusalMessages = {
  NOT_A_MEMBER: "you are not a member of this room",
  NOT_A_COORDINATOR: "only a coordinator of this room can do this",
  READ_ONLY_ROLE: "observers can read but not write",
} as const;

export interface RoomAccess {
  room: RoomDoc;
  membership: MembershipDoc;
  role: MemberRole;
}

export async function loadRoomAccess(
  ctx: AppContext,
  props: { roomId: string; userId: Types.ObjectId; action: RoomAction },
): Promise<RoomAccess> {
  const room = await findRoom(ctx, props.roomId);
  const membership = await findMembership(ctx, room._id, props.userId);
  return checkRoomAccess(room, membership, props.action);
}

/** Refuses unless `membership` (null: none) may perform `action` in `room`; the same answer whether read or cached. */
export function checkRoomAccess(room: RoomDoc, membership: MembershipDoc | null, action: RoomAction): RoomAccess {
  const role = (membership?.role ?? null) as MemberRole | null;
  const refusal = roomRefusal(action, role, policyRoom(room));
  if (!membership || refusal) {
    const code = refusal ?? "NOT_A_MEMBER";
    throw appError(code, refusalMessages[code]);
  }
  return { room, membership, role: role as MemberRole };
}

/** A user's membership of a room, or null: by its derived _id, else (made before those ids) by its fields. */
export async function findMembership(
  ctx: AppContext,
  roomId: Types.ObjectId,
  userId: Types.ObjectId,
): Promise<MembershipDoc | null> {
  const byId = await ctx.models.Membership.findById(membershipIdFor(roomId, userId)).lean();
  if (byId) return byId;
  return ctx.models.Membership.findOne({ roomId, userId }).lean();
}

export async function findRoom(ctx: AppContext, roomId: string): Promise<RoomDoc> {
  const room = Types.ObjectId.isValid(roomId) ? await ctx.models.Room.findById(roomId).lean() : null;
  if (!room) throw appError("ROOM_NOT_FOUND", "no such room");
  return room;
}

import { type MemberRole, limits } from "@mufakat/shared";
import { trusted } from "mongoose";
import type { AppContext } from "../context.ts";
import type { RoomDoc, UserDoc } from "../models/index.ts";

export interface ListedRoom {
  room: RoomDoc;
  myRole: MemberRole | null;
}

/** Rooms the user belongs to, newest membership first. */
export async function listMyRooms(ctx: AppContext, props: { user: UserDoc }): Promise<ListedRoom[]> {
  const memberships = await ctx.models.Membership.find({ userId: props.user._id })
    .sort({ joinedAt: -1 })
    .limit(limits.pageSizeMax)
    .lean();
  const rooms = await ctx.models.Room.find({ _id: trusted({ $in: memberships.map((m) => m.roomId) }) }).lean();
  const byId = new Map(rooms.map((room) => [room._id.toHexString(), room]));
  return memberships.flatMap((membership) => {
    const room = byId.get(membership.roomId.toHexString());
    return room ? [{ room, myRole: membership.role as MemberRole }] : [];
  });
}

/** The directory: open rooms, newest first, with the caller's role where they are a member. */
export async function listOpenRooms(ctx: AppContext, props: { user: UserDoc }): Promise<ListedRoom[]> {
  const rooms = await ctx.models.Room.find({ visibility: "open" })
    .sort({ createdAt: -1 })
    .limit(limits.pageSizeMax)
    .lean();
  const memberships = await ctx.models.Membership.find({
    userId: props.user._id,
    roomId: trusted({ $in: rooms.map((room) => room._id) }),
  }).lean();
  const roles = new Map(memberships.map((m) => [m.roomId.toHexString(), m.role as MemberRole]));
  return rooms.map((room) => ({ room, myRole: roles.get(room._id.toHexString()) ?? null }));
}

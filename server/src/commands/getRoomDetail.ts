import type { PublicUser, RoomDetail } from "@mufakat/shared";
import { trusted } from "mongoose";
import type { AppContext } from "../context.ts";
import type { UserDoc } from "../models/index.ts";
import { presentRoomDetail } from "../presenters/rooms.ts";
import { presentPublicUser } from "../presenters/users.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";

export async function getRoomDetail(ctx: AppContext, props: { user: UserDoc; roomId: string }): Promise<RoomDetail> {
  const { room, role } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "room.view",
  });
  const memberships = await ctx.models.Membership.find({ roomId: room._id }).lean();
  const users = await ctx.models.User.find(
    { _id: trusted({ $in: memberships.map((m) => m.userId) }) },
    { displayName: 1, sector: 1, organisation: 1 },
  ).lean();
  const usersById = new Map<string, PublicUser>(users.map((u) => [u._id.toHexString(), presentPublicUser(u)]));
  return presentRoomDetail(room, role, memberships, usersById);
}

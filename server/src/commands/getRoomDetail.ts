// One room as a member sees it: the room, the caller's role, every membership and the members' cards.
import type { MemberRole } from "@mufakat/shared";
import type { AppContext } from "../context.ts";
import type { MembershipDoc, RoomDoc, UserDoc } from "../models/index.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";
import { type UserCard, userCardsById } from "./userCards.ts";

export interface RoomDetailView {
  room: RoomDoc;
  role: MemberRole;
  memberships: MembershipDoc[];
  users: Map<string, UserCard>;
}

export async function getRoomDetail(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<RoomDetailView> {
  const { room, role } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "room.view",
  });
  const memberships = await ctx.models.Membership.find({ roomId: room._id }).lean();
  return {
    room,
    role,
    memberships,
    users: await userCardsById(
      ctx,
      memberships.map((m) => m.userId),
    ),
  };
}

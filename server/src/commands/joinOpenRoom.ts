import { joinRefusal } from "@mufakat/shared";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { MembershipDoc, RoomDoc, UserDoc } from "../models/index.ts";
import { addMembership } from "./addMembership.ts";
import { policyRoom } from "../policies/roomPolicy.ts";
import { findRoom } from "./loadRoomAccess.ts";

/** Joins an open room from the directory as a participant. */
export async function joinOpenRoom(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<{ room: RoomDoc; membership: MembershipDoc }> {
  const room = await findRoom(ctx, props.roomId);
  const refusal = joinRefusal(policyRoom(room));
  if (refusal === "ROOM_INVITE_ONLY")
    throw appError("ROOM_INVITE_ONLY", "this room is invite-only; ask a coordinator for an invite link");
  if (refusal === "FORBIDDEN") throw appError("FORBIDDEN", "this collaboration has ended and takes no new members");
  const membership = await addMembership(ctx, { roomId: room._id, user: props.user, role: "participant" });
  return { room, membership };
}

import type { MemberRole } from "@mufakat/shared";
import type { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError, isDuplicateKey } from "../errors.ts";
import { type MembershipDoc, type UserDoc, membershipIdFor } from "../models/index.ts";

/**
 * Adds a member, recording the sector and organisation they speak for as of now. The unique
 * (roomId, userId) index decides races between two joins of the same user.
 */
export async function addMembership(
  ctx: AppContext,
  props: { roomId: Types.ObjectId; user: UserDoc; role: MemberRole },
): Promise<MembershipDoc> {
  try {
    const membership = await ctx.models.Membership.create({
      _id: membershipIdFor(props.roomId, props.user._id),
      roomId: props.roomId,
      userId: props.user._id,
      role: props.role,
      sector: props.user.sector,
      organisation: props.user.organisation,
      joinedAt: ctx.now(),
    });
    await ctx.models.Room.updateOne({ _id: props.roomId }, { $inc: { memberCount: 1 } });
    ctx.events.publish("membershipChanged", {
      roomId: props.roomId.toHexString(),
      userId: props.user._id.toHexString(),
      role: props.role,
    });
    return membership.toObject();
  } catch (error) {
    if (isDuplicateKey(error)) throw appError("ALREADY_MEMBER", "you are already a member of this room");
    throw error;
  }
}

import { type CreateRoomInput, createRoomInputSchema } from "@mufakat/shared";
import type { AppContext } from "../context.ts";
import { type MembershipDoc, type RoomDoc, type UserDoc, membershipIdFor } from "../models/index.ts";
import { recordAudit } from "./recordAudit.ts";

/** Creates a room with its creator as first coordinator. */
export async function createRoom(
  ctx: AppContext,
  props: { user: UserDoc; input: CreateRoomInput },
): Promise<{ room: RoomDoc; membership: MembershipDoc }> {
  const input = createRoomInputSchema.parse(props.input);
  const now = ctx.now();
  const room = (await ctx.models.Room.create({ ...input, createdBy: props.user._id, memberCount: 1 })).toObject();
  try {
    const membership = (
      await ctx.models.Membership.create({
        _id: membershipIdFor(room._id, props.user._id),
        roomId: room._id,
        userId: props.user._id,
        role: "coordinator",
        sector: props.user.sector,
        organisation: props.user.organisation,
        joinedAt: now,
      })
    ).toObject();
    await recordAudit(ctx, { roomId: room._id, actorId: props.user._id, action: "room.created", after: input });
    ctx.events.publish("membershipChanged", {
      roomId: room._id.toHexString(),
      userId: props.user._id.toHexString(),
      role: "coordinator",
    });
    return { room, membership };
  } catch (error) {
    // No transactions here: undo the room so a half-made room with no coordinator never lingers.
    await ctx.models.Room.deleteOne({ _id: room._id });
    await ctx.models.Membership.deleteMany({ roomId: room._id });
    throw error;
  }
}

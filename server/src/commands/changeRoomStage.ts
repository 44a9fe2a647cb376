import type { CollaborationStage } from "@mufakat/shared";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { RoomDoc, UserDoc } from "../models/index.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";
import { recordAudit } from "./recordAudit.ts";

export async function changeRoomStage(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; stage: CollaborationStage },
): Promise<RoomDoc> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "room.changeStage",
  });
  if (room.stage === props.stage) return room;
  const updated = await ctx.models.Room.findOneAndUpdate(
    { _id: room._id, stage: room.stage },
    { $set: { stage: props.stage } },
    { returnDocument: "after" },
  ).lean();
  if (!updated) throw appError("CONFLICT", "the stage changed meanwhile; reload and try again");
  await recordAudit(ctx, {
    roomId: room._id,
    actorId: props.user._id,
    action: "stage.changed",
    before: { stage: room.stage },
    after: { stage: props.stage },
  });
  ctx.events.publish("roomStageChanged", {
    roomId: room._id.toHexString(),
    stage: props.stage,
    previousStage: room.stage,
  });
  return updated;
}

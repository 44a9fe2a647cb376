// The room's audit trail with the cards of the people who acted.
import type { AppContext } from "../context.ts";
import type { AuditEntryDoc, UserDoc } from "../models/index.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";
import { type UserCard, userCardsById } from "./userCards.ts";

export interface RoomAuditView {
  entries: AuditEntryDoc[];
  actors: Map<string, UserCard>;
}

/** The room's audit trail, newest first. Every member may read it: coordinators act in the open. */
export async function listRoomAudit(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; limit: number },
): Promise<RoomAuditView> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "room.viewAudit",
  });
  const entries = await ctx.models.AuditEntry.find({ roomId: room._id })
    .sort({ at: -1, _id: -1 })
    .limit(props.limit)
    .lean();
  return {
    entries,
    actors: await userCardsById(
      ctx,
      entries.map((e) => e.actorId),
    ),
  };
}

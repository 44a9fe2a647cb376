import type { AuditEntry, PublicUser } from "@mufakat/shared";
import { trusted } from "mongoose";
import type { AppContext } from "../context.ts";
import type { UserDoc } from "../models/index.ts";
import { presentAuditEntry } from "../presenters/rooms.ts";
import { presentPublicUser } from "../presenters/users.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";

/** The room's audit trail, newest first. Every member may read it: coordinators act in the open. */
export async function listRoomAudit(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; limit: number },
): Promise<AuditEntry[]> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "room.viewAudit",
  });
  const entries = await ctx.models.AuditEntry.find({ roomId: room._id })
    .sort({ at: -1, _id: -1 })
    .limit(props.limit)
    .lean();
  const actors = await ctx.models.User.find(
    { _id: trusted({ $in: entries.map((e) => e.actorId) }) },
    { displayName: 1, sector: 1, organisation: 1 },
  ).lean();
  const byId = new Map<string, PublicUser>(actors.map((u) => [u._id.toHexString(), presentPublicUser(u)]));
  return entries.map((entry) => presentAuditEntry(entry, byId.get(entry.actorId.toHexString())));
}

// A room's proposals, oldest first (members of every role may read them).
import { limits } from "@mufakat/shared";
import type { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import type { ProposalDoc } from "../models/collaboration.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";

export async function listProposals(
  ctx: AppContext,
  props: { userId: Types.ObjectId; roomId: string },
): Promise<ProposalDoc[]> {
  const { room } = await loadRoomAccess(ctx, { roomId: props.roomId, userId: props.userId, action: "proposal.view" });
  return roomProposals(ctx, room._id);
}

/** The proposals of a room whose access the caller has already checked. */
export function roomProposals(ctx: AppContext, roomId: Types.ObjectId): Promise<ProposalDoc[]> {
  return ctx.models.Proposal.find({ roomId }).sort({ createdAt: 1 }).limit(limits.proposalsPerRoom).lean();
}

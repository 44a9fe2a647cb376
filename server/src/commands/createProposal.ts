// Opens a new proposal in a room (any member who may write); its body starts empty.
import { limits } from "@mufakat/shared";
import type { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { ProposalDoc } from "../models/collaboration.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";

export async function createProposal(
  ctx: AppContext,
  props: { userId: Types.ObjectId; roomId: string; title: string },
): Promise<ProposalDoc> {
  const { room } = await loadRoomAccess(ctx, { roomId: props.roomId, userId: props.userId, action: "proposal.create" });
  // A count, not a counter: two creations racing at the limit may overshoot it by one, which is harmless.
  const existing = await ctx.models.Proposal.countDocuments({ roomId: room._id });
  if (existing >= limits.proposalsPerRoom) {
    throw appError("TOO_MANY_PROPOSALS", `a room holds at most ${limits.proposalsPerRoom} proposals`, {
      limit: limits.proposalsPerRoom,
    });
  }
  const created = await ctx.models.Proposal.create({ roomId: room._id, title: props.title, createdBy: props.userId });
  ctx.events.publish("proposalChanged", { roomId: props.roomId, proposalId: created._id.toHexString() });
  return created.toObject() as ProposalDoc;
}

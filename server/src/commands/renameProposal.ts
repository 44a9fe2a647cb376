// Renames a proposal (members who may write).
import type { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { ProposalDoc } from "../models/collaboration.ts";
import { loadProposal } from "./loadProposal.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";

export async function renameProposal(
  ctx: AppContext,
  props: { userId: Types.ObjectId; proposalId: string; title: string },
): Promise<ProposalDoc> {
  const proposal = await loadProposal(ctx, { proposalId: props.proposalId });
  await loadRoomAccess(ctx, { roomId: proposal.roomId.toHexString(), userId: props.userId, action: "proposal.rename" });
  const renamed = await ctx.models.Proposal.findOneAndUpdate(
    { _id: proposal._id },
    { $set: { title: props.title } },
    { returnDocument: "after" },
  ).lean();
  if (!renamed) throw appError("PROPOSAL_NOT_FOUND", "no such proposal");
  ctx.events.publish("proposalChanged", { roomId: renamed.roomId.toHexString(), proposalId: props.proposalId });
  return renamed;
}

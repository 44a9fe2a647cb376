// Finds a proposal by id, refusing unknown ids the same way as malformed ones.
import { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { ProposalDoc } from "../models/collaboration.ts";

export async function loadProposal(ctx: AppContext, props: { proposalId: string }): Promise<ProposalDoc> {
  const proposal = Types.ObjectId.isValid(props.proposalId)
    ? await ctx.models.Proposal.findById(props.proposalId).lean()
    : null;
  if (!proposal) throw appError("PROPOSAL_NOT_FOUND", "no such proposal");
  return proposal;
}

// Shapes proposals and their named versions for the wire.
import type { Proposal, ProposalStatus, ProposalVersion, PublicUser } from "@mufakat/shared";
import { type ProposalDoc, type ProposalVersionDoc, storedBytes } from "../models/collaboration.ts";
import { formerUser } from "./users.ts";

export function presentProposal(proposal: ProposalDoc): Proposal {
  return {
    id: proposal._id.toHexString(),
    roomId: proposal.roomId.toHexString(),
    title: proposal.title,
    status: (proposal.status ?? "draft") as ProposalStatus,
    createdBy: proposal.createdBy.toHexString(),
    createdAt: proposal.createdAt.toISOString(),
    updatedAt: proposal.updatedAt.toISOString(),
  };
}

export function presentProposalVersion(version: ProposalVersionDoc, author: PublicUser | undefined): ProposalVersion {
  return {
    id: version._id.toHexString(),
    proposalId: version.proposalId.toHexString(),
    name: version.name,
    createdBy: author ?? formerUser(version.createdBy.toHexString()),
    createdAt: version.createdAt.toISOString(),
    bytes: storedBytes(version.state).byteLength,
  };
}

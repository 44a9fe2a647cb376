// Named versions of a proposal: save the current text under a name, list them, diff any two (or a
// version against the live text).
import { type TextDiff, type VersionRef, limits } from "@mufakat/shared";
import { Types } from "mongoose";
import * as Y from "yjs";
import type { DocumentHub } from "../collaboration/documentHub.ts";
import { diffText } from "../collaboration/textDiff.ts";
import { plainTextOfState } from "../collaboration/yjsUpdates.ts";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import { type ProposalDoc, type ProposalVersionDoc, storedBytes } from "../models/collaboration.ts";
import { loadProposal } from "./loadProposal.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";

async function proposalWithAccess(
  ctx: AppContext,
  props: { userId: Types.ObjectId; proposalId: string; action: "proposal.view" | "proposal.edit" },
): Promise<ProposalDoc> {
  const proposal = await loadProposal(ctx, { proposalId: props.proposalId });
  await loadRoomAccess(ctx, { roomId: proposal.roomId.toHexString(), userId: props.userId, action: props.action });
  return proposal;
}

/** The live state: the in-memory document, which holds every acknowledged edit of every process. */
async function currentState(hub: DocumentHub, proposalId: Types.ObjectId): Promise<Uint8Array> {
  return hub.withDocument(proposalId, (doc) => Y.encodeStateAsUpdate(doc));
}

export async function saveProposalVersion(
  ctx: AppContext,
  props: { hub: DocumentHub; userId: Types.ObjectId; proposalId: string; name: string },
): Promise<ProposalVersionDoc> {
  const proposal = await proposalWithAccess(ctx, { ...props, action: "proposal.edit" });
  const count = await ctx.models.ProposalVersion.countDocuments({ proposalId: proposal._id });
  if (count >= limits.versionsPerProposal) {
    throw appError("TOO_MANY_VERSIONS", `a proposal keeps at most ${limits.versionsPerProposal} named versions`, {
      limit: limits.versionsPerProposal,
    });
  }
  const state = await currentState(props.hub, proposal._id);
  const created = await ctx.models.ProposalVersion.create({
    proposalId: proposal._id,
    roomId: proposal.roomId,
    name: props.name,
    state: Buffer.from(state.buffer, state.byteOffset, state.byteLength),
    text: plainTextOfState(state),
    createdBy: props.userId,
    createdAt: ctx.now(),
  });
  return created.toObject() as ProposalVersionDoc;
}

export async function listProposalVersions(
  ctx: AppContext,
  props: { userId: Types.ObjectId; proposalId: string },
): Promise<ProposalVersionDoc[]> {
  const proposal = await proposalWithAccess(ctx, { ...props, action: "proposal.view" });
  return ctx.models.ProposalVersion.find({ proposalId: proposal._id })
    .sort({ createdAt: -1, _id: -1 })
    .limit(limits.versionsPerProposal)
    .lean();
}

export async function diffProposalVersions(
  ctx: AppContext,
  props: { hub: DocumentHub; userId: Types.ObjectId; proposalId: string; from: VersionRef; to: VersionRef },
): Promise<TextDiff> {
  const proposal = await proposalWithAccess(ctx, { ...props, action: "proposal.view" });
  const textOf = async (ref: VersionRef): Promise<string> => {
    if (ref === "current") return plainTextOfState(await currentState(props.hub, proposal._id));
    const version = await ctx.models.ProposalVersion.findOne({
      _id: new Types.ObjectId(ref),
      proposalId: proposal._id,
    }).lean();
    if (!version) throw appError("PROPOSAL_VERSION_NOT_FOUND", `no version ${ref} of this proposal`);
    return version.text ?? plainTextOfState(storedBytes(version.state));
  };
  const fromText = await textOf(props.from);
  const toText = await textOf(props.to);
  return { from: props.from, to: props.to, fromText, toText, changes: diffText(fromText, toText) };
}

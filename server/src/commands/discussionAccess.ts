// Who may do what in a discussion: comments follow the access rules of the proposal's room, and a
// message can be changed only by its author while they are still a member.
import { ownsMessage } from "@mufakat/shared";
import { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { ProposalDoc } from "../models/collaboration.ts";
import type { DiscussionMessageDoc } from "../models/discussion.ts";
import type { UserDoc } from "../models/index.ts";
import type { RoomAction } from "../policies/roomPolicy.ts";
import { type RoomAccess, loadRoomAccess } from "./loadRoomAccess.ts";
import { loadProposal } from "./loadProposal.ts";

/** The proposal and the caller's access to its room; with `roomId`, a proposal of another room is unknown. */
export async function loadProposalDiscussion(
  ctx: AppContext,
  props: { proposalId: string; userId: Types.ObjectId; action: RoomAction; roomId?: string },
): Promise<{ proposal: ProposalDoc; access: RoomAccess }> {
  const proposal = await loadProposal(ctx, { proposalId: props.proposalId });
  if (props.roomId !== undefined && proposal.roomId.toHexString() !== props.roomId) {
    throw appError("PROPOSAL_NOT_FOUND", "no such proposal in this room");
  }
  const access = await loadRoomAccess(ctx, {
    roomId: proposal.roomId.toHexString(),
    userId: props.userId,
    action: props.action,
  });
  return { proposal, access };
}

/** A message the caller wrote, in a room where they may still `action`; anything else is refused by name. */
export async function loadOwnMessage(
  ctx: AppContext,
  props: { messageId: string; user: UserDoc; action: RoomAction },
): Promise<{ message: DiscussionMessageDoc; access: RoomAccess }> {
  const message = Types.ObjectId.isValid(props.messageId)
    ? await ctx.models.DiscussionMessage.findById(props.messageId).lean()
    : null;
  if (!message) throw appError("MESSAGE_NOT_FOUND", "no such message");
  const access = await loadRoomAccess(ctx, {
    roomId: message.roomId.toHexString(),
    userId: props.user._id,
    action: props.action,
  });
  if (!ownsMessage({ userId: props.user._id.toHexString() }, { authorId: message.authorId.toHexString() })) {
    throw appError("NOT_YOUR_MESSAGE", "only its author can change a message");
  }
  return { message, access };
}

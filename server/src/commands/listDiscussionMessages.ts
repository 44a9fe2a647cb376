// History of a room's chat and of a proposal's comments: pages of limits.discussionPageSize, newest
// first, each older page asked for with the last page's `nextBefore` (a message id).
import { limits } from "@mufakat/shared";
import { Types, trusted } from "mongoose";
import type { AppContext } from "../context.ts";
import type { DiscussionMessageDoc } from "../models/discussion.ts";
import type { UserDoc } from "../models/index.ts";
import { loadProposalDiscussion } from "./discussionAccess.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";
import type { UserCard } from "./userCards.ts";

export interface DiscussionHistory {
  messages: DiscussionMessageDoc[];
  authors: Map<string, UserCard>;
  nextBefore: string | null;
}

export async function listChatMessages(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; before?: string | undefined },
): Promise<DiscussionHistory> {
  const { room } = await loadRoomAccess(ctx, { roomId: props.roomId, userId: props.user._id, action: "room.view" });
  return loadPage(ctx, { roomId: room._id, kind: "chat" }, props.before);
}

export async function listProposalComments(
  ctx: AppContext,
  props: { user: UserDoc; proposalId: string; roomId?: string; before?: string | undefined },
): Promise<DiscussionHistory> {
  const { proposal } = await loadProposalDiscussion(ctx, {
    proposalId: props.proposalId,
    userId: props.user._id,
    action: "proposal.view",
    ...(props.roomId !== undefined ? { roomId: props.roomId } : {}),
  });
  return loadPage(ctx, { proposalId: proposal._id, kind: "comment" }, props.before);
}

async function loadPage(
  ctx: AppContext,
  filter: { roomId: Types.ObjectId; kind: "chat" } | { proposalId: Types.ObjectId; kind: "comment" },
  before: string | undefined,
): Promise<DiscussionHistory> {
  const pageSize = limits.discussionPageSize;
  // One more than a page tells whether an older page exists without a count query.
  const found = await ctx.models.DiscussionMessage.find({
    ...filter,
    ...(before ? { _id: trusted({ $lt: new Types.ObjectId(before) }) } : {}),
  })
    .sort({ _id: -1 })
    .limit(pageSize + 1)
    .lean();
  const messages = found.slice(0, pageSize);
  const last = messages.at(-1);
  return {
    messages,
    authors: await loadAuthors(ctx, messages),
    nextBefore: found.length > pageSize && last ? last._id.toHexString() : null,
  };
}

async function loadAuthors(ctx: AppContext, messages: DiscussionMessageDoc[]): Promise<Map<string, UserCard>> {
  const ids = [...new Set(messages.map((message) => message.authorId.toHexString()))];
  if (ids.length === 0) return new Map();
  const users = await ctx.models.User.find(
    { _id: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) },
    { displayName: 1, sector: 1, organisation: 1 },
  ).lean();
  return new Map(users.map((user) => [user._id.toHexString(), user]));
}

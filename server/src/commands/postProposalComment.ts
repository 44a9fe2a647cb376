// Comments on a proposal: a thread's first comment, optionally anchored to a span of the text, or a
// reply to another comment on the same proposal.
import type { CommentAnchor } from "@mufakat/shared";
import { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { validationError } from "../errors.ts";
import type { DiscussionMessageDoc } from "../models/discussion.ts";
import type { UserDoc } from "../models/index.ts";
import { loadProposalDiscussion } from "./discussionAccess.ts";
import type { StoredDiscussionMessage } from "./postChatMessage.ts";
import { membersToNotify, resolveMentions } from "./resolveMentions.ts";

export async function postProposalComment(
  ctx: AppContext,
  props: {
    user: UserDoc;
    proposalId: string;
    body: string;
    parentId?: string | null | undefined;
    anchor?: CommentAnchor | null | undefined;
  },
): Promise<StoredDiscussionMessage> {
  const { proposal } = await loadProposalDiscussion(ctx, {
    proposalId: props.proposalId,
    userId: props.user._id,
    action: "proposal.comment",
  });
  let parentId: Types.ObjectId | null = null;
  if (props.parentId) {
    const parent = await ctx.models.DiscussionMessage.findOne({
      _id: new Types.ObjectId(props.parentId),
      kind: "comment",
      proposalId: proposal._id,
    }).lean();
    // A reply to a chat message, to a comment on another proposal or to nothing would thread nowhere.
    if (!parent) throw validationError([{ path: ["parentId"], message: "not a comment on this proposal" }]);
    parentId = parent._id;
  }
  const mentions = await resolveMentions(ctx, { roomId: proposal.roomId, text: props.body });
  const created = await ctx.models.DiscussionMessage.create({
    roomId: proposal.roomId,
    kind: "comment",
    proposalId: proposal._id,
    parentId,
    anchor: props.anchor ?? null,
    authorId: props.user._id,
    body: props.body,
    mentions,
    createdAt: ctx.now(),
  });
  return {
    message: created.toObject() as DiscussionMessageDoc,
    author: props.user,
    notify: membersToNotify(mentions, { authorId: props.user._id }),
  };
}

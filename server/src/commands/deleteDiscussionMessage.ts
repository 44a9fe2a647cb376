// Deletes one's own chat message or comment: the text and mentions go, the message keeps its place in
// the thread (replies still hang under it) marked deleted. Deleting twice changes nothing.
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { DiscussionMessageDoc } from "../models/discussion.ts";
import type { UserDoc } from "../models/index.ts";
import { loadOwnMessage } from "./discussionAccess.ts";
import type { StoredDiscussionMessage } from "./postChatMessage.ts";

export async function deleteDiscussionMessage(
  ctx: AppContext,
  props: { user: UserDoc; messageId: string },
): Promise<StoredDiscussionMessage & { changed: boolean }> {
  // Any member may take back what they wrote, observers included (a participant may have been demoted since).
  const { message } = await loadOwnMessage(ctx, {
    messageId: props.messageId,
    user: props.user,
    action: "message.delete",
  });
  const author = props.user;
  if (message.deletedAt) return { message, author, notify: [], changed: false };
  const deleted = await ctx.models.DiscussionMessage.findOneAndUpdate(
    { _id: message._id, authorId: props.user._id, deletedAt: null },
    { $set: { body: null, mentions: [], deletedAt: ctx.now() } },
    { returnDocument: "after" },
  ).lean();
  if (deleted) return { message: deleted, author, notify: [], changed: true };
  // Deleted meanwhile by another tab of the same author: the outcome is the same.
  const current: DiscussionMessageDoc | null = await ctx.models.DiscussionMessage.findById(message._id).lean();
  if (!current) throw appError("MESSAGE_NOT_FOUND", "no such message");
  return { message: current, author, notify: [], changed: false };
}

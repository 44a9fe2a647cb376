// Edits the text of one's own chat message or comment; the message then shows when it was edited.
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { UserDoc } from "../models/index.ts";
import { loadOwnMessage } from "./discussionAccess.ts";
import type { StoredDiscussionMessage } from "./postChatMessage.ts";
import { membersToNotify, resolveMentions } from "./resolveMentions.ts";

export async function editDiscussionMessage(
  ctx: AppContext,
  props: { user: UserDoc; messageId: string; body: string },
): Promise<StoredDiscussionMessage> {
  const { message } = await loadOwnMessage(ctx, {
    messageId: props.messageId,
    user: props.user,
    action: "message.edit",
  });
  if (message.deletedAt) throw appError("MESSAGE_DELETED", "this message was deleted");
  const mentions = await resolveMentions(ctx, { roomId: message.roomId, text: props.body });
  // Conditional on "still not deleted", so an edit racing a delete cannot bring the text back.
  const edited = await ctx.models.DiscussionMessage.findOneAndUpdate(
    { _id: message._id, authorId: props.user._id, deletedAt: null },
    { $set: { body: props.body, mentions, editedAt: ctx.now() } },
    { returnDocument: "after" },
  ).lean();
  if (!edited) throw appError("MESSAGE_DELETED", "this message was deleted");
  return {
    message: edited,
    author: props.user,
    notify: membersToNotify(mentions, { authorId: props.user._id, alreadyMentioned: message.mentions }),
  };
}

// Posts a message to a room's chat. Observers can read the chat but not write to it.
import type { AppContext } from "../context.ts";
import type { DiscussionMessageDoc } from "../models/discussion.ts";
import type { UserDoc } from "../models/index.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";
import { membersToNotify, resolveMentions } from "./resolveMentions.ts";
import type { UserCard } from "./userCards.ts";

/** A message as stored by a write, with what the edge needs to present and announce it. */
export interface StoredDiscussionMessage {
  message: DiscussionMessageDoc;
  author: UserCard;
  /** Ids of members this write newly @mentions, to be told with `discussion:mentioned`. */
  notify: string[];
}

export async function postChatMessage(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; body: string },
): Promise<StoredDiscussionMessage> {
  const { room } = await loadRoomAccess(ctx, { roomId: props.roomId, userId: props.user._id, action: "room.chat" });
  const mentions = await resolveMentions(ctx, { roomId: room._id, text: props.body });
  const created = await ctx.models.DiscussionMessage.create({
    roomId: room._id,
    kind: "chat",
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

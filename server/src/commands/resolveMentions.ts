// Turns the @mentions in a text into the ids of the room members it names (display name or id).
import { findMentions } from "@mufakat/shared";
import { Types, trusted } from "mongoose";
import type { AppContext } from "../context.ts";

export async function resolveMentions(
  ctx: AppContext,
  props: { roomId: Types.ObjectId; text: string },
): Promise<Types.ObjectId[]> {
  // Most messages mention no one: skip the member lookup.
  if (!props.text.includes("@")) return [];
  const memberships = await ctx.models.Membership.find({ roomId: props.roomId }, { userId: 1 }).lean();
  const users = await ctx.models.User.find(
    { _id: trusted({ $in: memberships.map((membership) => membership.userId) }) },
    { displayName: 1 },
  ).lean();
  const candidates = users.map((user) => ({ id: user._id.toHexString(), displayName: user.displayName }));
  return findMentions(props.text, candidates).map((id) => new Types.ObjectId(id));
}

/** Mentioned members to notify: not the author, and (after an edit) not those the text already named. */
export function membersToNotify(
  mentions: readonly Types.ObjectId[],
  props: { authorId: Types.ObjectId; alreadyMentioned?: readonly Types.ObjectId[] },
): string[] {
  const already = new Set((props.alreadyMentioned ?? []).map((id) => id.toHexString()));
  return mentions.map((id) => id.toHexString()).filter((id) => id !== props.authorId.toHexString() && !already.has(id));
}

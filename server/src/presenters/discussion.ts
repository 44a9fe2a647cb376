// Shapes chat messages and proposal comments for the wire. A deleted message keeps its place and
// author but carries no text and no mentions.
import type { DiscussionMessage, DiscussionPage } from "@mufakat/shared";
import type { UserCard } from "../commands/userCards.ts";
import type { DiscussionMessageDoc } from "../models/discussion.ts";
import { formerUser, presentPublicUser } from "./users.ts";

export function presentDiscussionMessage(
  message: DiscussionMessageDoc,
  author: UserCard | undefined,
): DiscussionMessage {
  const deleted = message.deletedAt != null;
  const common = {
    id: message._id.toHexString(),
    roomId: message.roomId.toHexString(),
    author: author ? presentPublicUser(author) : formerUser(message.authorId.toHexString()),
    body: deleted ? null : (message.body ?? null),
    mentions: deleted ? [] : (message.mentions ?? []).map((id) => id.toHexString()),
    createdAt: message.createdAt.toISOString(),
    editedAt: message.editedAt ? message.editedAt.toISOString() : null,
    deleted,
    deletedAt: message.deletedAt ? message.deletedAt.toISOString() : null,
  };
  switch (message.kind) {
    case "chat":
      return { kind: "chat", ...common };
    case "comment":
      return {
        kind: "comment",
        ...common,
        proposalId: message.proposalId?.toHexString() ?? "",
        parentId: message.parentId?.toHexString() ?? null,
        anchor: message.anchor
          ? { from: message.anchor.from, to: message.anchor.to, quote: message.anchor.quote }
          : null,
      };
  }
}

export function presentDiscussionPage(page: {
  messages: DiscussionMessageDoc[];
  authors: Map<string, UserCard>;
  nextBefore: string | null;
}): DiscussionPage {
  return {
    messages: page.messages.map((message) =>
      presentDiscussionMessage(message, page.authors.get(message.authorId.toHexString())),
    ),
    nextBefore: page.nextBefore,
  };
}

// Discussion live: the room chat and proposal comments. Each write is stored, acknowledged, then sent to
// everyone in the room's channel ("discussion:message") and to the sockets of members it newly
// @mentions ("discussion:mentioned"). Membership is read from the database on every event, so a member
// need not have joined the room's channel to post, and a removed member is refused at once.
import {
  type AckCallback,
  type DiscussionChangeType,
  type DiscussionClientToServerEvents,
  type DiscussionInboundEvent,
  type DiscussionMessage,
  discussionPayloadSchemas,
} from "@mufakat/shared";
import type { z } from "zod";
import { deleteDiscussionMessage } from "../commands/deleteDiscussionMessage.ts";
import { editDiscussionMessage } from "../commands/editDiscussionMessage.ts";
import { listChatMessages, listProposalComments } from "../commands/listDiscussionMessages.ts";
import { type StoredDiscussionMessage, postChatMessage } from "../commands/postChatMessage.ts";
import { postProposalComment } from "../commands/postProposalComment.ts";
import { appError } from "../errors.ts";
import type { UserDoc } from "../models/index.ts";
import { presentDiscussionMessage, presentDiscussionPage } from "../presenters/discussion.ts";
import { type SessionGuard, listenFor } from "./dispatch.ts";
import { TokenBucket } from "./rateLimit.ts";
import { type LiveSocket, type RealtimeDeps, roomChannel } from "./types.ts";

/** Every socket of a user joins this channel, so a mention reaches all their tabs on any process. */
export const userChannel = (userId: string) => `user:${userId}`;

type DiscussionAck<E extends DiscussionInboundEvent> =
  Parameters<DiscussionClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;
type DiscussionPayload<E extends DiscussionInboundEvent> = z.output<(typeof discussionPayloadSchemas)[E]>;

/** The events that store something; one set for every socket. */
const writeEvents: ReadonlySet<DiscussionInboundEvent> = new Set([
  "chat:send",
  "comment:post",
  "message:edit",
  "message:delete",
]);

export function installDiscussionHandlers(
  deps: RealtimeDeps & { sessionGuard: SessionGuard },
  socket: LiveSocket,
): void {
  const { ctx, io } = deps;
  void socket.join(userChannel(socket.data.userId));
  // Every write is stored and broadcast to the room: a flood from one socket is refused, not stored.
  const writes = new TokenBucket(deps.discussionWritesPerSecond);

  /** The author (from the live users in memory): their public card goes out with what they write. */
  async function currentUser(): Promise<UserDoc> {
    return deps.activeUsers.get(socket.data.userId);
  }

  /** Sends a stored change to the room and its new mentions to the mentioned; returns what the ack carries. */
  function announce(type: DiscussionChangeType, stored: StoredDiscussionMessage): DiscussionMessage {
    const message = presentDiscussionMessage(stored.message, stored.author);
    // After the ack: the writer learns it is stored before anyone else sees it.
    setImmediate(() => {
      io.to(roomChannel(message.roomId)).emit("discussion:message", { type, message });
      if (stored.notify.length > 0) {
        io.to(stored.notify.map(userChannel)).emit("discussion:mentioned", { roomId: message.roomId, message });
      }
    });
    return message;
  }

  function on<E extends DiscussionInboundEvent>(
    event: E,
    run: (payload: DiscussionPayload<E>) => Promise<DiscussionAck<E>>,
  ): void {
    listenFor(deps, socket, discussionPayloadSchemas, event, async (payload) => {
      if (writeEvents.has(event) && !writes.take()) {
        throw appError(
          "RATE_LIMITED",
          `at most ${deps.discussionWritesPerSecond} messages per second; send it again shortly`,
          { limit: deps.discussionWritesPerSecond },
        );
      }
      return run(payload as DiscussionPayload<E>);
    });
  }

  on("chat:send", async ({ roomId, body }) => {
    const stored = await postChatMessage(ctx, { user: await currentUser(), roomId, body });
    const message = announce("created", stored);
    if (message.kind !== "chat") throw new Error("chat:send stored a comment");
    return message;
  });

  on("chat:history", async ({ roomId, before }) => {
    return presentDiscussionPage(await listChatMessages(ctx, { user: await currentUser(), roomId, before }));
  });

  on("comment:post", async ({ proposalId, body, parentId, anchor }) => {
    const stored = await postProposalComment(ctx, { user: await currentUser(), proposalId, body, parentId, anchor });
    const message = announce("created", stored);
    if (message.kind !== "comment") throw new Error("comment:post stored a chat message");
    return message;
  });

  on("comment:history", async ({ proposalId, before }) => {
    return presentDiscussionPage(await listProposalComments(ctx, { user: await currentUser(), proposalId, before }));
  });

  on("message:edit", async ({ messageId, body }) => {
    return announce("edited", await editDiscussionMessage(ctx, { user: await currentUser(), messageId, body }));
  });

  on("message:delete", async ({ messageId }) => {
    const { changed, ...stored } = await deleteDiscussionMessage(ctx, { user: await currentUser(), messageId });
    // Deleting again (a retry, another tab) announces nothing new.
    return changed ? announce("deleted", stored) : presentDiscussionMessage(stored.message, stored.author);
  });
}

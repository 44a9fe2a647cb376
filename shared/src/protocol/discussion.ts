// The socket.io contract of discussion: the room chat and threaded comments on proposals.
//
//   "chat:send"        { roomId, body }                          ack: the stored ChatMessage
//   "chat:history"     { roomId, before? }                       ack: a DiscussionPage, newest first
//   "comment:post"     { proposalId, body, parentId?, anchor? }  ack: the stored ProposalComment
//   "comment:history"  { proposalId, before? }                   ack: a DiscussionPage, newest first
//   "message:edit"     { messageId, body }                       ack: the edited message (own messages only)
//   "message:delete"   { messageId }                             ack: the message as deleted (own messages only)
//
// A write is acknowledged once stored, then "discussion:message" goes to every socket in the room
// (the author's included), and "discussion:mentioned" to the sockets of each member newly @mentioned.
// Call "chat:history" after "room:join" and "comment:history" after "proposal:open" for the first page;
// the same pages are served over HTTP (GET /api/rooms/:roomId/chat, …/proposals/:proposalId/comments).
import { z } from "zod";
import { idSchema } from "../schemas/room.ts";
import {
  type ChatMessage,
  type DiscussionMessage,
  type DiscussionPage,
  type ProposalComment,
  commentAnchorSchema,
  messageBodySchema,
} from "../schemas/discussion.ts";
import type { AckCallback } from "./ack.ts";
import { nilMeansAbsent } from "./payloads.ts";

export const sendChatMessagePayloadSchema = z.strictObject({ roomId: idSchema, body: messageBodySchema });
export type SendChatMessagePayload = z.infer<typeof sendChatMessagePayloadSchema>;

export const chatHistoryPayloadSchema = z.strictObject({ roomId: idSchema, before: idSchema.optional() });
export type ChatHistoryPayload = z.infer<typeof chatHistoryPayloadSchema>;

export const postCommentPayloadSchema = z.strictObject({
  proposalId: idSchema,
  body: messageBodySchema,
  /** Reply to this comment, which must be a comment on the same proposal. */
  parentId: idSchema.nullable().optional(),
  anchor: commentAnchorSchema.nullable().optional(),
});
export type PostCommentPayload = z.infer<typeof postCommentPayloadSchema>;

export const commentHistoryPayloadSchema = z.strictObject({ proposalId: idSchema, before: idSchema.optional() });
export type CommentHistoryPayload = z.infer<typeof commentHistoryPayloadSchema>;

export const editMessagePayloadSchema = z.strictObject({ messageId: idSchema, body: messageBodySchema });
export type EditMessagePayload = z.infer<typeof editMessagePayloadSchema>;

export const deleteMessagePayloadSchema = z.strictObject({ messageId: idSchema });
export type DeleteMessagePayload = z.infer<typeof deleteMessagePayloadSchema>;

/** Every inbound discussion event and the schema of its payload. */
export const discussionPayloadSchemas = {
  "chat:send": nilMeansAbsent(sendChatMessagePayloadSchema),
  "chat:history": nilMeansAbsent(chatHistoryPayloadSchema),
  "comment:post": nilMeansAbsent(postCommentPayloadSchema),
  "comment:history": nilMeansAbsent(commentHistoryPayloadSchema),
  "message:edit": nilMeansAbsent(editMessagePayloadSchema),
  "message:delete": nilMeansAbsent(deleteMessagePayloadSchema),
} as const;
export type DiscussionInboundEvent = keyof typeof discussionPayloadSchemas;

export const discussionChangeTypes = ["created", "edited", "deleted"] as const;
export type DiscussionChangeType = (typeof discussionChangeTypes)[number];

/** A message as it now is, and what happened to it; a client replaces its copy by `message.id`. */
export interface DiscussionMessageEvent {
  type: DiscussionChangeType;
  message: DiscussionMessage;
}

/** Sent to the sockets of a member a message newly @mentions (on creation, or when an edit adds them). */
export interface DiscussionMentionedEvent {
  roomId: string;
  message: DiscussionMessage;
}

export interface DiscussionClientToServerEvents {
  "chat:send": (payload: SendChatMessagePayload, ack: AckCallback<ChatMessage>) => void;
  "chat:history": (payload: ChatHistoryPayload, ack: AckCallback<DiscussionPage>) => void;
  "comment:post": (payload: PostCommentPayload, ack: AckCallback<ProposalComment>) => void;
  "comment:history": (payload: CommentHistoryPayload, ack: AckCallback<DiscussionPage>) => void;
  "message:edit": (payload: EditMessagePayload, ack: AckCallback<DiscussionMessage>) => void;
  "message:delete": (payload: DeleteMessagePayload, ack: AckCallback<DiscussionMessage>) => void;
}

export interface DiscussionServerToClientEvents {
  "discussion:message": (event: DiscussionMessageEvent) => void;
  "discussion:mentioned": (event: DiscussionMentionedEvent) => void;
}

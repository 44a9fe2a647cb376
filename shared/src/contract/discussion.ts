// Discussion history over HTTP, so a page can show the chat and a proposal's comments before (or
// without) a socket. Writes go over the socket, where they are broadcast to the room.
import { discussionHistoryQuerySchema, discussionPageSchema } from "../schemas/discussion.ts";
import { defineOperation } from "./define.ts";

export const listChatMessages = defineOperation({
  operationId: "listChatMessages",
  method: "get",
  path: "/rooms/:roomId/chat",
  summary: "A page of the room's chat, newest first; pass nextBefore as ?before= for older messages",
  tag: "discussion",
  auth: true,
  query: discussionHistoryQuerySchema,
  responses: { 200: { description: "Chat messages", schema: discussionPageSchema } },
  errors: ["ROOM_NOT_FOUND", "NOT_A_MEMBER"],
});

export const listProposalComments = defineOperation({
  operationId: "listProposalComments",
  method: "get",
  path: "/rooms/:roomId/proposals/:proposalId/comments",
  summary: "A page of a proposal's comments, newest first; replies carry their parentId",
  tag: "discussion",
  auth: true,
  query: discussionHistoryQuerySchema,
  responses: { 200: { description: "Comments", schema: discussionPageSchema } },
  errors: ["ROOM_NOT_FOUND", "NOT_A_MEMBER", "PROPOSAL_NOT_FOUND"],
});

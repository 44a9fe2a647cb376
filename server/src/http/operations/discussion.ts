// Discussion history over HTTP, so a page can show the chat and a proposal's comments before (or
// without) a socket. Writes go over the socket, where they are broadcast to the room.
import { discussionHistoryQuerySchema, discussionPageSchema } from "@mufakat/shared";
import { listChatMessages, listProposalComments } from "../../commands/listDiscussionMessages.ts";
import type { AppContext } from "../../context.ts";
import { presentDiscussionPage } from "../../presenters/discussion.ts";
import { type Operation, defineOperation } from "../operation.ts";

const roomErrors = ["ROOM_NOT_FOUND", "NOT_A_MEMBER", "VALIDATION_FAILED"];

export function discussionOperations(ctx: AppContext): Operation[] {
  return [
    defineOperation({
      operationId: "listChatMessages",
      method: "get",
      path: "/rooms/:roomId/chat",
      summary: "A page of the room's chat, newest first; pass nextBefore as ?before= for older messages",
      tag: "discussion",
      auth: true,
      query: discussionHistoryQuerySchema,
      responses: { 200: { description: "Chat messages", schema: discussionPageSchema } },
      errors: roomErrors,
      async handle({ user, params, query }) {
        const page = await listChatMessages(ctx, { user, roomId: params.roomId ?? "", before: query.before });
        return { status: 200, body: presentDiscussionPage(page) };
      },
    }),
    defineOperation({
      operationId: "listProposalComments",
      method: "get",
      path: "/rooms/:roomId/proposals/:proposalId/comments",
      summary: "A page of a proposal's comments, newest first; replies carry their parentId",
      tag: "discussion",
      auth: true,
      query: discussionHistoryQuerySchema,
      responses: { 200: { description: "Comments", schema: discussionPageSchema } },
      errors: [...roomErrors, "PROPOSAL_NOT_FOUND"],
      async handle({ user, params, query }) {
        const page = await listProposalComments(ctx, {
          user,
          roomId: params.roomId ?? "",
          proposalId: params.proposalId ?? "",
          before: query.before,
        });
        return { status: 200, body: presentDiscussionPage(page) };
      },
    }),
  ];
}

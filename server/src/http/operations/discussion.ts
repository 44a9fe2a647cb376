// Discussion history over HTTP, so a page can show the chat and a proposal's comments before (or
// without) a socket. Writes go over the socket, where they are broadcast to the room.
import { contract } from "@mufakat/shared";
import { listChatMessages, listProposalComments } from "../../commands/listDiscussionMessages.ts";
import type { AppContext } from "../../context.ts";
import { presentDiscussionPage } from "../../presenters/discussion.ts";
import { type Operation, defineOperation } from "../operation.ts";

export function discussionOperations(ctx: AppContext): Operation[] {
  return [
    defineOperation(contract.listChatMessages)({
      async handle({ user, params, query }) {
        const page = await listChatMessages(ctx, { user, roomId: params.roomId ?? "", before: query.before });
        return { status: 200, body: presentDiscussionPage(page) };
      },
    }),
    defineOperation(contract.listProposalComments)({
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

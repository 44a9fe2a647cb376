// Opinion statements, votes on them and the room's opinion groups over HTTP (issue 16).
import { contract } from "@mufakat/shared";
import type { Opinions } from "../../commands/opinions.ts";
import { presentOpinionGroups, presentOpinionStatement } from "../../presenters/opinions.ts";
import { type Operation, defineOperation } from "../operation.ts";

export function opinionOperations(opinions: Opinions): Operation[] {
  return [
    defineOperation(contract.createOpinionStatement)({
      async handle({ user, params, body }) {
        const view = await opinions.createStatement({ user, roomId: params.roomId ?? "", text: body.text });
        return { status: 201, body: presentOpinionStatement(view) };
      },
    }),
    defineOperation(contract.listOpinionStatements)({
      async handle({ user, params }) {
        const views = await opinions.listStatements({ user, roomId: params.roomId ?? "" });
        return { status: 200, body: views.map(presentOpinionStatement) };
      },
    }),
    defineOperation(contract.castOpinionVote)({
      async handle({ user, params, body }) {
        const view = await opinions.castVote({ user, statementId: params.statementId ?? "", vote: body.vote });
        return { status: 200, body: presentOpinionStatement(view) };
      },
    }),
    defineOperation(contract.hideOpinionStatement)({
      async handle({ user, params }) {
        await opinions.hideStatement({ user, statementId: params.statementId ?? "" });
        return { status: 204 };
      },
    }),
    defineOperation(contract.getOpinionGroups)({
      async handle({ user, params }) {
        const groups = await opinions.groups({ user, roomId: params.roomId ?? "" });
        return { status: 200, body: presentOpinionGroups(groups, user._id.toHexString()) };
      },
    }),
  ];
}

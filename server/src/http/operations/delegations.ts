// Vote delegations over HTTP: give one (room-wide or for one motion), take it back, list mine.
import { contract } from "@mufakat/shared";
import {
  delegateInRoom,
  delegateOnMotion,
  listMyDelegations,
  myMotionDelegation,
  revokeMotionDelegation,
  revokeRoomDelegation,
} from "../../commands/delegations.ts";
import { userCardsById } from "../../commands/userCards.ts";
import type { AppContext } from "../../context.ts";
import type { DelegationDoc } from "../../models/delegations.ts";
import { presentDelegation } from "../../presenters/delegations.ts";
import { formerUser, presentPublicUser } from "../../presenters/users.ts";
import { type Operation, defineOperation } from "../operation.ts";

export function delegationOperations(ctx: AppContext): Operation[] {
  const present = async (docs: DelegationDoc[]) => {
    const cards = await userCardsById(
      ctx,
      docs.flatMap((doc) => [doc.delegatorId, doc.delegateId]),
    );
    return docs.map((doc) => presentDelegation(doc, cards));
  };
  const presentOne = async (doc: DelegationDoc) => (await present([doc]))[0] as ReturnType<typeof presentDelegation>;

  return [
    defineOperation(contract.listMyDelegations)({
      async handle({ user, params }) {
        const { room, given, received } = await listMyDelegations(ctx, { user, roomId: params.roomId ?? "" });
        const [givenViews, receivedViews] = await Promise.all([present(given), present(received)]);
        return {
          status: 200,
          body: { acrossSectors: room.delegationAcrossSectors ?? false, given: givenViews, received: receivedViews },
        };
      },
    }),
    defineOperation(contract.delegateInRoom)({
      async handle({ user, params, body }) {
        const doc = await delegateInRoom(ctx, { user, roomId: params.roomId ?? "", input: body });
        return { status: 200, body: await presentOne(doc) };
      },
    }),
    defineOperation(contract.revokeRoomDelegation)({
      async handle({ user, params }) {
        await revokeRoomDelegation(ctx, { user, roomId: params.roomId ?? "" });
        return { status: 204 };
      },
    }),
    defineOperation(contract.delegateOnMotion)({
      async handle({ user, params, body }) {
        const doc = await delegateOnMotion(ctx, { user, motionId: params.motionId ?? "", input: body });
        return { status: 200, body: await presentOne(doc) };
      },
    }),
    defineOperation(contract.getMyMotionDelegation)({
      async handle({ user, params }) {
        const state = await myMotionDelegation(ctx, { user, motionId: params.motionId ?? "" });
        const cards = await userCardsById(ctx, [
          state.delegation?.delegatorId,
          state.delegation?.delegateId,
          state.castBy,
        ]);
        const castBy = state.castBy ? cards.get(state.castBy) : undefined;
        return {
          status: 200,
          body: {
            motionId: state.motionId,
            delegation: state.delegation ? presentDelegation(state.delegation, cards) : null,
            status: state.status,
            unresolvedReason: state.unresolvedReason,
            castBy: state.castBy ? (castBy ? presentPublicUser(castBy) : formerUser(state.castBy)) : null,
            carrying: state.carrying,
          },
        };
      },
    }),
    defineOperation(contract.revokeMotionDelegation)({
      async handle({ user, params }) {
        await revokeMotionDelegation(ctx, { user, motionId: params.motionId ?? "" });
        return { status: 204 };
      },
    }),
  ];
}

// Motions, votes and the decision log over HTTP. Votes also arrive over the socket ("motion:vote");
// both call the same command.
import { contract } from "@mufakat/shared";
import {
  correctDecision,
  getRoomDecisionSettings,
  listDecisions,
  updateRoomDecisionSettings,
  verifyRoomDecisions,
} from "../../commands/decisions.ts";
import {
  type MotionView,
  closeMotion,
  listMotions,
  loadMotionForMember,
  loadMotionView,
  loadMotionViews,
  openMotion,
} from "../../commands/motions.ts";
import { type Voting, memberVoter } from "../../commands/voting.ts";
import type { AppContext } from "../../context.ts";
import type { UserDoc } from "../../models/index.ts";
import type { MotionDoc } from "../../models/decisions.ts";
import { presentDecisionRecord, presentMotion } from "../../presenters/motions.ts";
import { type Operation, defineOperation } from "../operation.ts";

export function decisionOperations(ctx: AppContext, voting: Voting): Operation[] {
  const presentView = (view: MotionView) => presentMotion(view.motion, view.tally, view);
  const present = async (motion: MotionDoc, user: UserDoc) => presentView(await loadMotionView(ctx, motion, user));

  return [
    defineOperation(contract.getRoomDecisionSettings)({
      async handle({ user, params }) {
        return { status: 200, body: await getRoomDecisionSettings(ctx, { user, roomId: params.roomId ?? "" }) };
      },
    }),
    defineOperation(contract.updateRoomDecisionSettings)({
      async handle({ user, params, body }) {
        const settings = await updateRoomDecisionSettings(ctx, { user, roomId: params.roomId ?? "", changes: body });
        return { status: 200, body: settings };
      },
    }),
    defineOperation(contract.openMotion)({
      async handle({ user, params, body }) {
        const motion = await openMotion(ctx, { user, roomId: params.roomId ?? "", input: body });
        return { status: 201, body: await present(motion, user) };
      },
    }),
    defineOperation(contract.listMotions)({
      async handle({ user, params, query }) {
        const motions = await listMotions(ctx, { user, roomId: params.roomId ?? "", proposalId: query.proposalId });
        return { status: 200, body: (await loadMotionViews(ctx, motions, user)).map(presentView) };
      },
    }),
    defineOperation(contract.getMotion)({
      async handle({ user, params }) {
        const { motion, role } = await loadMotionForMember(ctx, { user, motionId: params.motionId ?? "" });
        return { status: 200, body: presentView(await loadMotionView(ctx, motion, user, role)) };
      },
    }),
    defineOperation(contract.castVote)({
      async handle({ user, params, body }) {
        const result = await voting.castVote(memberVoter(ctx, user), params.motionId ?? "", body);
        return { status: 200, body: result };
      },
    }),
    defineOperation(contract.closeMotion)({
      async handle({ user, params }) {
        const motion = await closeMotion(ctx, {
          motionId: params.motionId ?? "",
          reason: "coordinator",
          closedBy: user,
        });
        return { status: 200, body: await present(motion, user) };
      },
    }),
    defineOperation(contract.listDecisions)({
      async handle({ user, params }) {
        const records = await listDecisions(ctx, { user, roomId: params.roomId ?? "" });
        return { status: 200, body: records.map(presentDecisionRecord) };
      },
    }),
    defineOperation(contract.verifyDecisions)({
      async handle({ user, params }) {
        return { status: 200, body: await verifyRoomDecisions(ctx, { user, roomId: params.roomId ?? "" }) };
      },
    }),
    defineOperation(contract.correctDecision)({
      async handle({ user, params, body }) {
        const seq = Number(params.seq);
        const record = await correctDecision(ctx, {
          user,
          roomId: params.roomId ?? "",
          seq: Number.isInteger(seq) && seq > 0 ? seq : -1,
          note: body.note,
        });
        return { status: 201, body: presentDecisionRecord(record) };
      },
    }),
  ];
}

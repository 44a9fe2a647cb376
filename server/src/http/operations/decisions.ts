// Motions, votes and the decision log over HTTP. Votes also arrive over the socket ("motion:vote");
// both call the same command.
import {
  castVoteInputSchema,
  chainVerificationSchema,
  correctDecisionInputSchema,
  decisionRecordSchema,
  listMotionsQuerySchema,
  motionSchema,
  openMotionInputSchema,
  roomDecisionSettingsSchema,
  updateRoomDecisionSettingsInputSchema,
  voteResultSchema,
} from "@mufakat/shared";
import { z } from "zod";
import {
  correctDecision,
  getRoomDecisionSettings,
  listDecisions,
  updateRoomDecisionSettings,
  verifyRoomDecisions,
} from "../../commands/decisions.ts";
import { closeMotion, listMotions, loadMotionForMember, loadMotionView, openMotion } from "../../commands/motions.ts";
import type { Voting } from "../../commands/voting.ts";
import type { AppContext } from "../../context.ts";
import type { UserDoc } from "../../models/index.ts";
import type { MotionDoc } from "../../models/decisions.ts";
import { presentDecisionRecord, presentMotion } from "../../presenters/motions.ts";
import { type Operation, defineOperation } from "../operation.ts";

const roomErrors = ["ROOM_NOT_FOUND", "NOT_A_MEMBER"];
const motionErrors = ["MOTION_NOT_FOUND", "NOT_A_MEMBER"];

export function decisionOperations(ctx: AppContext, voting: Voting): Operation[] {
  async function present(motion: MotionDoc, user: UserDoc) {
    const view = await loadMotionView(ctx, motion, user);
    return presentMotion(view.motion, view.tally, view);
  }

  return [
    defineOperation({
      operationId: "getRoomDecisionSettings",
      method: "get",
      path: "/rooms/:roomId/decision-settings",
      summary: "The room's decision rule, ballot secrecy and who may open motions",
      tag: "decisions",
      auth: true,
      responses: { 200: { description: "Settings", schema: roomDecisionSettingsSchema } },
      errors: roomErrors,
      async handle({ user, params }) {
        return { status: 200, body: await getRoomDecisionSettings(ctx, { user, roomId: params.roomId ?? "" }) };
      },
    }),
    defineOperation({
      operationId: "updateRoomDecisionSettings",
      method: "patch",
      path: "/rooms/:roomId/decision-settings",
      summary: "Change the room's decision settings (coordinators; audited)",
      tag: "decisions",
      auth: true,
      body: updateRoomDecisionSettingsInputSchema,
      responses: { 200: { description: "Settings", schema: roomDecisionSettingsSchema } },
      errors: [...roomErrors, "NOT_A_COORDINATOR", "VALIDATION_FAILED"],
      async handle({ user, params, body }) {
        const settings = await updateRoomDecisionSettings(ctx, { user, roomId: params.roomId ?? "", changes: body });
        return { status: 200, body: settings };
      },
    }),
    defineOperation({
      operationId: "openMotion",
      method: "post",
      path: "/rooms/:roomId/motions",
      summary: "Put a proposal to a vote: its current text is frozen and hashed",
      tag: "decisions",
      auth: true,
      body: openMotionInputSchema,
      responses: { 201: { description: "The open motion", schema: motionSchema } },
      errors: [...roomErrors, "NOT_A_COORDINATOR", "PROPOSAL_NOT_FOUND", "MOTION_ALREADY_OPEN", "CONFLICT"],
      async handle({ user, params, body }) {
        const motion = await openMotion(ctx, { user, roomId: params.roomId ?? "", input: body });
        return { status: 201, body: await present(motion, user) };
      },
    }),
    defineOperation({
      operationId: "listMotions",
      method: "get",
      path: "/rooms/:roomId/motions",
      summary: "The room's motions, newest first; ?proposalId= for one proposal's",
      tag: "decisions",
      auth: true,
      query: listMotionsQuerySchema,
      responses: { 200: { description: "Motions", schema: z.array(motionSchema) } },
      errors: roomErrors,
      async handle({ user, params, query }) {
        const motions = await listMotions(ctx, { user, roomId: params.roomId ?? "", proposalId: query.proposalId });
        return { status: 200, body: await Promise.all(motions.map((motion) => present(motion, user))) };
      },
    }),
    defineOperation({
      operationId: "getMotion",
      method: "get",
      path: "/motions/:motionId",
      summary: "A motion with its live tally (per sector; names only for named ballots)",
      tag: "decisions",
      auth: true,
      responses: { 200: { description: "The motion", schema: motionSchema } },
      errors: motionErrors,
      async handle({ user, params }) {
        const { motion } = await loadMotionForMember(ctx, { user, motionId: params.motionId ?? "" });
        return { status: 200, body: await present(motion, user) };
      },
    }),
    defineOperation({
      operationId: "castVote",
      method: "post",
      path: "/motions/:motionId/votes",
      summary: "Take or change a position; resending the same clientVoteId changes nothing",
      tag: "decisions",
      auth: true,
      body: castVoteInputSchema,
      responses: { 200: { description: "Stored", schema: voteResultSchema } },
      errors: [...motionErrors, "READ_ONLY_ROLE", "NOT_ELIGIBLE", "MOTION_CLOSED", "VALIDATION_FAILED"],
      async handle({ user, params, body }) {
        const result = await voting.castVote(user, params.motionId ?? "", body);
        return { status: 200, body: result };
      },
    }),
    defineOperation({
      operationId: "closeMotion",
      method: "post",
      path: "/motions/:motionId/close",
      summary: "Close a motion before its deadline (coordinators); recorded as an early close",
      tag: "decisions",
      auth: true,
      responses: { 200: { description: "The closed motion", schema: motionSchema } },
      errors: [...motionErrors, "NOT_A_COORDINATOR", "MOTION_CLOSED"],
      async handle({ user, params }) {
        const motion = await closeMotion(ctx, {
          motionId: params.motionId ?? "",
          reason: "coordinator",
          closedBy: user,
        });
        return { status: 200, body: await present(motion, user) };
      },
    }),
    defineOperation({
      operationId: "listDecisions",
      method: "get",
      path: "/rooms/:roomId/decisions",
      summary: "The room's decision log, newest first",
      tag: "decisions",
      auth: true,
      responses: { 200: { description: "Decision records", schema: z.array(decisionRecordSchema) } },
      errors: roomErrors,
      async handle({ user, params }) {
        const records = await listDecisions(ctx, { user, roomId: params.roomId ?? "" });
        return { status: 200, body: records.map(presentDecisionRecord) };
      },
    }),
    defineOperation({
      operationId: "verifyDecisions",
      method: "get",
      path: "/rooms/:roomId/decisions/verify",
      summary: "Recompute the hash chain of the decision log and name the first broken record",
      tag: "decisions",
      auth: true,
      responses: { 200: { description: "Verification result", schema: chainVerificationSchema } },
      errors: roomErrors,
      async handle({ user, params }) {
        return { status: 200, body: await verifyRoomDecisions(ctx, { user, roomId: params.roomId ?? "" }) };
      },
    }),
    defineOperation({
      operationId: "correctDecision",
      method: "post",
      path: "/rooms/:roomId/decisions/:seq/corrections",
      summary: "Append a correction that references a decision record (coordinators)",
      tag: "decisions",
      auth: true,
      body: correctDecisionInputSchema,
      responses: { 201: { description: "The correction record", schema: decisionRecordSchema } },
      errors: [...roomErrors, "NOT_A_COORDINATOR", "DECISION_NOT_FOUND", "VALIDATION_FAILED"],
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

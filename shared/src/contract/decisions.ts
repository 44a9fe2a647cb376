// Motions, votes and the decision log. Votes also arrive over the socket ("motion:vote"); both call the
// same command.
import { z } from "zod";
import type { ErrorCode } from "../errors.ts";
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
} from "../schemas/decision.ts";
import { positionRequiresReason, positions } from "../schemas/motion.ts";
import { defineOperation } from "./define.ts";

const roomErrors = ["ROOM_NOT_FOUND", "NOT_A_MEMBER"] as const satisfies readonly ErrorCode[];
const motionErrors = ["MOTION_NOT_FOUND", "NOT_A_MEMBER"] as const satisfies readonly ErrorCode[];

export const getRoomDecisionSettings = defineOperation({
  operationId: "getRoomDecisionSettings",
  method: "get",
  path: "/rooms/:roomId/decision-settings",
  summary: "The room's decision rule, ballot secrecy and who may open motions",
  tag: "decisions",
  auth: true,
  responses: { 200: { description: "Settings", schema: roomDecisionSettingsSchema } },
  errors: roomErrors,
});

export const updateRoomDecisionSettings = defineOperation({
  operationId: "updateRoomDecisionSettings",
  method: "patch",
  path: "/rooms/:roomId/decision-settings",
  summary: "Change the room's decision settings (coordinators; audited)",
  tag: "decisions",
  auth: true,
  // The schema refuses an empty change; said here for JSON Schema readers.
  body: updateRoomDecisionSettingsInputSchema.meta({ minProperties: 1 }),
  responses: { 200: { description: "Settings", schema: roomDecisionSettingsSchema } },
  errors: [...roomErrors, "NOT_A_COORDINATOR"],
});

export const openMotion = defineOperation({
  operationId: "openMotion",
  method: "post",
  path: "/rooms/:roomId/motions",
  summary: "Put a proposal to a vote: its current text is frozen and hashed",
  tag: "decisions",
  auth: true,
  body: openMotionInputSchema,
  responses: { 201: { description: "The open motion", schema: motionSchema } },
  errors: [
    ...roomErrors,
    "NOT_A_COORDINATOR",
    "READ_ONLY_ROLE",
    "PROPOSAL_NOT_FOUND",
    "MOTION_ALREADY_OPEN",
    "PROPOSAL_TEXT_EMPTY",
    "CONFLICT",
  ],
});

export const listMotions = defineOperation({
  operationId: "listMotions",
  method: "get",
  path: "/rooms/:roomId/motions",
  summary: "The room's motions, newest first; ?proposalId= for one proposal's",
  tag: "decisions",
  auth: true,
  query: listMotionsQuerySchema,
  responses: { 200: { description: "Motions", schema: z.array(motionSchema) } },
  errors: roomErrors,
});

export const getMotion = defineOperation({
  operationId: "getMotion",
  method: "get",
  path: "/motions/:motionId",
  summary: "A motion with its live tally (per sector; names only for named ballots)",
  tag: "decisions",
  auth: true,
  responses: { 200: { description: "The motion", schema: motionSchema } },
  errors: motionErrors,
});

export const castVote = defineOperation({
  operationId: "castVote",
  method: "post",
  path: "/motions/:motionId/votes",
  summary: "Take or change a position; resending the same clientVoteId changes nothing",
  tag: "decisions",
  auth: true,
  // The reason rule for JSON Schema: a position that needs a reason comes with one that is not blank.
  body: castVoteInputSchema.meta({
    anyOf: [
      { properties: { position: { enum: positions.filter((position) => !positionRequiresReason(position)) } } },
      { required: ["reason"], properties: { reason: { type: "string", pattern: "\\S" } } },
    ],
  }),
  responses: { 200: { description: "Stored", schema: voteResultSchema } },
  errors: [...motionErrors, "READ_ONLY_ROLE", "NOT_ELIGIBLE", "MOTION_CLOSED"],
});

export const closeMotion = defineOperation({
  operationId: "closeMotion",
  method: "post",
  path: "/motions/:motionId/close",
  summary: "Close a motion before its deadline (coordinators); recorded as an early close",
  tag: "decisions",
  auth: true,
  responses: { 200: { description: "The closed motion", schema: motionSchema } },
  errors: [...motionErrors, "NOT_A_COORDINATOR", "MOTION_CLOSED"],
});

export const listDecisions = defineOperation({
  operationId: "listDecisions",
  method: "get",
  path: "/rooms/:roomId/decisions",
  summary: "The room's decision log, newest first",
  tag: "decisions",
  auth: true,
  responses: { 200: { description: "Decision records", schema: z.array(decisionRecordSchema) } },
  errors: roomErrors,
});

export const verifyDecisions = defineOperation({
  operationId: "verifyDecisions",
  method: "get",
  path: "/rooms/:roomId/decisions/verify",
  summary: "Recompute the hash chain of the decision log and name the first broken record",
  tag: "decisions",
  auth: true,
  responses: { 200: { description: "Verification result", schema: chainVerificationSchema } },
  errors: roomErrors,
});

export const correctDecision = defineOperation({
  operationId: "correctDecision",
  method: "post",
  path: "/rooms/:roomId/decisions/:seq/corrections",
  summary: "Append a correction that references a decision record (coordinators)",
  tag: "decisions",
  auth: true,
  body: correctDecisionInputSchema,
  responses: { 201: { description: "The correction record", schema: decisionRecordSchema } },
  errors: [...roomErrors, "NOT_A_COORDINATOR", "DECISION_NOT_FOUND"],
});

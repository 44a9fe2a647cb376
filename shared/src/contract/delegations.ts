// Vote delegation: a member hands their vote to another member, room-wide or for one motion, and takes it
// back. A direct vote always overrides a delegation; tallies count delegated ballots (rules/delegation.ts).
import type { ErrorCode } from "../errors.ts";
import {
  delegateVoteInputSchema,
  delegationSchema,
  myDelegationsSchema,
  myMotionDelegationSchema,
} from "../schemas/delegation.ts";
import { defineOperation } from "./define.ts";

/** Why a delegation is refused, whatever its scope. */
const delegateErrors = [
  "READ_ONLY_ROLE",
  "DELEGATION_TO_SELF",
  "MEMBER_NOT_FOUND",
  "DELEGATE_CANNOT_VOTE",
  "DELEGATION_ACROSS_SECTORS",
] as const satisfies readonly ErrorCode[];

export const listMyDelegations = defineOperation({
  operationId: "listMyDelegations",
  method: "get",
  path: "/rooms/:roomId/delegations",
  summary: "The delegations I gave and received in this room, and whether they may cross sectors",
  tag: "delegations",
  auth: true,
  responses: { 200: { description: "My delegations", schema: myDelegationsSchema } },
  errors: ["ROOM_NOT_FOUND", "NOT_A_MEMBER"],
});

export const delegateInRoom = defineOperation({
  operationId: "delegateInRoom",
  method: "post",
  path: "/rooms/:roomId/delegation",
  summary: "Delegate my vote on every motion of the room (replaces my room-wide delegation)",
  tag: "delegations",
  auth: true,
  body: delegateVoteInputSchema,
  responses: { 200: { description: "The delegation in force", schema: delegationSchema } },
  errors: ["ROOM_NOT_FOUND", "NOT_A_MEMBER", ...delegateErrors],
});

export const revokeRoomDelegation = defineOperation({
  operationId: "revokeRoomDelegation",
  method: "delete",
  path: "/rooms/:roomId/delegation",
  summary: "Take back my room-wide delegation (motions already closed keep what they counted)",
  tag: "delegations",
  auth: true,
  responses: { 204: { description: "Revoked" } },
  errors: ["ROOM_NOT_FOUND", "NOT_A_MEMBER", "DELEGATION_NOT_FOUND"],
});

export const delegateOnMotion = defineOperation({
  operationId: "delegateOnMotion",
  method: "post",
  path: "/motions/:motionId/delegation",
  summary: "Delegate my vote on one open motion (it replaces my room-wide delegation there)",
  tag: "delegations",
  auth: true,
  body: delegateVoteInputSchema,
  responses: { 200: { description: "The delegation in force", schema: delegationSchema } },
  errors: ["MOTION_NOT_FOUND", "NOT_A_MEMBER", "NOT_ELIGIBLE", "MOTION_CLOSED", ...delegateErrors],
});

export const revokeMotionDelegation = defineOperation({
  operationId: "revokeMotionDelegation",
  method: "delete",
  path: "/motions/:motionId/delegation",
  summary: "Take back my delegation on one motion, until it closes",
  tag: "delegations",
  auth: true,
  responses: { 204: { description: "Revoked" } },
  errors: ["MOTION_NOT_FOUND", "NOT_A_MEMBER", "MOTION_CLOSED", "DELEGATION_NOT_FOUND"],
});

export const getMyMotionDelegation = defineOperation({
  operationId: "getMyMotionDelegation",
  method: "get",
  path: "/motions/:motionId/delegation",
  summary: "How my vote stands on one motion: my delegation there, whether it is counted, whose votes I carry",
  tag: "delegations",
  auth: true,
  responses: { 200: { description: "My vote on the motion", schema: myMotionDelegationSchema } },
  errors: ["MOTION_NOT_FOUND", "NOT_A_MEMBER"],
});

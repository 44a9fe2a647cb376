// Deliberation rooms: create, list, read, join, stage, members, invites, audit trail.
import { z } from "zod";
import type { ErrorCode } from "../errors.ts";
import {
  acceptInviteInputSchema,
  auditEntrySchema,
  auditQuerySchema,
  changeRoleInputSchema,
  changeStageInputSchema,
  createInviteInputSchema,
  createRoomInputSchema,
  createdInviteSchema,
  invitePreviewSchema,
  inviteSchema,
  joinResultSchema,
  pendingActionSchema,
  removeMemberResultSchema,
  roleChangeResultSchema,
  roomDetailSchema,
  roomSummarySchema,
} from "../schemas/room.ts";
import { defineOperation } from "./define.ts";

const roomErrors = ["ROOM_NOT_FOUND", "NOT_A_MEMBER"] as const satisfies readonly ErrorCode[];
const coordinatorErrors = [...roomErrors, "NOT_A_COORDINATOR"] as const satisfies readonly ErrorCode[];
const inviteLinkErrors = [
  "INVITE_NOT_FOUND",
  "INVITE_EXPIRED",
  "INVITE_USED_UP",
  "INVITE_REVOKED",
] as const satisfies readonly ErrorCode[];

export const createRoom = defineOperation({
  operationId: "createRoom",
  method: "post",
  path: "/rooms",
  summary: "Open a deliberation room; the creator becomes its first coordinator",
  tag: "rooms",
  auth: true,
  body: createRoomInputSchema,
  responses: { 201: { description: "The new room", schema: roomSummarySchema } },
});

export const listMyRooms = defineOperation({
  operationId: "listMyRooms",
  method: "get",
  path: "/rooms/mine",
  summary: "Rooms I belong to",
  tag: "rooms",
  auth: true,
  responses: { 200: { description: "My rooms", schema: z.array(roomSummarySchema) } },
});

export const listOpenRooms = defineOperation({
  operationId: "listOpenRooms",
  method: "get",
  path: "/rooms/open",
  summary: "The directory of open rooms",
  tag: "rooms",
  auth: true,
  responses: { 200: { description: "Open rooms", schema: z.array(roomSummarySchema) } },
});

export const getRoom = defineOperation({
  operationId: "getRoom",
  method: "get",
  path: "/rooms/:roomId",
  summary: "A room with its members grouped by sector",
  tag: "rooms",
  auth: true,
  responses: { 200: { description: "The room", schema: roomDetailSchema } },
  errors: roomErrors,
});

export const joinRoom = defineOperation({
  operationId: "joinRoom",
  method: "post",
  path: "/rooms/:roomId/join",
  summary: "Join an open room as a participant",
  tag: "rooms",
  auth: true,
  responses: { 201: { description: "Joined", schema: joinResultSchema } },
  // FORBIDDEN: the collaboration has ended and takes no new members.
  errors: ["ROOM_NOT_FOUND", "ROOM_INVITE_ONLY", "FORBIDDEN", "ALREADY_MEMBER"],
});

export const changeRoomStage = defineOperation({
  operationId: "changeRoomStage",
  method: "patch",
  path: "/rooms/:roomId/stage",
  summary: "Move the collaboration to another stage (coordinators)",
  tag: "rooms",
  auth: true,
  body: changeStageInputSchema,
  responses: { 200: { description: "The room", schema: roomSummarySchema } },
  errors: [...coordinatorErrors, "CONFLICT"],
});

export const changeMemberRole = defineOperation({
  operationId: "changeMemberRole",
  method: "patch",
  path: "/rooms/:roomId/members/:userId/role",
  summary: "Change a member's role; demoting a coordinator waits for a second coordinator (202)",
  tag: "members",
  auth: true,
  body: changeRoleInputSchema,
  responses: {
    200: { description: "Applied", schema: roleChangeResultSchema },
    202: { description: "Waiting for a second coordinator", schema: roleChangeResultSchema },
  },
  errors: [...coordinatorErrors, "MEMBER_NOT_FOUND", "LAST_COORDINATOR", "CONFLICT"],
});

export const removeMember = defineOperation({
  operationId: "removeMember",
  method: "delete",
  path: "/rooms/:roomId/members/:userId",
  summary: "Remove a member; removing a coordinator waits for a second coordinator (202)",
  tag: "members",
  auth: true,
  responses: {
    200: { description: "Removed", schema: removeMemberResultSchema },
    202: { description: "Waiting for a second coordinator", schema: removeMemberResultSchema },
  },
  errors: [...coordinatorErrors, "MEMBER_NOT_FOUND", "LAST_COORDINATOR"],
});

export const listPendingActions = defineOperation({
  operationId: "listPendingActions",
  method: "get",
  path: "/rooms/:roomId/pending-actions",
  summary: "Coordinator changes waiting for a second coordinator",
  tag: "members",
  auth: true,
  responses: { 200: { description: "Pending actions", schema: z.array(pendingActionSchema) } },
  errors: coordinatorErrors,
});

export const confirmPendingAction = defineOperation({
  operationId: "confirmPendingAction",
  method: "post",
  path: "/rooms/:roomId/pending-actions/:pendingActionId/confirm",
  summary: "Confirm, as a second coordinator, a demotion or removal of a coordinator",
  tag: "members",
  auth: true,
  responses: { 200: { description: "Applied", schema: roleChangeResultSchema.or(removeMemberResultSchema) } },
  errors: [
    ...coordinatorErrors,
    "PENDING_ACTION_NOT_FOUND",
    "CONFIRMATION_BY_SAME_COORDINATOR",
    "LAST_COORDINATOR",
    "MEMBER_NOT_FOUND",
    "CONFLICT",
  ],
});

export const createInvite = defineOperation({
  operationId: "createInvite",
  method: "post",
  path: "/rooms/:roomId/invites",
  summary: "Create an invite link (coordinators); the token is shown only once",
  tag: "invites",
  auth: true,
  // Every field has a default, so the body may be left out.
  body: createInviteInputSchema,
  responses: { 201: { description: "The invite with its token", schema: createdInviteSchema } },
  errors: coordinatorErrors,
});

export const listInvites = defineOperation({
  operationId: "listInvites",
  method: "get",
  path: "/rooms/:roomId/invites",
  summary: "A room's invites (coordinators)",
  tag: "invites",
  auth: true,
  responses: { 200: { description: "Invites", schema: z.array(inviteSchema) } },
  errors: coordinatorErrors,
});

export const revokeInvite = defineOperation({
  operationId: "revokeInvite",
  method: "delete",
  path: "/rooms/:roomId/invites/:inviteId",
  summary: "Revoke an invite link (coordinators)",
  tag: "invites",
  auth: true,
  responses: { 200: { description: "The revoked invite", schema: inviteSchema } },
  errors: [...coordinatorErrors, "INVITE_NOT_FOUND"],
});

export const previewInvite = defineOperation({
  operationId: "previewInvite",
  method: "get",
  path: "/invites/:token",
  summary: "What an invite link leads to, before accepting it",
  tag: "invites",
  auth: true,
  responses: { 200: { description: "The room and role offered", schema: invitePreviewSchema } },
  errors: inviteLinkErrors,
});

export const acceptInvite = defineOperation({
  operationId: "acceptInvite",
  method: "post",
  path: "/invites/accept",
  summary: "Join a room with an invite link's token",
  tag: "invites",
  auth: true,
  body: acceptInviteInputSchema,
  responses: {
    200: { description: "Already a member; nothing changed", schema: joinResultSchema },
    201: { description: "Joined", schema: joinResultSchema },
  },
  errors: inviteLinkErrors,
});

export const listRoomAudit = defineOperation({
  operationId: "listRoomAudit",
  method: "get",
  path: "/rooms/:roomId/audit",
  summary: "The room's audit trail of coordinator actions, newest first",
  tag: "rooms",
  auth: true,
  query: auditQuerySchema,
  responses: { 200: { description: "Audit entries", schema: z.array(auditEntrySchema) } },
  errors: roomErrors,
});

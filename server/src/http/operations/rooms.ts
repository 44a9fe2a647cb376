// Deliberation rooms: create, list, read, join, stage, members, invites, audit trail.
import {
  type MemberRole,
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
} from "@mufakat/shared";
import { z } from "zod";
import { changeRoomStage } from "../../commands/changeRoomStage.ts";
import {
  type RemovalOutcome,
  type RoleChangeOutcome,
  changeMemberRole,
  confirmPendingAction,
  listPendingActions,
  removeMember,
} from "../../commands/coordinatorChanges.ts";
import { createRoom } from "../../commands/createRoom.ts";
import { getRoomDetail } from "../../commands/getRoomDetail.ts";
import { acceptInvite, createInvite, listInvites, previewInvite, revokeInvite } from "../../commands/invites.ts";
import { joinOpenRoom } from "../../commands/joinOpenRoom.ts";
import { listMyRooms, listOpenRooms } from "../../commands/listRooms.ts";
import { listRoomAudit } from "../../commands/listRoomAudit.ts";
import type { AppContext } from "../../context.ts";
import {
  presentInvite,
  presentMember,
  presentPendingAction,
  presentRoomAudit,
  presentRoomDetail,
  presentRoomSummary,
} from "../../presenters/rooms.ts";
import { presentPublicUser } from "../../presenters/users.ts";
import { type Operation, defineOperation } from "../operation.ts";

const roomErrors = ["ROOM_NOT_FOUND", "NOT_A_MEMBER"];
const coordinatorErrors = [...roomErrors, "NOT_A_COORDINATOR"];

export function roomOperations(ctx: AppContext): Operation[] {
  async function presentOutcome(outcome: RoleChangeOutcome | RemovalOutcome) {
    if (outcome.state === "pending") {
      return { status: 202, body: { state: "pending", pendingAction: presentPendingAction(outcome.pendingAction) } };
    }
    if (!("membership" in outcome)) return { status: 200, body: { state: "applied" } };
    const user = await ctx.models.User.findById(outcome.membership.userId).lean();
    return {
      status: 200,
      body: { state: "applied", member: presentMember(outcome.membership, user ? presentPublicUser(user) : undefined) },
    };
  }

  return [
    defineOperation({
      operationId: "createRoom",
      method: "post",
      path: "/rooms",
      summary: "Open a deliberation room; the creator becomes its first coordinator",
      tag: "rooms",
      auth: true,
      body: createRoomInputSchema,
      responses: { 201: { description: "The new room", schema: roomSummarySchema } },
      errors: ["VALIDATION_FAILED"],
      async handle({ user, body }) {
        const { room } = await createRoom(ctx, { user, input: body });
        return { status: 201, body: presentRoomSummary(room, "coordinator") };
      },
    }),
    defineOperation({
      operationId: "listMyRooms",
      method: "get",
      path: "/rooms/mine",
      summary: "Rooms I belong to",
      tag: "rooms",
      auth: true,
      responses: { 200: { description: "My rooms", schema: z.array(roomSummarySchema) } },
      async handle({ user }) {
        const listed = await listMyRooms(ctx, { user });
        return { status: 200, body: listed.map(({ room, myRole }) => presentRoomSummary(room, myRole)) };
      },
    }),
    defineOperation({
      operationId: "listOpenRooms",
      method: "get",
      path: "/rooms/open",
      summary: "The directory of open rooms",
      tag: "rooms",
      auth: true,
      responses: { 200: { description: "Open rooms", schema: z.array(roomSummarySchema) } },
      async handle({ user }) {
        const listed = await listOpenRooms(ctx, { user });
        return { status: 200, body: listed.map(({ room, myRole }) => presentRoomSummary(room, myRole)) };
      },
    }),
    defineOperation({
      operationId: "getRoom",
      method: "get",
      path: "/rooms/:roomId",
      summary: "A room with its members grouped by sector",
      tag: "rooms",
      auth: true,
      responses: { 200: { description: "The room", schema: roomDetailSchema } },
      errors: roomErrors,
      async handle({ user, params }) {
        return {
          status: 200,
          body: presentRoomDetail(await getRoomDetail(ctx, { user, roomId: params.roomId ?? "" })),
        };
      },
    }),
    defineOperation({
      operationId: "joinRoom",
      method: "post",
      path: "/rooms/:roomId/join",
      summary: "Join an open room as a participant",
      tag: "rooms",
      auth: true,
      responses: { 201: { description: "Joined", schema: joinResultSchema } },
      errors: ["ROOM_NOT_FOUND", "ROOM_INVITE_ONLY", "ALREADY_MEMBER"],
      async handle({ user, params }) {
        const { room, membership } = await joinOpenRoom(ctx, { user, roomId: params.roomId ?? "" });
        return {
          status: 201,
          body: {
            room: presentRoomSummary({ ...room, memberCount: (room.memberCount ?? 0) + 1 }, membership.role),
            alreadyMember: false,
          },
        };
      },
    }),
    defineOperation({
      operationId: "changeRoomStage",
      method: "patch",
      path: "/rooms/:roomId/stage",
      summary: "Move the collaboration to another stage (coordinators)",
      tag: "rooms",
      auth: true,
      body: changeStageInputSchema,
      responses: { 200: { description: "The room", schema: roomSummarySchema } },
      errors: [...coordinatorErrors, "VALIDATION_FAILED", "CONFLICT"],
      async handle({ user, params, body }) {
        const room = await changeRoomStage(ctx, { user, roomId: params.roomId ?? "", stage: body.stage });
        return { status: 200, body: presentRoomSummary(room, "coordinator") };
      },
    }),
    defineOperation({
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
      async handle({ user, params, body }) {
        const outcome = await changeMemberRole(ctx, {
          actor: user,
          roomId: params.roomId ?? "",
          targetUserId: params.userId ?? "",
          role: body.role,
        });
        return presentOutcome(outcome);
      },
    }),
    defineOperation({
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
      async handle({ user, params }) {
        const outcome = await removeMember(ctx, {
          actor: user,
          roomId: params.roomId ?? "",
          targetUserId: params.userId ?? "",
        });
        return presentOutcome(outcome);
      },
    }),
    defineOperation({
      operationId: "listPendingActions",
      method: "get",
      path: "/rooms/:roomId/pending-actions",
      summary: "Coordinator changes waiting for a second coordinator",
      tag: "members",
      auth: true,
      responses: { 200: { description: "Pending actions", schema: z.array(pendingActionSchema) } },
      errors: coordinatorErrors,
      async handle({ user, params }) {
        const actions = await listPendingActions(ctx, { user, roomId: params.roomId ?? "" });
        return { status: 200, body: actions.map(presentPendingAction) };
      },
    }),
    defineOperation({
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
      ],
      async handle({ user, params }) {
        const outcome = await confirmPendingAction(ctx, {
          actor: user,
          roomId: params.roomId ?? "",
          pendingActionId: params.pendingActionId ?? "",
        });
        return presentOutcome(outcome);
      },
    }),
    defineOperation({
      operationId: "createInvite",
      method: "post",
      path: "/rooms/:roomId/invites",
      summary: "Create an invite link (coordinators); the token is shown only once",
      tag: "invites",
      auth: true,
      body: createInviteInputSchema,
      responses: { 201: { description: "The invite with its token", schema: createdInviteSchema } },
      errors: [...coordinatorErrors, "VALIDATION_FAILED"],
      async handle({ user, params, body }) {
        const { invite, token } = await createInvite(ctx, { user, roomId: params.roomId ?? "", input: body });
        return { status: 201, body: { ...presentInvite(invite), token, path: `/invite/${token}` } };
      },
    }),
    defineOperation({
      operationId: "listInvites",
      method: "get",
      path: "/rooms/:roomId/invites",
      summary: "A room's invites (coordinators)",
      tag: "invites",
      auth: true,
      responses: { 200: { description: "Invites", schema: z.array(inviteSchema) } },
      errors: coordinatorErrors,
      async handle({ user, params }) {
        return {
          status: 200,
          body: (await listInvites(ctx, { user, roomId: params.roomId ?? "" })).map(presentInvite),
        };
      },
    }),
    defineOperation({
      operationId: "revokeInvite",
      method: "delete",
      path: "/rooms/:roomId/invites/:inviteId",
      summary: "Revoke an invite link (coordinators)",
      tag: "invites",
      auth: true,
      responses: { 200: { description: "The revoked invite", schema: inviteSchema } },
      errors: [...coordinatorErrors, "INVITE_NOT_FOUND"],
      async handle({ user, params }) {
        const invite = await revokeInvite(ctx, { user, roomId: params.roomId ?? "", inviteId: params.inviteId ?? "" });
        return { status: 200, body: presentInvite(invite) };
      },
    }),
    defineOperation({
      operationId: "previewInvite",
      method: "get",
      path: "/invites/:token",
      summary: "What an invite link leads to, before accepting it",
      tag: "invites",
      auth: true,
      responses: { 200: { description: "The room and role offered", schema: invitePreviewSchema } },
      errors: ["INVITE_NOT_FOUND", "INVITE_EXPIRED", "INVITE_USED_UP", "INVITE_REVOKED"],
      async handle({ user, params }) {
        const { invite, room, myRole } = await previewInvite(ctx, { user, token: params.token ?? "" });
        return {
          status: 200,
          body: {
            room: presentRoomSummary(room, myRole),
            role: invite.role,
            expiresAt: invite.expiresAt.toISOString(),
          },
        };
      },
    }),
    defineOperation({
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
      errors: ["VALIDATION_FAILED", "INVITE_NOT_FOUND", "INVITE_EXPIRED", "INVITE_USED_UP", "INVITE_REVOKED"],
      async handle({ user, body }) {
        const { room, membership, alreadyMember } = await acceptInvite(ctx, { user, token: body.token });
        const fresh = (await ctx.models.Room.findById(room._id).lean()) ?? room;
        return {
          status: alreadyMember ? 200 : 201,
          body: { room: presentRoomSummary(fresh, membership.role as MemberRole), alreadyMember },
        };
      },
    }),
    defineOperation({
      operationId: "listRoomAudit",
      method: "get",
      path: "/rooms/:roomId/audit",
      summary: "The room's audit trail of coordinator actions, newest first",
      tag: "rooms",
      auth: true,
      query: auditQuerySchema,
      responses: { 200: { description: "Audit entries", schema: z.array(auditEntrySchema) } },
      errors: roomErrors,
      async handle({ user, params, query }) {
        return {
          status: 200,
          body: presentRoomAudit(await listRoomAudit(ctx, { user, roomId: params.roomId ?? "", limit: query.limit })),
        };
      },
    }),
  ];
}

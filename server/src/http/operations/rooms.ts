// Deliberation rooms: create, list, read, join, stage, members, invites, audit trail.
import { type MemberRole, type ResponseOf, contract } from "@mufakat/shared";
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
import { type Operation, type OperationResult, defineOperation } from "../operation.ts";

export function roomOperations(ctx: AppContext): Operation[] {
  type Outcome<C extends keyof typeof contract> = Promise<ResponseOf<(typeof contract)[C]>>;
  function presentOutcome(operation: "changeMemberRole", outcome: RoleChangeOutcome): Outcome<"changeMemberRole">;
  function presentOutcome(operation: "removeMember", outcome: RemovalOutcome): Outcome<"removeMember">;
  // Confirming resolves the pending action, so its outcome is always applied (200).
  function presentOutcome(
    operation: "confirmPendingAction",
    outcome: RoleChangeOutcome | RemovalOutcome,
  ): Outcome<"confirmPendingAction">;
  async function presentOutcome(
    _operation: string,
    outcome: RoleChangeOutcome | RemovalOutcome,
  ): Promise<OperationResult> {
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
    defineOperation(contract.createRoom)({
      async handle({ user, body }) {
        const { room } = await createRoom(ctx, { user, input: body });
        return { status: 201, body: presentRoomSummary(room, "coordinator") };
      },
    }),
    defineOperation(contract.listMyRooms)({
      async handle({ user }) {
        const listed = await listMyRooms(ctx, { user });
        return { status: 200, body: listed.map(({ room, myRole }) => presentRoomSummary(room, myRole)) };
      },
    }),
    defineOperation(contract.listOpenRooms)({
      async handle({ user }) {
        const listed = await listOpenRooms(ctx, { user });
        return { status: 200, body: listed.map(({ room, myRole }) => presentRoomSummary(room, myRole)) };
      },
    }),
    defineOperation(contract.getRoom)({
      async handle({ user, params }) {
        return {
          status: 200,
          body: presentRoomDetail(await getRoomDetail(ctx, { user, roomId: params.roomId ?? "" })),
        };
      },
    }),
    defineOperation(contract.joinRoom)({
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
    defineOperation(contract.changeRoomStage)({
      async handle({ user, params, body }) {
        const room = await changeRoomStage(ctx, { user, roomId: params.roomId ?? "", stage: body.stage });
        return { status: 200, body: presentRoomSummary(room, "coordinator") };
      },
    }),
    defineOperation(contract.changeMemberRole)({
      async handle({ user, params, body }) {
        const outcome = await changeMemberRole(ctx, {
          actor: user,
          roomId: params.roomId ?? "",
          targetUserId: params.userId ?? "",
          role: body.role,
        });
        return presentOutcome("changeMemberRole", outcome);
      },
    }),
    defineOperation(contract.removeMember)({
      async handle({ user, params }) {
        const outcome = await removeMember(ctx, {
          actor: user,
          roomId: params.roomId ?? "",
          targetUserId: params.userId ?? "",
        });
        return presentOutcome("removeMember", outcome);
      },
    }),
    defineOperation(contract.listPendingActions)({
      async handle({ user, params }) {
        const actions = await listPendingActions(ctx, { user, roomId: params.roomId ?? "" });
        return { status: 200, body: actions.map(presentPendingAction) };
      },
    }),
    defineOperation(contract.confirmPendingAction)({
      async handle({ user, params }) {
        const outcome = await confirmPendingAction(ctx, {
          actor: user,
          roomId: params.roomId ?? "",
          pendingActionId: params.pendingActionId ?? "",
        });
        return presentOutcome("confirmPendingAction", outcome);
      },
    }),
    defineOperation(contract.createInvite)({
      async handle({ user, params, body }) {
        const { invite, token } = await createInvite(ctx, { user, roomId: params.roomId ?? "", input: body });
        return { status: 201, body: { ...presentInvite(invite), token, path: `/invite/${token}` } };
      },
    }),
    defineOperation(contract.listInvites)({
      async handle({ user, params }) {
        return {
          status: 200,
          body: (await listInvites(ctx, { user, roomId: params.roomId ?? "" })).map(presentInvite),
        };
      },
    }),
    defineOperation(contract.revokeInvite)({
      async handle({ user, params }) {
        const invite = await revokeInvite(ctx, { user, roomId: params.roomId ?? "", inviteId: params.inviteId ?? "" });
        return { status: 200, body: presentInvite(invite) };
      },
    }),
    defineOperation(contract.previewInvite)({
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
    defineOperation(contract.acceptInvite)({
      async handle({ user, body }) {
        const { room, membership, alreadyMember } = await acceptInvite(ctx, { user, token: body.token });
        const fresh = (await ctx.models.Room.findById(room._id).lean()) ?? room;
        return {
          status: alreadyMember ? 200 : 201,
          body: { room: presentRoomSummary(fresh, membership.role as MemberRole), alreadyMember },
        };
      },
    }),
    defineOperation(contract.listRoomAudit)({
      async handle({ user, params, query }) {
        return {
          status: 200,
          body: presentRoomAudit(await listRoomAudit(ctx, { user, roomId: params.roomId ?? "", limit: query.limit })),
        };
      },
    }),
  ];
}

// The ways into a room: its public preview, and requests to join an invite-only room.
import { contract } from "@mufakat/shared";
import {
  approveJoinRequest,
  declineJoinRequest,
  listJoinRequests,
  previewRoom,
  requestToJoin,
} from "../../commands/joinRequests.ts";
import type { AppContext } from "../../context.ts";
import { presentJoinRequest, presentMyJoinRequest, presentRoomPreview } from "../../presenters/joinRequests.ts";
import { type Operation, defineOperation } from "../operation.ts";

export function joinRequestOperations(ctx: AppContext): Operation[] {
  return [
    defineOperation(contract.previewRoom)({
      async handle({ user, params }) {
        return { status: 200, body: presentRoomPreview(await previewRoom(ctx, { user, roomId: params.roomId })) };
      },
    }),
    defineOperation(contract.requestToJoin)({
      async handle({ user, params }) {
        const request = await requestToJoin(ctx, { user, roomId: params.roomId });
        return { status: 201, body: presentMyJoinRequest(request) };
      },
    }),
    defineOperation(contract.listJoinRequests)({
      async handle({ user, params }) {
        const requests = await listJoinRequests(ctx, { user, roomId: params.roomId });
        return { status: 200, body: requests.map(presentJoinRequest) };
      },
    }),
    defineOperation(contract.approveJoinRequest)({
      async handle({ user, params }) {
        const approved = await approveJoinRequest(ctx, {
          user,
          roomId: params.roomId,
          joinRequestId: params.joinRequestId,
        });
        return { status: 200, body: { request: presentJoinRequest(approved), role: approved.role } };
      },
    }),
    defineOperation(contract.declineJoinRequest)({
      async handle({ user, params, body }) {
        const declined = await declineJoinRequest(ctx, {
          user,
          roomId: params.roomId,
          joinRequestId: params.joinRequestId,
          reason: body.reason,
        });
        return { status: 200, body: presentJoinRequest(declined) };
      },
    }),
  ];
}

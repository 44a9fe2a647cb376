// Shapes a room's public preview and requests to join for the wire.
import {
  type CollaborationStage,
  type JoinRequest,
  type JoinRequestStatus,
  type MyJoinRequest,
  type RoomPreview,
  type RoomVisibility,
  wayInto,
} from "@mufakat/shared";
import type { JoinRequestView, RoomPreviewView } from "../commands/joinRequests.ts";
import type { JoinRequestDoc } from "../models/index.ts";
import { policyRoom } from "../policies/roomPolicy.ts";
import { formerUser, presentPublicUser } from "./users.ts";

export function presentMyJoinRequest(request: JoinRequestDoc): MyJoinRequest {
  return {
    id: request._id.toHexString(),
    status: request.status as JoinRequestStatus,
    reason: request.reason ?? null,
    createdAt: request.createdAt.toISOString(),
    decidedAt: request.decidedAt ? request.decidedAt.toISOString() : null,
  };
}

export function presentJoinRequest(view: JoinRequestView): JoinRequest {
  return {
    ...presentMyJoinRequest(view.request),
    requester: view.requester ? presentPublicUser(view.requester) : formerUser(view.request.userId.toHexString()),
  };
}

/** Only the room's public face: nothing about who its members are. */
export function presentRoomPreview(view: RoomPreviewView): RoomPreview {
  const { room, myRole, myRequest } = view;
  return {
    id: room._id.toHexString(),
    title: room.title,
    purpose: room.purpose ?? "",
    visibility: room.visibility as RoomVisibility,
    stage: room.stage as CollaborationStage,
    memberCount: room.memberCount ?? 0,
    sectorsPresent: view.sectorsPresent,
    myRole,
    wayIn: wayInto(policyRoom(room), myRole, myRequest?.status === "pending"),
    myRequest: myRequest ? presentMyJoinRequest(myRequest) : null,
  };
}

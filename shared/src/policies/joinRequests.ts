// Who may ask to join a room, and which way in a room offers someone: pure rules over the room, the
// caller's role and whether they have a request waiting. Deciding a request is the room action
// "room.decideJoinRequests" (coordinators only, see room.ts).
import type { RoomWayIn } from "../schemas/joinRequest.ts";
import type { MemberRole } from "../schemas/room.ts";
import { type PolicyRoom, joinRefusal } from "./room.ts";

export type JoinRequestRefusal = "ALREADY_MEMBER" | "ROOM_IS_OPEN" | "FORBIDDEN" | "JOIN_REQUEST_PENDING";

/** Why the caller may not ask to join `room`, or null when they may. */
export function joinRequestRefusal(
  room: PolicyRoom,
  role: MemberRole | null,
  hasPendingRequest: boolean,
): JoinRequestRefusal | null {
  if (role !== null) return "ALREADY_MEMBER";
  if (room.stage === "ended") return "FORBIDDEN";
  if (room.visibility === "open") return "ROOM_IS_OPEN";
  if (hasPendingRequest) return "JOIN_REQUEST_PENDING";
  return null;
}

/** The way in a room's preview offers the caller. */
export function wayInto(room: PolicyRoom, role: MemberRole | null, hasPendingRequest: boolean): RoomWayIn {
  if (role !== null) return "enter";
  if (joinRefusal(room) === null) return "join";
  const refusal = joinRequestRefusal(room, role, hasPendingRequest);
  if (refusal === null) return "request";
  return refusal === "JOIN_REQUEST_PENDING" ? "pending" : "closed";
}

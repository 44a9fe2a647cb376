// The ways into a room: its public preview, and requests to join an invite-only room that coordinators
// approve (the requester becomes a participant) or decline (with an optional reason).
import { z } from "zod";
import type { ErrorCode } from "../errors.ts";
import {
  approveJoinRequestResultSchema,
  declineJoinRequestInputSchema,
  joinRequestSchema,
  myJoinRequestSchema,
  roomPreviewSchema,
} from "../schemas/joinRequest.ts";
import { defineOperation } from "./define.ts";

const decideErrors = [
  "ROOM_NOT_FOUND",
  "NOT_A_MEMBER",
  "NOT_A_COORDINATOR",
  "JOIN_REQUEST_NOT_FOUND",
  "JOIN_REQUEST_DECIDED",
] as const satisfies readonly ErrorCode[];

export const previewRoom = defineOperation({
  operationId: "previewRoom",
  method: "get",
  path: "/rooms/:roomId/preview",
  summary: "A room's public face for anyone signed in: purpose, stage, sectors present, and the caller's way in",
  tag: "join-requests",
  auth: true,
  responses: { 200: { description: "The preview", schema: roomPreviewSchema } },
  errors: ["ROOM_NOT_FOUND"],
});

export const requestToJoin = defineOperation({
  operationId: "requestToJoin",
  method: "post",
  path: "/rooms/:roomId/join-requests",
  summary: "Ask the coordinators of an invite-only room to let me in",
  tag: "join-requests",
  auth: true,
  responses: { 201: { description: "The request, pending", schema: myJoinRequestSchema } },
  // FORBIDDEN: the collaboration has ended and takes no new members.
  errors: ["ROOM_NOT_FOUND", "ALREADY_MEMBER", "JOIN_REQUEST_PENDING", "ROOM_IS_OPEN", "FORBIDDEN"],
});

export const listJoinRequests = defineOperation({
  operationId: "listJoinRequests",
  method: "get",
  path: "/rooms/:roomId/join-requests",
  summary: "Requests to join waiting for a coordinator, oldest first (coordinators)",
  tag: "join-requests",
  auth: true,
  responses: { 200: { description: "Pending requests", schema: z.array(joinRequestSchema) } },
  errors: ["ROOM_NOT_FOUND", "NOT_A_MEMBER", "NOT_A_COORDINATOR"],
});

export const approveJoinRequest = defineOperation({
  operationId: "approveJoinRequest",
  method: "post",
  path: "/rooms/:roomId/join-requests/:joinRequestId/approve",
  summary: "Let the requester in as a participant (coordinators)",
  tag: "join-requests",
  auth: true,
  responses: { 200: { description: "Approved; the requester is a member", schema: approveJoinRequestResultSchema } },
  errors: decideErrors,
});

export const declineJoinRequest = defineOperation({
  operationId: "declineJoinRequest",
  method: "post",
  path: "/rooms/:roomId/join-requests/:joinRequestId/decline",
  summary: "Turn a request down, optionally saying why (coordinators)",
  tag: "join-requests",
  auth: true,
  body: declineJoinRequestInputSchema,
  responses: { 200: { description: "Declined", schema: joinRequestSchema } },
  errors: decideErrors,
});

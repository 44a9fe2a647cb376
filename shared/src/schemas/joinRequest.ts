// The ways into a room for someone not yet in it: the public preview of a room (what anyone signed in may
// read before joining) and requests to join an invite-only room, which a coordinator approves or declines.
import { z } from "zod";
import { limits } from "../limits.ts";
import { collaborationStageSchema, memberRoleSchema, roomVisibilitySchema } from "./room.ts";
import { publicUserSchema, sectorSchema } from "./user.ts";

export const joinRequestStatuses = ["pending", "approved", "declined"] as const;
export const joinRequestStatusSchema = z.enum(joinRequestStatuses);
export type JoinRequestStatus = z.infer<typeof joinRequestStatusSchema>;

/** A request as its requester sees it: the outcome, and a coordinator's reason when declined. */
export const myJoinRequestSchema = z.object({
  id: z.string(),
  status: joinRequestStatusSchema,
  /** The coordinator's reason for declining, if they gave one; null otherwise. */
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type MyJoinRequest = z.infer<typeof myJoinRequestSchema>;

/** A request as the room's coordinators see it: who asks, and for which sector and organisation. */
export const joinRequestSchema = myJoinRequestSchema.extend({
  requester: publicUserSchema,
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/**
 * How the caller may get into the room: `enter` (already a member), `join` (open room), `request`
 * (invite-only: ask the coordinators), `pending` (a request waits for them), `closed` (the collaboration
 * has ended and takes no new members).
 */
export const roomWaysIn = ["enter", "join", "request", "pending", "closed"] as const;
export const roomWayInSchema = z.enum(roomWaysIn);
export type RoomWayIn = z.infer<typeof roomWayInSchema>;

/**
 * What a signed-in non-member may read about a room: its public face, never its members, their names,
 * organisations, proposals, discussion or records. `sectorsPresent` says which sectors are at the table.
 */
export const roomPreviewSchema = z.object({
  id: z.string(),
  title: z.string(),
  purpose: z.string(),
  visibility: roomVisibilitySchema,
  stage: collaborationStageSchema,
  memberCount: z.number().int(),
  sectorsPresent: z.array(sectorSchema),
  myRole: memberRoleSchema.nullable(),
  wayIn: roomWayInSchema,
  /** The caller's latest request to join, or null when they never asked. */
  myRequest: myJoinRequestSchema.nullable(),
});
export type RoomPreview = z.infer<typeof roomPreviewSchema>;

export const declineJoinRequestInputSchema = z.strictObject({
  reason: z.string().trim().max(limits.joinRequestReasonChars).optional(),
});
export type DeclineJoinRequestInput = z.input<typeof declineJoinRequestInputSchema>;

export const approveJoinRequestResultSchema = z.object({
  request: joinRequestSchema,
  role: memberRoleSchema,
});
export type ApproveJoinRequestResult = z.infer<typeof approveJoinRequestResultSchema>;

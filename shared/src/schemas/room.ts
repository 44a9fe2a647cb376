// Deliberation rooms, their members, invitations and the coordinators' audit trail.
import { z } from "zod";
import { limits } from "../limits.ts";
import { roomAbilitiesSchema } from "./abilities.ts";
import { publicUserSchema, sectorSchema } from "./user.ts";

export const roomVisibilities = ["open", "invite-only"] as const;
export const roomVisibilitySchema = z.enum(roomVisibilities);
export type RoomVisibility = z.infer<typeof roomVisibilitySchema>;

/** Stages of a collaboration, as the study names them (eksplorasi … berakhir). */
export const collaborationStages = ["exploration", "formation", "growth", "maturity", "ended"] as const;
export const collaborationStageSchema = z.enum(collaborationStages);
export type CollaborationStage = z.infer<typeof collaborationStageSchema>;

export const memberRoles = ["coordinator", "participant", "observer"] as const;
export const memberRoleSchema = z.enum(memberRoles);
export type MemberRole = z.infer<typeof memberRoleSchema>;

/** Object ids travel as 24 hex characters; anything else is refused before it reaches a query. */
export const idSchema = z.string().regex(/^[0-9a-f]{24}$/, "must be an id");

export const createRoomInputSchema = z.strictObject({
  title: z.string().trim().min(1, "required").max(limits.roomTitleChars),
  purpose: z.string().trim().max(limits.roomPurposeChars).default(""),
  visibility: roomVisibilitySchema.default("invite-only"),
  stage: collaborationStageSchema.default("exploration"),
});
export type CreateRoomInput = z.input<typeof createRoomInputSchema>;

export const changeStageInputSchema = z.strictObject({ stage: collaborationStageSchema });
export const changeRoleInputSchema = z.strictObject({ role: memberRoleSchema });

export const createInviteInputSchema = z.strictObject({
  role: z.enum(["participant", "observer", "coordinator"]).default("participant"),
  expiresInHours: z
    .number()
    .int()
    .min(limits.inviteMinHours)
    .max(limits.inviteMaxHours)
    .default(limits.inviteDefaultHours),
  maxUses: z.number().int().min(1).max(limits.inviteMaxUses).nullable().default(null),
});
export type CreateInviteInput = z.input<typeof createInviteInputSchema>;

export const acceptInviteInputSchema = z.strictObject({ token: z.string().min(1, "required").max(512) });

export const memberSchema = z.object({
  user: publicUserSchema,
  role: memberRoleSchema,
  /** Sector and organisation as they were when the member joined: the record of who spoke for whom. */
  sector: sectorSchema,
  organisation: z.string(),
  joinedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const roomSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  purpose: z.string(),
  visibility: roomVisibilitySchema,
  stage: collaborationStageSchema,
  memberCount: z.number().int(),
  createdAt: z.string(),
  /** The caller's role, or null when the caller is not a member. */
  myRole: memberRoleSchema.nullable(),
  /** What the caller may do in this room (the shared room policies, for the caller's role). */
  abilities: roomAbilitiesSchema,
});
export type RoomSummary = z.infer<typeof roomSummarySchema>;

export const roomDetailSchema = roomSummarySchema.extend({
  members: z.array(memberSchema),
  /** Members grouped by their sector at join time; every sector key is present, possibly empty. */
  membersBySector: z.record(sectorSchema, z.array(memberSchema)),
});
export type RoomDetail = z.infer<typeof roomDetailSchema>;

export const inviteSchema = z.object({
  id: z.string(),
  role: memberRoleSchema,
  expiresAt: z.string(),
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  revoked: z.boolean(),
  createdAt: z.string(),
});
export type Invite = z.infer<typeof inviteSchema>;

/** Returned once, when the invite is made: the token is not stored in clear and cannot be shown again. */
export const createdInviteSchema = inviteSchema.extend({ token: z.string(), path: z.string() });
export type CreatedInvite = z.infer<typeof createdInviteSchema>;

export const auditActions = [
  "room.created",
  "stage.changed",
  "role.changed",
  "role.change.requested",
  "member.removed",
  "member.removal.requested",
  "invite.created",
  "invite.revoked",
  "joinRequest.approved",
  "joinRequest.declined",
  "settings.changed",
  "motion.opened",
  "motion.closed",
  "decision.corrected",
  "commitment.created",
  "commitment.statusChanged",
  "pledge.created",
  "pledge.statusChanged",
  "poll.opened",
  "poll.closed",
] as const;
export const auditActionSchema = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  action: auditActionSchema,
  actor: publicUserSchema,
  target: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** A change that needs a second coordinator: demoting or removing a coordinator. */
export const pendingActionSchema = z.object({
  id: z.string(),
  kind: z.enum(["demote-coordinator", "remove-coordinator"]),
  targetUserId: z.string(),
  newRole: memberRoleSchema.nullable(),
  requestedBy: z.string(),
  createdAt: z.string(),
});
export type PendingAction = z.infer<typeof pendingActionSchema>;

/** A role change either took effect or waits for a second coordinator. */
export const roleChangeResultSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("applied"), member: memberSchema }),
  z.object({ state: z.literal("pending"), pendingAction: pendingActionSchema }),
]);
export type RoleChangeResult = z.infer<typeof roleChangeResultSchema>;

export const removeMemberResultSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("applied") }),
  z.object({ state: z.literal("pending"), pendingAction: pendingActionSchema }),
]);
export type RemoveMemberResult = z.infer<typeof removeMemberResultSchema>;

export const invitePreviewSchema = z.object({
  room: roomSummarySchema,
  role: memberRoleSchema,
  expiresAt: z.string(),
});
export type InvitePreview = z.infer<typeof invitePreviewSchema>;

export const joinResultSchema = z.object({
  room: roomSummarySchema,
  /** True when the caller was already a member; nothing changed and no invite use was spent. */
  alreadyMember: z.boolean(),
});
export type JoinResult = z.infer<typeof joinResultSchema>;

export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// Vote delegations as they travel: giving one (room-wide or for one motion) and the delegations a member
// gave and received. How they are counted is in shared/src/rules/delegation.ts.
import { z } from "zod";
import { delegationScopes, unresolvedReasons } from "../rules/delegation.ts";
import { idSchema } from "./room.ts";
import { publicUserSchema } from "./user.ts";

export const delegationScopeSchema = z.enum(delegationScopes);

/** What a member sends to delegate: whom to. The scope is the path (a room, or one motion). */
export const delegateVoteInputSchema = z.strictObject({
  /** The member who will vote for the caller; a member of the room with voting rights, not the caller. */
  delegateId: idSchema,
});
export type DelegateVoteInput = z.infer<typeof delegateVoteInputSchema>;

export const delegationSchema = z.object({
  roomId: z.string(),
  /** "room": every motion of the room; "motion": one motion, where it replaces the room-wide one. */
  scope: delegationScopeSchema,
  /** The motion a motion-scoped delegation is for; null room-wide. */
  motionId: z.string().nullable(),
  delegator: publicUserSchema,
  delegate: publicUserSchema,
  createdAt: z.string(),
});
export type Delegation = z.infer<typeof delegationSchema>;

export const myDelegationsSchema = z.object({
  /** The room's setting: whether a delegation may go to a member of another sector. */
  acrossSectors: z.boolean(),
  /** Delegations the caller gave (at most one room-wide, one per motion), room-wide first. */
  given: z.array(delegationSchema),
  /** Delegations others gave to the caller: the votes the caller's own vote carries. */
  received: z.array(delegationSchema),
});
export type MyDelegations = z.infer<typeof myDelegationsSchema>;

/** How the caller's vote stands on one motion. */
export const motionDelegationStatuses = [
  /** The caller neither voted nor delegated. */
  "none",
  /** The caller voted themselves (any delegation is overridden). */
  "direct",
  /** A delegate's ballot counts for the caller. */
  "delegated",
  /** The caller delegated, but the chain reached no ballot (yet): see unresolvedReason. */
  "notCounted",
] as const;

export const myMotionDelegationSchema = z.object({
  motionId: z.string(),
  /** The delegation in force for the caller on this motion: the motion-scoped one, else the room-wide one. */
  delegation: delegationSchema.nullable(),
  status: z.enum(motionDelegationStatuses),
  /** For notCounted on an open motion: why the chain reached no ballot; otherwise null. */
  unresolvedReason: z.enum(unresolvedReasons).nullable(),
  /** For delegated under named ballots: whose ballot counts for the caller; null under a secret ballot. */
  castBy: publicUserSchema.nullable(),
  /** Members whose votes the caller's own ballot carries on this motion (their chains end at the caller). */
  carrying: z.number().int().min(0),
});
export type MyMotionDelegation = z.infer<typeof myMotionDelegationSchema>;

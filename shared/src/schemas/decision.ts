// Motions as they travel: opening one on a proposal's frozen text, casting a position, the live view,
// and the records of the room's hash-chained decision log. Rules and tallies are in motion.ts.
import { z } from "zod";
import { motionAbilitiesSchema } from "./abilities.ts";
import { motionLimits as limits } from "../limits.ts";
import {
  decisionRuleSchema,
  positionSchema,
  publicTallySchema,
  recordedBallotSchema,
  voteInputSchema,
} from "./motion.ts";
import { closeReasonSchema, storedDecisionPayloadSchema } from "./decisionPayload.ts";
import { chainProblems } from "../decisionLog/chain.ts";
import { idSchema } from "./room.ts";
import { publicUserSchema, sectorSchema } from "./user.ts";

/** What a room decides by, set by its coordinators and copied into every motion it opens. */
export const roomDecisionSettingsSchema = z.strictObject({
  decisionRule: decisionRuleSchema,
  /** Secret ballots: tallies and records leave out who chose what; one member, one vote still holds. */
  secretBallots: z.boolean(),
  /** When true, participants (not only coordinators) may open motions. */
  participantsMayOpenMotions: z.boolean(),
  /**
   * When true, a member may delegate their vote to a member of another sector. Off by default, so no
   * sector's voice is carried by another (shared/src/rules/delegation.ts). Copied into every motion.
   */
  delegationAcrossSectors: z.boolean(),
});
export type RoomDecisionSettings = z.infer<typeof roomDecisionSettingsSchema>;

export const updateRoomDecisionSettingsInputSchema = z
  .strictObject({
    decisionRule: decisionRuleSchema,
    secretBallots: z.boolean(),
    participantsMayOpenMotions: z.boolean(),
    delegationAcrossSectors: z.boolean(),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, {
    message: "at least one setting to change",
    params: { rule: "nothingToChange" },
  });

export const openMotionInputSchema = z.strictObject({
  proposalId: idSchema,
  /** Minutes until the motion closes by itself. */
  durationMinutes: z.number().int().min(1).max(limits.motionMaxMinutes).default(limits.motionDefaultMinutes),
  /** Overrides the room's rule for this motion only; the room's rule when omitted. */
  rule: decisionRuleSchema.optional(),
});
export type OpenMotionInput = z.input<typeof openMotionInputSchema>;

export const listMotionsQuerySchema = z.strictObject({ proposalId: idSchema.optional() });

export const castVoteInputSchema = z.intersection(
  voteInputSchema,
  z.object({
    /** A client-made id: resending the same vote (after a timeout, a reconnect) changes nothing. */
    clientVoteId: z.string().trim().min(8, "at least 8 characters").max(100, "at most 100 characters"),
  }),
);
export type CastVoteInput = z.infer<typeof castVoteInputSchema>;

export const motionStatuses = ["open", "closing", "closed"] as const;
export const motionStatusSchema = z.enum(motionStatuses);

/** One change of position, kept for the motion's history (anonymous under secret ballots). */
export const positionChangeSchema = z.object({
  member: publicUserSchema.nullable(),
  sector: sectorSchema,
  position: positionSchema,
  reason: z.string().nullable(),
  at: z.string(),
});
export type PositionChange = z.infer<typeof positionChangeSchema>;

export const motionSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  proposalId: z.string(),
  proposalTitle: z.string(),
  frozenText: z.string(),
  /** SHA-256 (hex) of frozenText as UTF-8: what every vote is on. */
  frozenTextHash: z.string(),
  rule: decisionRuleSchema,
  secretBallot: z.boolean(),
  status: motionStatusSchema,
  openedBy: publicUserSchema,
  openedAt: z.string(),
  deadline: z.string(),
  closedAt: z.string().nullable(),
  closeReason: closeReasonSchema.nullable(),
  eligibleCount: z.number().int(),
  tally: publicTallySchema,
  /** Named ballots only: who holds which position now. Empty under secret ballots. */
  ballots: z.array(recordedBallotSchema.extend({ displayName: z.string() })),
  /** The caller's own current position, if any (also under secret ballots). */
  myPosition: positionSchema.nullable(),
  /** Seq of the decision record once closed. */
  decisionSeq: z.number().int().nullable(),
  /** What the caller may do with this motion (the shared motion policies). */
  abilities: motionAbilitiesSchema,
});
export type Motion = z.infer<typeof motionSchema>;

export const voteResultSchema = z.object({
  motionId: z.string(),
  position: positionSchema,
  /** True when this clientVoteId had already been stored: nothing changed. */
  replayed: z.boolean(),
  tally: publicTallySchema,
});
export type VoteResult = z.infer<typeof voteResultSchema>;

/**
 * A record of the decision log exactly as the API and the exports serve it: every field but `hash` is
 * hashed, and the hash is checked over exactly these fields (docs/decision-log.md). Loose, so that a field
 * a newer server adds reaches the browser's chain check instead of being dropped before it.
 */
const decisionRecordShape = {
  /** The room the log belongs to: it binds each record to its room's chain. */
  roomId: z.string(),
  seq: z.number().int(),
  kind: z.enum(["decision", "correction"]),
  corrects: z.number().int().nullable(),
  /** What makes an append idempotent: "motion:<motionId>", or "correction:<seq>:<ms>:<userId>". */
  dedupeKey: z.string(),
  at: z.string(),
  /**
   * As stored, byte for byte (the hash covers it): read it with parseDecisionPayload (decisionPayload.ts).
   * Any JSON object is accepted and passed on unchanged, so no default is filled in before it is hashed.
   */
  payload: storedDecisionPayloadSchema,
  prevHash: z.string(),
  hash: z.string(),
};
export const decisionRecordSchema = z.looseObject(decisionRecordShape);
/** The fields this version serves (the schema also lets through any a newer server adds). */
export type DecisionRecord = z.infer<z.ZodObject<typeof decisionRecordShape>>;

export const chainVerificationSchema = z.object({
  valid: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  problem: z.enum(chainProblems).nullable(),
  /** The hash of the log's last record (64 zeros for an empty log): it pins the log as it stands. */
  headHash: z.string(),
  /** The seq of the log's last record, whose hash headHash is (null for an empty log). */
  headSeq: z.number().int().nullable(),
});
export type ChainVerification = z.infer<typeof chainVerificationSchema>;

export const correctDecisionInputSchema = z.strictObject({
  note: z.string().trim().min(1, "required").max(limits.correctionNoteChars),
});

// The payload of a decision-log record: a versioned tagged union, written by the server and read, once,
// by parseDecisionPayload on both sides (the log, the review, the exports, the client).
//
// The tag is `type`, the field every record has carried since the log began; the hash of a record covers
// its payload exactly as stored, so stored records are never rewritten into a new shape. `v` is the shape's
// version: records written so far carry none, which means 1; a changed shape adds a variant with `v: 2`
// and leaves the old one readable. A payload that matches no variant (tampered, or from a newer server) is
// read as `{ type: "unknown" }` and shown as such: never dropped, never a crash.
import { z } from "zod";
import {
  decisionRuleSchema,
  positionSchema,
  publicTallySchema,
  quorumSchema,
  recordedPublicTallySchema,
  sectorWeightingSchema,
  tallyOutcomeSchema,
  tallyReasonCodeSchema,
} from "./motion.ts";
import { withSectorExplanations } from "../rules/sectorExplanation.ts";
import {
  pollNamedBallotSchema,
  pollKindSchema,
  pollOptionSchema,
  pollOutcomeSchema,
  pollResultSchema,
  rankedMethodSchema,
} from "./poll.ts";
import { sectorSchema } from "./user.ts";

/** Why a motion closed (kept here, not in decision.ts, which imports this module). */
export const closeReasons = ["deadline", "allVoted", "coordinator"] as const;
export const closeReasonSchema = z.enum(closeReasons);
export type CloseReason = z.infer<typeof closeReasonSchema>;

// --- What the server writes --------------------------------------------------------------------------

const personRefSchema = z.object({ id: z.string(), displayName: z.string().nullable() });

/** A named ballot's position, as recorded. */
export const recordedNamedPositionSchema = z.object({
  memberId: z.string(),
  displayName: z.string(),
  sector: sectorSchema,
  organisation: z.string(),
  position: positionSchema,
  reason: z.string().nullable(),
  /** Set when a delegate cast this position for the member: the member whose ballot it copies. */
  delegate: z.string().optional(),
});
/** Under a secret ballot only reasons are recorded, detached from who gave them. */
export const recordedSecretReasonSchema = z.object({ position: positionSchema, reason: z.string() });

/** A motion closed: its frozen text, rule, tally and positions (kind "decision"). */
export const motionDecidedPayloadSchema = z.looseObject({
  type: z.literal("motionDecided"),
  v: z.literal(1).optional(),
  motionId: z.string(),
  proposalId: z.string(),
  proposalTitle: z.string(),
  frozenText: z.string(),
  frozenTextHash: z.string(),
  rule: decisionRuleSchema,
  secretBallot: z.boolean(),
  outcome: tallyOutcomeSchema,
  reasonCode: tallyReasonCodeSchema,
  tally: publicTallySchema,
  positions: z.array(z.union([recordedNamedPositionSchema, recordedSecretReasonSchema])),
  openedAt: z.string(),
  openedBy: personRefSchema,
  deadline: z.string(),
  closedAt: z.string(),
  closeReason: closeReasonSchema.nullable(),
  closedBy: personRefSchema.nullable(),
  earlyClose: z.boolean(),
});
export type MotionDecidedPayload = z.infer<typeof motionDecidedPayloadSchema>;

/** A poll closed: its question, options, the rule's part it honours, the result and (named) the answers. */
export const pollDecidedPayloadSchema = z.looseObject({
  type: z.literal("pollDecided"),
  v: z.literal(1).optional(),
  pollId: z.string(),
  kind: pollKindSchema,
  title: z.string(),
  options: z.array(pollOptionSchema),
  method: rankedMethodSchema.nullable(),
  maxScore: z.int().nullable(),
  dots: z.int().nullable(),
  quorum: quorumSchema,
  sectorWeighting: sectorWeightingSchema,
  secretBallot: z.boolean(),
  outcome: pollOutcomeSchema,
  leading: z.array(z.string()),
  result: pollResultSchema,
  /** Named polls: who answered what, by member id. Empty under a secret ballot. */
  answers: z.array(pollNamedBallotSchema),
  openedAt: z.string(),
  openedBy: personRefSchema,
  deadline: z.string(),
  closedAt: z.string(),
  closeReason: closeReasonSchema.nullable(),
  closedBy: personRefSchema.nullable(),
  earlyClose: z.boolean(),
});
export type PollDecidedPayload = z.infer<typeof pollDecidedPayloadSchema>;

/** A correction of an earlier record (kind "correction"); the record's `corrects` names it. */
export const correctionPayloadSchema = z.looseObject({
  type: z.literal("correction"),
  v: z.literal(1).optional(),
  note: z.string(),
  correctedBy: personRefSchema,
});
export type CorrectionPayload = z.infer<typeof correctionPayloadSchema>;

/**
 * A payload on the wire: one of the shapes the server writes (motionDecidedPayloadSchema,
 * correctionPayloadSchema) or any other object (a record from an older or newer server, or one altered in
 * the database). The log serves what is stored, byte for byte, and a reader's chain check hashes what it
 * received: so this accepts any JSON object and returns it unchanged. Parsing with the variants above
 * would fill in defaults (a rule stored before `organisationBalance` existed would gain one) and change
 * what is hashed.
 */
export const storedDecisionPayloadSchema = z.record(z.string(), z.unknown()).meta({
  description: "The record's payload as stored: a motionDecided or correction payload (docs/decision-log.md)",
});
export type StoredDecisionPayload = z.infer<typeof storedDecisionPayloadSchema>;

// --- What a reader gets ------------------------------------------------------------------------------

/** One recorded position as read: the named fields are null under a secret ballot. */
export interface ReadPosition {
  position: z.infer<typeof positionSchema>;
  /** As recorded: null when none was given (a secret ballot may record ""). */
  reason: string | null;
  memberId: string | null;
  displayName: string | null;
  sector: z.infer<typeof sectorSchema> | null;
  organisation: string | null;
}

/**
 * Read field by field: a stored decision shows whatever of it is readable (a field that does not match is
 * null or empty, a position that does not match is left out), because a record is evidence and must be
 * shown even when part of it is damaged.
 */
const motionDecidedReadSchema = z.object({
  type: z.literal("motionDecided"),
  v: z.literal(1).optional(),
  motionId: z.string().catch(""),
  proposalId: z.string().catch(""),
  proposalTitle: z.string().catch(""),
  frozenText: z.string().catch(""),
  frozenTextHash: z.string().catch(""),
  rule: decisionRuleSchema.nullable().catch(null),
  secretBallot: z.boolean().catch(false),
  outcome: tallyOutcomeSchema.nullable().catch(null),
  reasonCode: tallyReasonCodeSchema.nullable().catch(null),
  // A record from before per-sector explanations reads with them derived from its own counts.
  tally: recordedPublicTallySchema.transform(withSectorExplanations).nullable().catch(null),
  positions: z.array(z.unknown()).catch([]),
  closeReason: closeReasonSchema.nullable().catch(null),
  earlyClose: z.boolean().catch(false),
});

/** An entry whose fields are of the wrong type (a sector that is not one of ours, say) is left out. */
const readPositionSchema = z.object({
  position: positionSchema,
  reason: z.string().nullish(),
  memberId: z.unknown().optional(),
  displayName: z.string().nullish(),
  sector: sectorSchema.nullish(),
  organisation: z.string().nullish(),
});

const pollDecidedReadSchema = z.object({
  type: z.literal("pollDecided"),
  v: z.literal(1).optional(),
  pollId: z.string().catch(""),
  kind: pollKindSchema.nullable().catch(null),
  title: z.string().catch(""),
  options: z.array(pollOptionSchema).catch([]),
  quorum: quorumSchema.nullable().catch(null),
  secretBallot: z.boolean().catch(false),
  outcome: pollOutcomeSchema.nullable().catch(null),
  leading: z.array(z.string()).catch([]),
  result: pollResultSchema.nullable().catch(null),
  closeReason: closeReasonSchema.nullable().catch(null),
  earlyClose: z.boolean().catch(false),
});

const correctionReadSchema = z.object({
  type: z.literal("correction"),
  v: z.literal(1).optional(),
  note: z.string().catch(""),
  correctedBy: z
    .object({ id: z.string().nullable().catch(null), displayName: z.string().catch("") })
    .catch({ id: null, displayName: "" }),
});

export type DecisionPayload =
  | {
      type: "motionDecided";
      v: 1;
      motionId: string;
      proposalId: string;
      proposalTitle: string;
      frozenText: string;
      frozenTextHash: string;
      rule: z.infer<typeof decisionRuleSchema> | null;
      secretBallot: boolean;
      outcome: z.infer<typeof tallyOutcomeSchema> | null;
      reasonCode: z.infer<typeof tallyReasonCodeSchema> | null;
      tally: z.infer<typeof publicTallySchema> | null;
      positions: ReadPosition[];
      closeReason: z.infer<typeof closeReasonSchema> | null;
      earlyClose: boolean;
    }
  | {
      type: "pollDecided";
      v: 1;
      pollId: string;
      kind: z.infer<typeof pollKindSchema> | null;
      title: string;
      options: z.infer<typeof pollOptionSchema>[];
      quorum: z.infer<typeof quorumSchema> | null;
      secretBallot: boolean;
      outcome: z.infer<typeof pollOutcomeSchema> | null;
      leading: string[];
      result: z.infer<typeof pollResultSchema> | null;
      closeReason: z.infer<typeof closeReasonSchema> | null;
      earlyClose: boolean;
    }
  | { type: "correction"; v: 1; note: string; correctedBy: { id: string | null; displayName: string } }
  | { type: "unknown"; raw: unknown };

function readPositions(items: unknown[]): ReadPosition[] {
  return items.flatMap((item) => {
    const parsed = readPositionSchema.safeParse(item);
    if (!parsed.success) return [];
    const { position, reason, memberId, displayName, sector, organisation } = parsed.data;
    return [
      {
        position,
        reason: reason ?? null,
        memberId: typeof memberId === "string" ? memberId : null,
        displayName: displayName ?? null,
        sector: sector ?? null,
        organisation: organisation ?? null,
      },
    ];
  });
}

/** Reads a stored payload into the tagged union; never throws. */
export function parseDecisionPayload(raw: unknown): DecisionPayload {
  const tag = typeof raw === "object" && raw !== null ? (raw as { type?: unknown; v?: unknown }) : null;
  if (tag?.type === "motionDecided" && (tag.v === undefined || tag.v === 1)) {
    const parsed = motionDecidedReadSchema.safeParse(raw);
    if (parsed.success) return { ...parsed.data, v: 1, positions: readPositions(parsed.data.positions) };
  }
  if (tag?.type === "pollDecided" && (tag.v === undefined || tag.v === 1)) {
    const parsed = pollDecidedReadSchema.safeParse(raw);
    if (parsed.success) return { ...parsed.data, v: 1 };
  }
  if (tag?.type === "correction" && (tag.v === undefined || tag.v === 1)) {
    const parsed = correctionReadSchema.safeParse(raw);
    if (parsed.success) return { ...parsed.data, v: 1 };
  }
  return { type: "unknown", raw };
}

// Accountability after a decision: commitments (who will do what by when, followed up), resource pledges
// and the room's ledger, the participation insight per sector, the coordinators' review of decision logs,
// and the shapes of exports and the printable report. Rules are in ../rules/participation.ts and csv.ts.
import { z } from "zod";
import { commitmentAbilitiesSchema, pledgeAbilitiesSchema } from "./abilities.ts";
import { accountabilityLimits as accountability, limits } from "../limits.ts";
import { chainVerificationSchema, decisionRecordSchema } from "./decision.ts";
import { positionSchema, publicTallySchema, tallyOutcomeSchema, tallyReasonCodeSchema } from "./motion.ts";
import { collaborationStageSchema, idSchema, roomSummarySchema } from "./room.ts";
import { publicUserSchema, sectorSchema } from "./user.ts";
import type { ActCounts } from "../rules/participation.ts";

const trimmed = (max: number) => z.string().trim().min(1, "required").max(max, `at most ${max} characters`);

/** An instant with its offset ("2026-12-31T23:59:59+07:00"); the client turns a picked day into its end, local time. */
export const instantSchema = z.iso.datetime({ offset: true, message: "must be an ISO date-time with offset" });

const percentSchema = z.int("must be a whole number").min(0, "at least 0").max(100, "at most 100");

// --- Commitments ----------------------------------------------------------------------------------------

/** rencana, berjalan, selesai, dibatalkan. */
export const commitmentStatuses = ["planned", "inProgress", "done", "dropped"] as const;
export const commitmentStatusSchema = z.enum(commitmentStatuses);
export type CommitmentStatus = z.infer<typeof commitmentStatusSchema>;

/** Statuses that end a commitment: such a commitment is never overdue. */
export const closedCommitmentStatuses = ["done", "dropped"] as const satisfies readonly CommitmentStatus[];

/** Overdue: the due instant has passed (strictly) and the commitment is neither done nor dropped. */
export function isCommitmentOverdue(commitment: { status: CommitmentStatus; dueDate: Date }, now: Date): boolean {
  return (
    !(closedCommitmentStatuses as readonly CommitmentStatus[]).includes(commitment.status) &&
    now.getTime() > commitment.dueDate.getTime()
  );
}

export const createCommitmentInputSchema = z
  .strictObject({
    /** The decision record (seq in the room's log) the commitment carries out; it must be adopted. */
    decisionSeq: z.int().min(1, "must be at least 1"),
    what: trimmed(accountability.commitmentWhatChars),
    /** A member of the room who answers for it (participants may name only themselves). */
    ownerUserId: idSchema.nullable().default(null),
    /** The organisation that answers for it, with or without a named member. */
    ownerOrganisation: trimmed(limits.organisationChars).nullable().default(null),
    /** Defaults to the owner's sector in the room, else the author's. */
    sector: sectorSchema.optional(),
    dueDate: instantSchema,
    status: commitmentStatusSchema.default("planned"),
    percentComplete: percentSchema.default(0),
  })
  .refine((value) => value.ownerUserId !== null || value.ownerOrganisation !== null, {
    path: ["ownerUserId"],
    message: "name an owner: a member, an organisation or both",
    params: { rule: "ownerRequired" },
  })
  // The same rule for JSON Schema: a member id or an organisation (or both) is given, not null.
  .meta({
    anyOf: [
      { required: ["ownerUserId"], properties: { ownerUserId: { type: "string" } } },
      { required: ["ownerOrganisation"], properties: { ownerOrganisation: { type: "string" } } },
    ],
  });
export type CreateCommitmentInput = z.input<typeof createCommitmentInputSchema>;

export const updateCommitmentInputSchema = z
  .strictObject({
    what: trimmed(accountability.commitmentWhatChars),
    ownerOrganisation: trimmed(limits.organisationChars).nullable(),
    dueDate: instantSchema,
    status: commitmentStatusSchema,
    percentComplete: percentSchema,
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, {
    message: "at least one field to change",
    params: { rule: "nothingToChange" },
  })
  .meta({ minProperties: 1 });
export type UpdateCommitmentInput = z.input<typeof updateCommitmentInputSchema>;

export const addCommitmentProgressInputSchema = z.strictObject({
  note: trimmed(accountability.progressNoteChars),
  /** Sets the commitment's percent complete along with the note. */
  percentComplete: percentSchema.optional(),
});
export type AddCommitmentProgressInput = z.input<typeof addCommitmentProgressInputSchema>;

export const commitmentListQuerySchema = z.strictObject({
  decisionSeq: z.coerce.number().int().min(1).optional(),
  status: commitmentStatusSchema.optional(),
  overdue: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
});
export type CommitmentListQuery = z.input<typeof commitmentListQuerySchema>;

export const progressNoteSchema = z.object({
  note: z.string(),
  percentComplete: z.number().int().nullable(),
  at: z.string(),
  author: publicUserSchema,
});
export type ProgressNote = z.infer<typeof progressNoteSchema>;

export const commitmentSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  decisionSeq: z.number().int(),
  /** The title of the adopted proposal, as the decision record holds it. */
  decisionTitle: z.string(),
  what: z.string(),
  owner: publicUserSchema.nullable(),
  ownerOrganisation: z.string().nullable(),
  sector: sectorSchema,
  dueDate: z.string(),
  status: commitmentStatusSchema,
  percentComplete: z.number().int(),
  /** Computed with the server's clock when the commitment is read. */
  overdue: z.boolean(),
  /** Oldest first. */
  progress: z.array(progressNoteSchema),
  createdBy: publicUserSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do with it: in lists, writes and the room JSON export; not in the report or the review. */
  abilities: commitmentAbilitiesSchema.optional(),
});
export type Commitment = z.infer<typeof commitmentSchema>;

// --- Resource pledges and the ledger --------------------------------------------------------------------

/** tenaga/waktu, dana, fasilitas, data/pengetahuan, peralatan. */
export const resourceKinds = ["peopleTime", "funds", "facilities", "dataKnowledge", "equipment"] as const;
export const resourceKindSchema = z.enum(resourceKinds);
export type ResourceKind = z.infer<typeof resourceKindSchema>;

export const pledgeStatuses = ["pledged", "delivered", "withdrawn"] as const;
export const pledgeStatusSchema = z.enum(pledgeStatuses);
export type PledgeStatus = z.infer<typeof pledgeStatusSchema>;

/**
 * True when `value` has at most two decimals. In hundredths it must be a whole number, up to the rounding of
 * binary floating point, which grows with the value (1295204087.14 × 100 is 129520408714.00002): so the
 * tolerance is a few units of the last place of the value in hundredths (below 0.1 hundredth, what a third
 * decimal adds, up to the largest quantity allowed).
 */
export function hasAtMostTwoDecimals(value: number): boolean {
  const hundredths = value * 100;
  return Math.abs(Math.round(hundredths) - hundredths) <= 4 * Number.EPSILON * Math.max(1, Math.abs(hundredths));
}

/** Quantities keep at most two decimals, so totals are summed exactly in hundredths. */
export const pledgeQuantitySchema = z
  .number()
  .positive("must be more than 0")
  .max(accountability.pledgeMaxQuantity, `at most ${accountability.pledgeMaxQuantity}`)
  .refine(hasAtMostTwoDecimals, {
    message: "at most two decimals",
    params: { rule: "atMostTwoDecimals" },
  })
  .meta({ multipleOf: 0.01 });

export const createPledgeInputSchema = z.strictObject({
  /** The adopted decision the resources back, or null for the room as a whole. */
  decisionSeq: z.int().min(1, "must be at least 1").nullable().default(null),
  kind: resourceKindSchema,
  quantity: pledgeQuantitySchema,
  /** "hours", "IDR", "rooms", "datasets"…: totals are per kind and unit, never across units. */
  unit: trimmed(accountability.pledgeUnitChars),
  note: z
    .string()
    .trim()
    .max(accountability.pledgeNoteChars, `at most ${accountability.pledgeNoteChars} characters`)
    .default(""),
});
export type CreatePledgeInput = z.input<typeof createPledgeInputSchema>;

export const updatePledgeStatusInputSchema = z.strictObject({ status: pledgeStatusSchema });

export const pledgeSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  decisionSeq: z.number().int().nullable(),
  kind: resourceKindSchema,
  quantity: z.number(),
  unit: z.string(),
  note: z.string(),
  /** The pledging member's organisation and sector in this room. */
  organisation: z.string(),
  sector: sectorSchema,
  status: pledgeStatusSchema,
  pledgedBy: publicUserSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do with it: in lists, writes and the room JSON export; not in the report or the review. */
  abilities: pledgeAbilitiesSchema.optional(),
});
export type Pledge = z.infer<typeof pledgeSchema>;

/** One kind in one unit. Withdrawn pledges count nowhere. */
export const resourceTotalSchema = z.object({
  kind: resourceKindSchema,
  unit: z.string(),
  pledged: z.number(),
  delivered: z.number(),
  /** pledged + delivered. */
  total: z.number(),
  /** Pledges (not withdrawn) in this line. */
  pledges: z.number().int(),
});
export type ResourceTotal = z.infer<typeof resourceTotalSchema>;

export const resourceTotalsSchema = z.object({
  /** Sorted by kind (in the order of resourceKinds), then unit. */
  byKind: z.array(resourceTotalSchema),
  /** Every sector is present, possibly with no lines. */
  bySector: z.record(sectorSchema, z.array(resourceTotalSchema)),
});
export type ResourceTotals = z.infer<typeof resourceTotalsSchema>;

export const ledgerQuerySchema = z.strictObject({ decisionSeq: z.coerce.number().int().min(1).optional() });

export const resourceLedgerSchema = resourceTotalsSchema.extend({
  roomId: z.string(),
  /** Newest first, withdrawn ones included. */
  pledges: z.array(pledgeSchema),
});
export type ResourceLedger = z.infer<typeof resourceLedgerSchema>;

// --- Participation insight -----------------------------------------------------------------------------

const periodRule = `\`from\` is before \`to\`, and the period spans at most ${accountability.participationMaxDays} days`;

/**
 * A period, both ends included; the server defaults `to` to now and `from` to 30 days before `to`. The
 * period rule holds for defaulted ends too: checked here when both are given, by the server (which knows
 * "now") otherwise, and said in the description, which JSON Schema readers see.
 */
export const periodQuerySchema = z
  .strictObject({
    from: instantSchema.optional(),
    to: instantSchema.optional(),
  })
  .superRefine((period, issues) => {
    if (period.from === undefined || period.to === undefined) return;
    const span = Date.parse(period.to) - Date.parse(period.from);
    if (span <= 0) {
      issues.addIssue({
        code: "custom",
        path: ["from"],
        message: "must be before to",
        params: { rule: "periodReversed" },
      });
    } else if (span > accountability.participationMaxDays * 24 * 60 * 60 * 1000) {
      issues.addIssue({
        code: "custom",
        path: ["from"],
        message: `the period spans at most ${accountability.participationMaxDays} days`,
        params: { rule: "periodTooLong" },
      });
    }
  })
  .meta({
    description: `${periodRule}; a missing \`to\` is now, a missing \`from\` ${accountability.participationDefaultDays} days before \`to\`, and the rule holds for those too.`,
  });
export type PeriodQuery = z.input<typeof periodQuerySchema>;

const count = z.number().int();

/** A sector's acts per kind (rules/participation.ts: memberActKinds, then coordinationActKinds). */
export const actCountsSchema = z.object({
  /** One person's edits to one proposal with pauses under `editSessionGapMinutes` (not each stored update). */
  editingSessions: count,
  comments: count,
  chatMessages: count,
  /** Ballots: one per motion and member, however often the member changed position in the period. */
  votes: count,
  commitments: count,
  pledges: count,
  motionsOpened: count,
  stageChanges: count,
  versionsSaved: count,
  invites: count,
}) satisfies z.ZodType<ActCounts>;

export const sectorParticipationSchema = z.object({
  sector: sectorSchema,
  /** Coordinators and participants (the writing members, expected to act). */
  members: count,
  observers: count,
  /** members / writing members of the room, for display; null when the room has none. */
  memberShare: z.number().nullable(),
  acts: actCountsSchema,
  /** The sector's acts, every kind together. */
  total: count,
  /** total / the room's acts, for display; null when nobody acted. */
  actShare: z.number().nullable(),
  /** roomActs · members / writingMembers, rounded up to the hundredth; null when the room has no writing members. */
  expectedActs: z.number().nullable(),
  /** Quiet below this many acts (⌈quietPercent% of the exact expected acts⌉); null when not judged or without members. */
  flaggedBelow: count.nullable(),
  /** The acts as a whole percentage of the expected acts, rounded down; null without members or without acts. */
  proportionPercent: count.nullable(),
  /** Judged and fewer acts than flaggedBelow. */
  quiet: z.boolean(),
  /** Live presence in the period: total time of the sector's members in the room, and how many were there. */
  attendanceMs: count,
  membersPresent: count,
});
export type SectorParticipationView = z.infer<typeof sectorParticipationSchema>;

/** A quiet sector, with what it did: the client words it ("Academia: 2 of 8 members, no … in 30 days."). */
export const symbolicParticipationWarningSchema = z.object({
  type: z.literal("symbolicParticipation"),
  sector: sectorSchema,
  members: count,
  writingMembers: count,
  acts: actCountsSchema,
  total: count,
  roomActs: count,
  flaggedBelow: count,
  quietPercent: count,
});

export const stageChangeSchema = z.object({
  from: collaborationStageSchema.nullable(),
  to: collaborationStageSchema,
  at: z.string(),
  by: publicUserSchema,
});
export type StageChange = z.infer<typeof stageChangeSchema>;

export const participationSchema = z.object({
  roomId: z.string(),
  from: z.string(),
  to: z.string(),
  /** Whole days the period spans (a part-day counts as a day): the "in 30 days" of a warning. */
  periodDays: count,
  /** The room's setting: quiet below this percentage of the acts in proportion to its members. */
  quietPercent: count,
  /** Coordinators and participants of the room. */
  writingMembers: count,
  /** Acts of every sector in the period. */
  roomActs: count,
  /** Acts a period needs to be judged: max(participationMinActs, writingMembers). */
  minimumActs: count,
  /** roomActs ≥ minimumActs: only a judged period flags any sector. */
  judged: z.boolean(),
  stage: collaborationStageSchema,
  /** Every "stage.changed" entry of the audit trail, oldest first. */
  stageHistory: z.array(stageChangeSchema),
  /** One entry per sector, in the order of `sectors`. */
  sectors: z.array(sectorParticipationSchema),
  /** 1 - ½·Σ|actShare - memberShare| (1: acts in proportion to members), for display; null without acts. */
  balanceIndex: z.number().nullable(),
  /** Symbolic-participation warnings, for coordinators; null for other roles. */
  warnings: z.array(symbolicParticipationWarningSchema).nullable(),
});
export type Participation = z.infer<typeof participationSchema>;

/**
 * The room's participation settings. `quietPercent` replaced `symbolicFloorPercent` (a floor on a share
 * of contributions the measure no longer has): a body still naming the old field is refused as an
 * unknown field, and a room that had set the old floor starts at the default.
 */
export const accountabilitySettingsSchema = z.object({ quietPercent: count });
export type AccountabilitySettings = z.infer<typeof accountabilitySettingsSchema>;

export const updateAccountabilitySettingsInputSchema = z.strictObject({
  quietPercent: z
    .int("must be a whole number")
    .min(accountability.quietMinPercent, `at least ${accountability.quietMinPercent}`)
    .max(accountability.quietMaxPercent, `at most ${accountability.quietMaxPercent}`),
});

// --- Coordinator review ---------------------------------------------------------------------------------

/** Every filter is optional; `from` and `to` bound the record's time, both ends included. */
export const reviewQuerySchema = z.strictObject({
  roomId: idSchema.optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  outcome: tallyOutcomeSchema.optional(),
  /** Records where at least one member of this sector voted. */
  sector: sectorSchema.optional(),
  /** Case-insensitive text in the proposal title. */
  q: z.string().trim().max(accountability.reviewTextChars).optional(),
});
export type ReviewQuery = z.input<typeof reviewQuerySchema>;

export const reviewDecisionSummarySchema = z.object({
  roomId: z.string(),
  roomTitle: z.string(),
  seq: z.number().int(),
  at: z.string(),
  proposalTitle: z.string(),
  outcome: tallyOutcomeSchema,
  reasonCode: tallyReasonCodeSchema,
  votersCount: z.number().int(),
  /** Sectors with at least one voter, in the order of `sectors`. */
  sectorsVoted: z.array(sectorSchema),
  commitments: z.number().int(),
  pledges: z.number().int(),
  /** Seqs of correction records that name this one. */
  correctedBy: z.array(z.number().int()),
});
export type ReviewDecisionSummary = z.infer<typeof reviewDecisionSummarySchema>;

export const recordedPositionSchema = z.object({
  position: positionSchema,
  reason: z.string().nullable(),
  /** Null under a secret ballot. */
  displayName: z.string().nullable(),
  sector: sectorSchema.nullable(),
  organisation: z.string().nullable(),
});

export const reviewDecisionDetailSchema = z.object({
  room: roomSummarySchema,
  record: decisionRecordSchema,
  proposalTitle: z.string(),
  outcome: tallyOutcomeSchema,
  reasonCode: tallyReasonCodeSchema,
  frozenText: z.string(),
  frozenTextHash: z.string(),
  /** SHA-256 of frozenText equals frozenTextHash. */
  frozenTextIntact: z.boolean(),
  tally: publicTallySchema,
  positions: z.array(recordedPositionSchema),
  corrections: z.array(decisionRecordSchema),
  commitments: z.array(commitmentSchema),
  pledges: z.array(pledgeSchema),
  /** The room's whole chain, verified now. */
  chain: chainVerificationSchema,
});
export type ReviewDecisionDetail = z.infer<typeof reviewDecisionDetailSchema>;

// --- Exports and the printable report -------------------------------------------------------------------

export const roomExportSchema = z.object({
  format: z.literal("mufakat.room.v1"),
  exportedAt: z.string(),
  room: roomSummarySchema,
  decisions: z.array(decisionRecordSchema),
  commitments: z.array(commitmentSchema),
  pledges: z.array(pledgeSchema),
  chain: chainVerificationSchema,
});
export type RoomExport = z.infer<typeof roomExportSchema>;

export const weeklyParticipationSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Every sector is present. */
  perSector: z.record(sectorSchema, actCountsSchema.extend({ total: z.number().int() })),
});

export const reportDecisionSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  proposalTitle: z.string(),
  outcome: tallyOutcomeSchema,
  reasonCode: tallyReasonCodeSchema,
  tally: publicTallySchema,
});

export const roomReportSchema = z.object({
  generatedAt: z.string(),
  room: roomSummarySchema,
  participation: participationSchema,
  /** Seven-day buckets from `participation.from`; the last may be shorter. */
  participationByWeek: z.array(weeklyParticipationSchema),
  decisions: z.array(reportDecisionSchema),
  resources: resourceTotalsSchema,
  commitmentsByStatus: z.record(commitmentStatusSchema, z.number().int()),
  overdueCommitments: z.number().int(),
  commitments: z.array(commitmentSchema),
  chain: chainVerificationSchema,
});
export type RoomReport = z.infer<typeof roomReportSchema>;

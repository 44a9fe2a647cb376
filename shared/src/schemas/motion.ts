// Motions and how they are decided: the positions a member can take, the ballots they cast, the decision
// rule a room chooses (copied into every motion and decision record) and the tally the rule produces.
// The logic lives in shared/src/rules; this module holds only the shapes both sides agree on.
import { z } from "zod";
import { limits, motionLimits } from "../limits.ts";
import { sectorSchema, sectors } from "./user.ts";

/**
 * The consensus gradient, from agreement to veto (setuju, setuju dengan catatan, tidak memihak, keberatan,
 * menolak). The order is meaningful: a later position is the more cautious one, which is how an
 * organisation's tied voice is resolved under organisation balance.
 */
export const positions = ["support", "supportWithReservations", "standAside", "object", "block"] as const;
export const positionSchema = z.enum(positions);
export type Position = z.infer<typeof positionSchema>;

/** Positions a member has to explain: a reservation, an objection and a veto are never silent. */
export const positionsRequiringReason = [
  "supportWithReservations",
  "object",
  "block",
] as const satisfies readonly Position[];

export function positionRequiresReason(position: Position): boolean {
  return (positionsRequiringReason as readonly Position[]).includes(position);
}

/** Positions that count in favour of a motion wherever shares are computed. */
export function isSupport(position: Position): boolean {
  return position === "support" || position === "supportWithReservations";
}

/** Longest reason a ballot may carry (motionLimits.ballotReasonChars, under its older name). */
export const ballotReasonChars = motionLimits.ballotReasonChars;

const reasonRule = (value: { position: Position; reason?: string | undefined }, ctx: z.RefinementCtx) => {
  if (positionRequiresReason(value.position) && (value.reason === undefined || value.reason.length === 0)) {
    ctx.addIssue({
      code: "custom",
      path: ["reason"],
      message: `required for ${value.position}`,
      params: { rule: "reasonRequired" },
    });
  }
};

const reasonField = z.string().trim().max(ballotReasonChars, `at most ${ballotReasonChars} characters`).optional();

/** What a member sends to vote: the voter's identity, sector and organisation come from the session. */
export const voteInputSchema = z
  .strictObject({ position: positionSchema, reason: reasonField })
  .superRefine(reasonRule);
export type VoteInput = z.infer<typeof voteInputSchema>;

/**
 * One member's vote as the tally reads it. Sector and organisation are the member's at join time (the
 * record of who spoke for whom), so a later profile change does not move a vote between sectors.
 */
export const ballotSchema = z
  .strictObject({
    memberId: z.string().min(1, "required"),
    sector: sectorSchema,
    organisation: z.string().trim().min(1, "required").max(limits.organisationChars),
    position: positionSchema,
    reason: reasonField,
    /**
     * Set when a delegate cast this ballot for the member (shared/src/rules/delegation.ts): the member whose
     * own ballot it copies. It counts like the member's own, in the member's sector.
     */
    delegate: z.string().min(1, "required").optional(),
  })
  .superRefine(reasonRule);
export type Ballot = z.infer<typeof ballotSchema>;

/** A member entitled to vote on a motion: the room's participants and coordinators when it opened. */
export const eligibleMemberSchema = z.strictObject({
  memberId: z.string().min(1, "required"),
  sector: sectorSchema,
  organisation: z.string().trim().min(1, "required").max(limits.organisationChars),
});
export type EligibleMember = z.infer<typeof eligibleMemberSchema>;

/**
 * An exact fraction in (0, 1]. Thresholds are stored as numerator/denominator rather than a float so that
 * "2 of 3 reaches 2/3" holds exactly, and so the rule copied into a hash-chained decision record has one
 * representation only.
 */
export const thresholdSchema = z
  .strictObject({
    numerator: z.int().min(1, "must be greater than 0"),
    denominator: z.int().min(1, "must be at least 1").max(1_000_000, "at most 1000000"),
  })
  // A denominator already refused above needs no second message about the fraction.
  .refine((value) => value.denominator < 1 || value.numerator <= value.denominator, {
    path: ["numerator"],
    message: "the fraction must be at most 1",
    params: { rule: "fractionAboveOne" },
  })
  .meta({ description: "A fraction in (0, 1]: the numerator is at most the denominator." });
export type Threshold = z.infer<typeof thresholdSchema>;

export const twoThirds: Threshold = { numerator: 2, denominator: 3 };

/**
 * Quorum counts members who cast a ballot (stand-asides included: standing aside is taking part), and the
 * distinct sectors among those voters, not among the room's members. Three sectors by default: government,
 * private and community together are the smallest real collaboration. Organisation balance does not change
 * quorum: it changes how positions are weighed, not how many people took part.
 */
export const quorumSchema = z.strictObject({
  minVoters: z.int().min(1, "must be at least 1").default(3),
  minSectors: z.int().min(1, "must be at least 1").max(sectors.length, `at most ${sectors.length}`).default(3),
});
export type Quorum = z.infer<typeof quorumSchema>;

/**
 * How support is judged once quorum is met. Stand-asides never count for or against a share: a share is
 * supporters (support + support with reservations) over the voices that took a side (everyone but the
 * stand-asides).
 * - unanimity: no objection, no block, and at least one voice in support.
 * - consent: no objection and no block; a motion everyone stands aside from is consented to.
 * - sectorConsensus: no block, and in every sector where someone took a side the sector's share reaches
 *   the threshold. A sector whose voters all stood aside is not checked.
 * - supermajority: the overall share (weighted per sectorWeighting) reaches the threshold; a block is a
 *   veto when blockIsVeto, otherwise it counts like an objection.
 */
export const consensusRuleSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("unanimity") }),
  z.strictObject({ type: z.literal("consent") }),
  z.strictObject({ type: z.literal("sectorConsensus"), threshold: thresholdSchema.default(twoThirds) }),
  z.strictObject({
    type: z.literal("supermajority"),
    threshold: thresholdSchema.default(twoThirds),
    blockIsVeto: z.boolean().default(true),
  }),
]);
export type ConsensusRule = z.infer<typeof consensusRuleSchema>;
export type ConsensusRuleType = ConsensusRule["type"];

/**
 * equal: every sector where someone took a side weighs the same in the overall share (the mean of the
 * sectors' shares), so a sector that brings many members cannot outvote the others. byMember: every voice
 * weighs the same (supporters over all voices that took a side).
 */
export const sectorWeightings = ["equal", "byMember"] as const;
export const sectorWeightingSchema = z.enum(sectorWeightings);
export type SectorWeighting = z.infer<typeof sectorWeightingSchema>;

/** A room's decision rule. Every field has a default; `decisionRuleSchema.parse({})` is the default rule. */
export const decisionRuleSchema = z.strictObject({
  quorum: quorumSchema.prefault({}),
  consensus: consensusRuleSchema.prefault({ type: "sectorConsensus" }),
  sectorWeighting: sectorWeightingSchema.default("equal"),
  /**
   * Each organisation (sector + organisation name, trimmed and case-folded) is one voice: the most common
   * position among its voting members, a tie going to the more cautious position.
   */
  organisationBalance: z.boolean().default(false),
});
export type DecisionRule = z.infer<typeof decisionRuleSchema>;

export const defaultDecisionRule: DecisionRule = {
  quorum: { minVoters: 3, minSectors: 3 },
  consensus: { type: "sectorConsensus", threshold: twoThirds },
  sectorWeighting: "equal",
  organisationBalance: false,
};

export const tallyOutcomes = ["adopted", "notAdopted", "blocked", "noQuorum"] as const;
export const tallyOutcomeSchema = z.enum(tallyOutcomes);
export type TallyOutcome = z.infer<typeof tallyOutcomeSchema>;

/** Why a tally came out as it did; each reason belongs to exactly one outcome (see reasonOutcome). */
export const tallyReasonCodes = [
  "quorumVoters",
  "quorumSectors",
  "blocked",
  "objection",
  "allStoodAside",
  "sectorBelowThreshold",
  "thresholdNotMet",
  "unanimous",
  "consent",
  "sectorConsensus",
  "supermajority",
] as const;
export const tallyReasonCodeSchema = z.enum(tallyReasonCodes);
export type TallyReasonCode = z.infer<typeof tallyReasonCodeSchema>;

export const reasonOutcome = {
  quorumVoters: "noQuorum",
  quorumSectors: "noQuorum",
  blocked: "blocked",
  objection: "notAdopted",
  allStoodAside: "notAdopted",
  sectorBelowThreshold: "notAdopted",
  thresholdNotMet: "notAdopted",
  unanimous: "adopted",
  consent: "adopted",
  sectorConsensus: "adopted",
  supermajority: "adopted",
} as const satisfies Record<TallyReasonCode, TallyOutcome>;

const count = z.int().min(0);

export const positionCountsSchema = z.strictObject({
  support: count,
  supportWithReservations: count,
  standAside: count,
  object: count,
  block: count,
});
export type PositionCounts = z.infer<typeof positionCountsSchema>;

/**
 * What the rule did with one sector, so a tally can say it in words instead of leaving a reader to infer
 * it from bars. Decided by explainSector (shared/src/rules/sectorExplanation.ts), in this order:
 * - noEligibleMembers: the room had no member of this sector entitled to vote, and none voted.
 * - didNotVoteQuorumMissed: no one of this sector voted, and the quorum was not met: the motion could not
 *   be decided without more voters or sectors, so the absence mattered.
 * - didNotVoteNotRequired: no one of this sector voted, and the quorum was met without it. No rule counts a
 *   sector that did not vote for or against a motion, so the absence did not change the outcome.
 * - vetoed: a voice of this sector blocked, and the block decided the outcome (blocked).
 * - reached / notReached: sector consensus, the sector's share of supporters among the voices that took a
 *   side is at or above the threshold / below it (decided exactly).
 * - stoodAside: the sector voted but every voice stood aside, so the rule left it out.
 * - objected: an objection (or block) of this sector withheld consent (unanimity or consent, reason objection).
 * - voted: the sector's voices were counted in an overall judgement (consent, unanimity, supermajority).
 */
export const sectorExplanations = [
  "reached",
  "notReached",
  "stoodAside",
  "vetoed",
  "objected",
  "voted",
  "didNotVoteNotRequired",
  "didNotVoteQuorumMissed",
  "noEligibleMembers",
] as const;
export const sectorExplanationSchema = z.enum(sectorExplanations);
export type SectorExplanation = z.infer<typeof sectorExplanationSchema>;

const sectorTallyFields = {
  /** Members of this sector who voted; equals the sum of `counts`. */
  voters: count,
  /** Members' ballots by position. */
  counts: positionCountsSchema,
  /** What the rule counted: the members' ballots, or the organisations' voices under organisation balance. */
  voices: positionCountsSchema,
  /** Supporters over voices that took a side, for display; null when no one in the sector took a side. */
  supportShare: z.number().min(0).max(1).nullable(),
  /** Sector consensus only: whether this sector reached the threshold (decided exactly); otherwise null. */
  meetsThreshold: z.boolean().nullable(),
  /** Members of this sector entitled to vote, when the eligible list was given; otherwise null. */
  eligible: count.nullable(),
};

/** Of a sector's ballots (`counts`), those its members cast themselves and those their delegates cast. */
const delegationSplitFields = {
  /** Ballots members of this sector cast themselves. */
  direct: positionCountsSchema,
  /** Ballots cast for members of this sector by their delegates; `direct` + `delegated` = `counts`. */
  delegated: positionCountsSchema,
};

export const sectorTallySchema = z.strictObject({
  ...sectorTallyFields,
  /** What the rule did with this sector, for every sector, including those that did not vote. */
  explanation: sectorExplanationSchema,
  ...delegationSplitFields,
});
export type SectorTally = z.infer<typeof sectorTallySchema>;

/** A tally as anyone may see it, whatever the ballot secrecy: counts, shares and the outcome, no identities. */
export const publicTallySchema = z.strictObject({
  outcome: tallyOutcomeSchema,
  reasonCode: tallyReasonCodeSchema,
  quorumMet: z.boolean(),
  /** Members who cast a ballot. */
  votersCount: count,
  /** Sectors among the voters, in the order of `sectors`. */
  sectorsRepresented: z.array(sectorSchema),
  /** Members' ballots by position. */
  totals: positionCountsSchema,
  /** What the rule counted: equal to `totals` unless organisation balance combined members' positions. */
  voiceTotals: positionCountsSchema,
  /** Number of organisations counted as voices under organisation balance; otherwise null. */
  organisationsCounted: count.nullable(),
  /** Overall share per the sector weighting, for display; null when no one took a side. */
  weightedSupportShare: z.number().min(0).max(1).nullable(),
  /** Every sector is present, with zeros where no one voted. */
  perSector: z.record(sectorSchema, sectorTallySchema),
  /** Members entitled to vote, when the eligible list was given; otherwise null. */
  eligibleCount: count.nullable(),
});
export type PublicTally = z.infer<typeof publicTallySchema>;

/**
 * A public tally as the decision log may hold it: records written before tallies carried per-sector
 * explanations lack them, and those from before delegation lack the direct/delegated split (a stored record
 * is never rewritten, its hash covers it). Read one with withSectorExplanations
 * (shared/src/rules/sectorExplanation.ts), which derives what is missing.
 */
export const recordedPublicTallySchema = publicTallySchema.extend({
  perSector: z.record(
    sectorSchema,
    z.strictObject({
      ...sectorTallyFields,
      explanation: sectorExplanationSchema.optional(),
      // Records from before delegation lack the split: all their ballots were direct.
      direct: positionCountsSchema.optional(),
      delegated: positionCountsSchema.optional(),
    }),
  ),
});
export type RecordedPublicTally = z.infer<typeof recordedPublicTallySchema>;

export const recordedBallotSchema = z.strictObject({
  memberId: z.string(),
  sector: sectorSchema,
  organisation: z.string(),
  position: positionSchema,
  reason: z.string().optional(),
  /** The member whose ballot was counted for this one, when a delegate cast it. */
  delegate: z.string().optional(),
});
export type RecordedBallot = z.infer<typeof recordedBallotSchema>;

export const organisationVoiceSchema = z.strictObject({
  sector: sectorSchema,
  /** The organisation name as normalised for identity: trimmed, whitespace collapsed, case-folded. */
  organisation: z.string(),
  /** Members of the organisation who voted. */
  voters: count.min(1),
  position: positionSchema,
});
export type OrganisationVoice = z.infer<typeof organisationVoiceSchema>;

/**
 * The full tally, for the record and for open ballots: the public tally plus who chose what. Remove the
 * identities with redactTally before showing a secret ballot to anyone.
 */
export const tallySchema = publicTallySchema.extend({
  /** Every ballot, sorted by member id. */
  ballots: z.array(recordedBallotSchema),
  /** Under organisation balance, each organisation's combined voice (sorted by sector, then name); else null. */
  organisationVoices: z.array(organisationVoiceSchema).nullable(),
});
export type Tally = z.infer<typeof tallySchema>;

// Polls: the ways to decide beside a motion's consensus gradient. A ranked poll (counted by Schulze or by
// instant-runoff), a score poll (0..max per option), a dot poll (a budget of dots to spread) and a time
// poll (yes / if need be / no per meeting slot). The counting is in shared/src/rules (countPoll in
// pollCount.ts joins the kinds); this module holds only the shapes both sides agree on.
//
// No shape here nests an array directly in an array: answers and results are stored as they are (the
// decision log's hash covers its payload as stored), and the embedded database (FerretDB v1) refuses
// arrays of arrays. A matrix is a list of rows, each an object.
import { z } from "zod";
import { pollLimits } from "../limits.ts";
import { publicUserSchema } from "./user.ts";
import { quorumSchema } from "./motion.ts";
import { sectorSchema } from "./user.ts";

export const pollKinds = ["ranked", "score", "dot", "time"] as const;
export const pollKindSchema = z.enum(pollKinds);
export type PollKind = z.infer<typeof pollKindSchema>;

export const rankedMethods = ["schulze", "instantRunoff"] as const;
export const rankedMethodSchema = z.enum(rankedMethods);
export type RankedMethod = z.infer<typeof rankedMethodSchema>;

export const timeAnswerSchema = z.enum(["yes", "ifNeedBe", "no"]);

const titleField = z
  .string()
  .trim()
  .min(1, "required")
  .max(pollLimits.titleChars, `at most ${pollLimits.titleChars} characters`);
const optionLabels = z
  .array(
    z
      .string()
      .trim()
      .min(1, "required")
      .max(pollLimits.optionLabelChars, `at most ${pollLimits.optionLabelChars} characters`),
  )
  .min(2, "at least 2 options")
  .max(pollLimits.optionsMax, `at most ${pollLimits.optionsMax} options`)
  .refine((labels) => new Set(labels.map((label) => label.toLocaleLowerCase("id-ID"))).size === labels.length, {
    message: "each option once",
    params: { rule: "duplicateOption" },
  })
  .meta({ description: "Distinct labels: no two equal once trimmed and case-folded." });
const durationField = z.number().int().min(1).max(pollLimits.maxMinutes).default(pollLimits.defaultMinutes);

/**
 * What a coordinator (or whoever the room lets open motions) sends to open a poll. Options are labels;
 * the server gives them ids ("o1", "o2", …) in the order sent. A time poll's options are its slots, each
 * an ISO date-time with an offset, listed in the order the voters will see them.
 */
export const openPollInputSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("ranked"),
    title: titleField,
    options: optionLabels,
    method: rankedMethodSchema.default("schulze"),
    durationMinutes: durationField,
  }),
  z.strictObject({
    kind: z.literal("score"),
    title: titleField,
    options: optionLabels,
    maxScore: z.number().int().min(1).max(pollLimits.maxScoreMax).default(5),
    durationMinutes: durationField,
  }),
  z.strictObject({
    kind: z.literal("dot"),
    title: titleField,
    options: optionLabels,
    dots: z.number().int().min(1).max(pollLimits.dotBudgetMax).default(10),
    durationMinutes: durationField,
  }),
  z.strictObject({
    kind: z.literal("time"),
    title: titleField,
    options: z
      .array(z.iso.datetime({ offset: true, message: "an ISO date-time with an offset" }))
      .min(2, "at least 2 slots")
      .max(pollLimits.optionsMax, `at most ${pollLimits.optionsMax} slots`)
      .refine((slots) => new Set(slots.map((slot) => Date.parse(slot))).size === slots.length, {
        message: "each slot once",
        params: { rule: "duplicateOption" },
      })
      .meta({ description: "Distinct slots: no two at the same instant." }),
    durationMinutes: durationField,
  }),
]);
export type OpenPollInput = z.input<typeof openPollInputSchema>;
export type OpenPollSpec = z.infer<typeof openPollInputSchema>;

const optionId = z.string().min(1).max(20);
const wholeCount = z.int().min(0);

/**
 * A voter's answer, in the shape of the poll's kind. The shape is checked here; what depends on the poll
 * (which option ids exist, the maximum score, the dot budget) is checked by the poll's own rule as the
 * ballot is cast, with the same field-issue codes.
 */
export const pollAnswerSchema = z
  .strictObject({
    /**
     * Ranked polls: option id to rank, 1 the most preferred; options given the same rank are held equal,
     * and options left out share one rank below all ranked ones. A map rather than a list of ranks: an
     * option cannot be ranked twice, and the stored record holds no array of arrays.
     */
    ranks: z.record(optionId, z.int().min(1).max(pollLimits.optionsMax)).optional(),
    /** Score polls: option id to score; an option left out was not scored (no opinion, not 0). */
    scores: z.record(optionId, wholeCount).optional(),
    /** Dot polls: option id to the dots placed on it. */
    dots: z.record(optionId, wholeCount).optional(),
    /** Time polls: slot id to yes, if need be or no; a slot left out is unanswered. */
    answers: z.record(optionId, timeAnswerSchema).optional(),
  })
  // One object with optional fields rather than a union: a wrong value is then named where it is
  // ("answer.dots.o1"), not reported as "no variant matched".
  .refine((answer) => Object.values(answer).filter((value) => value !== undefined).length === 1, {
    message: "exactly one of ranks, scores, dots or answers",
    params: { rule: "invalidAnswer" },
  })
  .meta({ description: "Exactly one of ranks, scores, dots or answers: the poll kind's." });
export type PollAnswer = z.infer<typeof pollAnswerSchema>;

export const castPollBallotInputSchema = z.strictObject({
  answer: pollAnswerSchema,
  /** A client-made id: resending the same ballot (after a timeout, a reconnect) changes nothing. */
  clientVoteId: z.string().trim().min(8, "at least 8 characters").max(100, "at most 100 characters"),
});
export type CastPollBallotInput = z.infer<typeof castPollBallotInputSchema>;

export const pollOptionSchema = z.object({ id: z.string(), label: z.string() });
export type PollOption = z.infer<typeof pollOptionSchema>;

/** Whether the poll could be decided, and if so, what leads. */
export const pollOutcomes = ["decided", "noQuorum", "noResult"] as const;
export const pollOutcomeSchema = z.enum(pollOutcomes);
export type PollOutcome = z.infer<typeof pollOutcomeSchema>;

const perSector = <T extends z.ZodType>(schema: T) => z.record(sectorSchema, schema);

const rankedGroupSchema = z.object({
  ballots: wholeCount,
  /** Options ranked first by the ballots of the group (a shared first rank splits equally). */
  firstPreferences: z.array(z.object({ option: z.string(), votes: z.number() })),
  /** The group's own Schulze winners, in id order. */
  winners: z.array(z.string()),
});

const runoffRoundSchema = z.object({
  round: z.int(),
  /** Votes per continuing option; exact as numerator/denominator, `votes` for display. */
  counts: z.array(z.object({ option: z.string(), votes: z.number(), exact: z.string() })),
  continuingBallots: wholeCount,
  exhaustedBallots: wholeCount,
  decision: z.object({
    type: z.enum(["elected", "eliminated", "noVotes"]),
    option: z.string().nullable(),
    reason: z.string().nullable(),
  }),
});

const scoreOptionSchema = z.object({
  option: z.string(),
  voters: wholeCount,
  sum: wholeCount,
  mean: z.number().nullable(),
  median: z.number().nullable(),
  histogram: z.array(wholeCount),
});
const scoreGroupSchema = z.object({ ballots: wholeCount, options: z.array(scoreOptionSchema) });

const dotGroupSchema = z.object({
  ballots: wholeCount,
  dotsSpent: wholeCount,
  options: z.array(z.object({ option: z.string(), dots: wholeCount, voters: wholeCount })),
});

const timeGroupSchema = z.object({
  ballots: wholeCount,
  slots: z.array(
    z.object({ slot: z.string(), yes: wholeCount, ifNeedBe: wholeCount, no: wholeCount, unanswered: wholeCount }),
  ),
});

/** The count of each kind, overall and for every sector (those without ballots included). */
export const pollCountSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ranked"),
    method: rankedMethodSchema,
    schulze: z.object({
      /** One row per option, in the poll's order: `over[j]` voters rank it above option j. */
      pairwise: z.array(z.object({ option: z.string(), over: z.array(wholeCount) })),
      winners: z.array(z.string()),
      /** Every option in ranks, best first (each rank in id order). */
      ranking: z.array(z.object({ options: z.array(z.string()) })),
    }),
    instantRunoff: z.object({ rounds: z.array(runoffRoundSchema), winner: z.string().nullable() }),
    overall: rankedGroupSchema,
    perSector: perSector(rankedGroupSchema),
  }),
  z.object({
    kind: z.literal("score"),
    maxScore: z.int(),
    overall: scoreGroupSchema,
    perSector: perSector(scoreGroupSchema),
  }),
  z.object({ kind: z.literal("dot"), budget: z.int(), overall: dotGroupSchema, perSector: perSector(dotGroupSchema) }),
  z.object({
    kind: z.literal("time"),
    overall: timeGroupSchema,
    perSector: perSector(timeGroupSchema),
    ranking: z.array(z.string()),
    best: z.array(z.string()),
  }),
]);
export type PollCount = z.infer<typeof pollCountSchema>;

/** A poll's result as anyone in the room may see it: counts per sector, never who answered what. */
export const pollResultSchema = z.object({
  outcome: pollOutcomeSchema,
  /** The options in the lead (several when level); empty without quorum or without a count. */
  leading: z.array(z.string()),
  quorumMet: z.boolean(),
  votersCount: wholeCount,
  eligibleCount: wholeCount,
  sectorsRepresented: z.array(sectorSchema),
  count: pollCountSchema,
});
export type PollResultView = z.infer<typeof pollResultSchema>;

export const pollStatuses = ["open", "closing", "closed"] as const;
export const pollStatusSchema = z.enum(pollStatuses);

/** Under a named poll: who answered what now (empty under a secret ballot). */
export const pollNamedBallotSchema = z.object({
  memberId: z.string(),
  displayName: z.string(),
  sector: sectorSchema,
  answer: pollAnswerSchema,
});

export const pollSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  kind: pollKindSchema,
  title: z.string(),
  options: z.array(pollOptionSchema),
  /** Ranked polls: the method that decides (both counts are shown). Null for other kinds. */
  method: rankedMethodSchema.nullable(),
  /** Score polls: the highest score. Null for other kinds. */
  maxScore: z.int().nullable(),
  /** Dot polls: each voter's dots. Null for other kinds. */
  dots: z.int().nullable(),
  /** The room's quorum when the poll opened: the part of its decision rule a poll honours. */
  quorum: quorumSchema,
  secretBallot: z.boolean(),
  status: pollStatusSchema,
  openedBy: publicUserSchema,
  openedAt: z.string(),
  deadline: z.string(),
  closedAt: z.string().nullable(),
  result: pollResultSchema,
  ballots: z.array(pollNamedBallotSchema),
  /** The caller's own current answer, if any (also under a secret ballot). */
  myAnswer: pollAnswerSchema.nullable(),
  decisionSeq: z.int().nullable(),
  abilities: z.object({ vote: z.boolean(), close: z.boolean() }),
});
export type Poll = z.infer<typeof pollSchema>;

export const pollBallotResultSchema = z.object({
  pollId: z.string(),
  /** True when this clientVoteId had already been stored: nothing changed. */
  replayed: z.boolean(),
  result: pollResultSchema,
});
export type PollBallotResult = z.infer<typeof pollBallotResultSchema>;

// Opinion statements, the votes on them and the room's opinion groups (issue 16, what Polis does): the
// inputs the server validates and the shapes it answers with. The counting rules are in
// ../rules/opinionGroups.ts.
import { z } from "zod";
import { opinionLimits } from "../limits.ts";
import { opinionVotes } from "../rules/opinionGroups.ts";
import { sectorSchema, sectors } from "./user.ts";

export const opinionVoteSchema = z.enum(opinionVotes);

export const createOpinionStatementInputSchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, "required")
    .max(opinionLimits.statementChars, `at most ${opinionLimits.statementChars} characters`),
});
export type CreateOpinionStatementInput = z.infer<typeof createOpinionStatementInputSchema>;

export const castOpinionVoteInputSchema = z.strictObject({ vote: opinionVoteSchema });
export type CastOpinionVoteInput = z.infer<typeof castOpinionVoteInputSchema>;

const voteCountsSchema = z.object({
  agree: z.number().int().min(0),
  disagree: z.number().int().min(0),
  pass: z.number().int().min(0),
});

export const opinionStatementSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  authorId: z.string(),
  /** The author's sector when they wrote it. */
  sector: sectorSchema,
  text: z.string(),
  createdAt: z.iso.datetime(),
  /** Each voter's latest vote, counted. */
  votes: voteCountsSchema,
  /** The caller's latest vote on it, or null. */
  myVote: opinionVoteSchema.nullable(),
});
export type OpinionStatement = z.infer<typeof opinionStatementSchema>;

const sectorCountsSchema = z.object(
  Object.fromEntries(sectors.map((sector) => [sector, z.number().int().min(0)])) as Record<
    (typeof sectors)[number],
    z.ZodNumber
  >,
);

const pointSchema = z.object({ x: z.number(), y: z.number() });

export const opinionGroupsSchema = z.object({
  roomId: z.string(),
  /** Statements that are shown (hidden ones are left out everywhere below). */
  statementCount: z.number().int().min(0),
  /** Members who voted on at least one of them. */
  participantCount: z.number().int().min(0),
  groupedCount: z.number().int().min(0),
  /** Votes a participant needs to be grouped (7, or every statement when there are fewer). */
  minVotesToGroup: z.number().int().min(1),
  /** How clearly the groups separate on the map (-1..1); null with fewer than two groups. */
  silhouette: z.number().nullable(),
  /** Largest first; `id` is the index, `label` "A", "B", … for the page. */
  groups: z.array(
    z.object({
      id: z.number().int().min(0),
      label: z.string(),
      size: z.number().int().min(1),
      centroid: pointSchema,
      /** Member ids; empty in a room with secret ballots (the size and sectors still show). */
      members: z.array(z.string()),
      sectors: sectorCountsSchema,
    }),
  ),
  /** Every participant, ordered by id; in a room with secret ballots only the caller is named. */
  participants: z.array(
    z.object({
      userId: z.string().nullable(),
      isMe: z.boolean(),
      sector: sectorSchema,
      votes: z.number().int().min(0),
      group: z.number().int().min(0).nullable(),
      point: pointSchema.nullable(),
    }),
  ),
  /** Participants who voted but were not grouped (too few votes, or too few participants). */
  ungrouped: z.object({ count: z.number().int().min(0), sectors: sectorCountsSchema }),
  /** Every shown statement, oldest first, with each group's votes (in group order). */
  statements: z.array(
    z.object({
      statementId: z.string(),
      text: z.string(),
      sector: sectorSchema,
      votes: voteCountsSchema,
      groups: z.array(voteCountsSchema.extend({ agreementShare: z.number().nullable() })),
    }),
  ),
  /** Every group agrees (or every group disagrees) with ≥ 3/5 of its votes; strongest first. */
  consensus: z.array(
    z.object({ statementId: z.string(), direction: z.enum(["agree", "disagree"]), minShare: z.number() }),
  ),
  /** The groups' agreement shares differ by ≥ 1/2; widest first. */
  divisive: z.array(
    z.object({
      statementId: z.string(),
      spread: z.number(),
      mostAgreeing: z.number().int().min(0),
      leastAgreeing: z.number().int().min(0),
    }),
  ),
});
export type OpinionGroups = z.infer<typeof opinionGroupsSchema>;

// One count for every poll kind: from a poll's definition and its voters' current answers to the result
// the room sees (per sector, never who answered what), with the part of the room's decision rule that
// applies to a poll. The kinds' own counts are schulze.ts, instantRunoff.ts, scorePoll.ts, dotPoll.ts and
// timePoll.ts; this joins them and decides what leads. Pure: the server records it, the client shows it.
//
// What of the decision rule applies:
// - the quorum (voters and distinct sectors among them), always: without it nothing leads;
// - the sector weighting, where a poll sums what voters gave: under "equal" (the default) a score poll
//   ranks options by the mean of the sectors' mean scores and a dot poll by the mean of the sectors' shares
//   of their dots, so a sector that brings many members cannot outvote the others; under "byMember" by the
//   overall mean and the total of dots. A ranked poll's Schulze and runoff counts are whole ballots (their
//   published worked examples count so) and a time poll asks who can come: both count every voter once.
// The consensus part (blocks, thresholds) belongs to the gradient of a motion and has no meaning here.
import type { FieldIssue } from "../errors.ts";
import type { Quorum, SectorWeighting } from "../schemas/motion.ts";
import type { PollAnswer, PollCount, PollKind, PollResultView, RankedMethod } from "../schemas/poll.ts";
import { type Sector, sectors } from "../schemas/user.ts";
import { countDotPoll, dotBallotIssues } from "./dotPoll.ts";
import { type Fraction, addFractions, compareFractions, fraction, fractionToNumber } from "./fraction.ts";
import { countInstantRunoff } from "./instantRunoff.ts";
import { type PollResult, mapSectors, optionMapEntries, pollIssue, pollResult } from "./pollInput.ts";
import { checkQuorum } from "./quorum.ts";
import type { RankedBallot } from "./rankedBallot.ts";
import { countSchulze } from "./schulze.ts";
import { countScorePoll, scoreBallotIssues } from "./scorePoll.ts";
import { countTimePoll, timeBallotIssues } from "./timePoll.ts";

/** What a count needs of a poll: its kind's parameters and option ids, in the poll's order. */
export interface PollDefinition {
  kind: PollKind;
  optionIds: readonly string[];
  method?: RankedMethod | null;
  maxScore?: number | null;
  dots?: number | null;
}

export interface PollVoterAnswer {
  sector: Sector;
  answer: PollAnswer;
}

/** The field an answer of each kind carries; an answer of another kind is refused. */
export const pollAnswerField = { ranked: "ranks", score: "scores", dot: "dots", time: "answers" } as const;

/** A poll as its count reads it, from the poll as stored or as served (both list their options with ids). */
export function pollDefinitionOf(poll: {
  kind: string;
  options: readonly { id: string }[];
  method?: string | null;
  maxScore?: number | null;
  dots?: number | null;
}): PollDefinition {
  return {
    kind: poll.kind as PollDefinition["kind"],
    optionIds: poll.options.map((option) => option.id),
    method: (poll.method ?? null) as PollDefinition["method"],
    maxScore: poll.maxScore ?? null,
    dots: poll.dots ?? null,
  };
}

/**
 * A ranked answer (option → rank) as the ranked counts take it: ranks best first, each in the poll's option
 * order, so two voters who give the same order give the same ranking.
 */
export function rankingOfRanks(options: readonly string[], ranks: Readonly<Record<string, number>>): string[][] {
  const levels = [...new Set(options.filter((id) => id in ranks).map((id) => ranks[id]!))].sort((a, b) => a - b);
  return levels.map((level) => options.filter((id) => ranks[id] === level));
}

function rankIssues(
  options: readonly string[],
  sector: Sector,
  ranks: Readonly<Record<string, number>>,
  path: string,
): FieldIssue[] {
  const ballot: { sector: Sector; ranks: Readonly<Record<string, number>> } = { sector, ranks };
  const { issues, entries } = optionMapEntries(ballot, "ranks", options, path, {
    rule: "invalidRank",
    message: "must map options to ranks",
  });
  for (const [option, rank] of entries) {
    if (typeof rank !== "number" || !Number.isInteger(rank) || rank < 1 || rank > options.length) {
      issues.push(
        pollIssue(`${path}.ranks.${option}`, "invalidRank", `must be a whole number from 1 to ${options.length}`),
      );
    }
  }
  return issues;
}

/**
 * Issues of one answer as it is cast (paths under "answer"): the kind's shape, then the kind's own rule
 * (known options, ranks, score range, dot budget). Empty when the answer can be stored.
 */
export function pollAnswerIssues(poll: PollDefinition, voter: PollVoterAnswer): FieldIssue[] {
  const field = pollAnswerField[poll.kind];
  if (voter.answer[field] === undefined) {
    return [pollIssue(`answer.${field}`, "invalidAnswer", `a ${poll.kind} poll is answered with "${field}"`)];
  }
  const options = poll.optionIds;
  const path = "answer";
  const answer = voter.answer as Record<string, unknown>;
  switch (poll.kind) {
    case "ranked":
      return rankIssues(options, voter.sector, answer.ranks as Record<string, number>, path);
    case "score":
      return scoreBallotIssues(
        options,
        poll.maxScore ?? 0,
        { sector: voter.sector, scores: answer.scores as Record<string, number> },
        path,
      );
    case "dot":
      return dotBallotIssues(
        options,
        poll.dots ?? 0,
        { sector: voter.sector, dots: answer.dots as Record<string, number> },
        path,
      );
    case "time":
      return timeBallotIssues(
        options,
        { sector: voter.sector, answers: answer.answers as Record<string, "yes" | "ifNeedBe" | "no"> },
        path,
      );
  }
}

/** Identical rankings come as one weighted ballot, so a count stays small however many voted. */
function rankedBallots(options: readonly string[], answers: readonly PollVoterAnswer[]): RankedBallot[] {
  const byKey = new Map<string, RankedBallot & { weight: number }>();
  for (const { answer } of answers) {
    const ranking = rankingOfRanks(options, (answer as { ranks: Record<string, number> }).ranks);
    const key = JSON.stringify(ranking);
    const seen = byKey.get(key);
    if (seen) seen.weight += 1;
    else byKey.set(key, { ranking, weight: 1 });
  }
  return [...byKey.values()];
}

function firstPreferences(options: readonly string[], ballots: readonly RankedBallot[]) {
  const votes = new Map<string, Fraction>(options.map((id) => [id, fraction(0, 1)]));
  for (const ballot of ballots) {
    const top = ballot.ranking[0] ?? [];
    for (const id of top)
      votes.set(id, addFractions(votes.get(id) ?? fraction(0, 1), fraction(ballot.weight, top.length)));
  }
  return options.map((option) => ({ option, votes: fractionToNumber(votes.get(option) ?? fraction(0, 1)) }));
}

function unwrap<T>(result: PollResult<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

function countRanked(
  poll: PollDefinition,
  answers: readonly PollVoterAnswer[],
): Extract<PollCount, { kind: "ranked" }> {
  const options = poll.optionIds;
  const group = (subset: readonly PollVoterAnswer[]) => {
    const ballots = rankedBallots(options, subset);
    return {
      ballots: subset.length,
      firstPreferences: firstPreferences(options, ballots),
      winners: subset.length === 0 ? [] : unwrap(countSchulze(options, ballots)).winners,
    };
  };
  const ballots = rankedBallots(options, answers);
  const schulze = unwrap(countSchulze(options, ballots));
  const runoff = unwrap(countInstantRunoff(options, ballots));
  return {
    kind: "ranked",
    method: poll.method ?? "schulze",
    schulze: {
      pairwise: schulze.pairwise.map((over, index) => ({ option: options[index] ?? "", over })),
      winners: schulze.winners,
      ranking: schulze.ranking.map((rank) => ({ options: rank })),
    },
    instantRunoff: {
      winner: runoff.winner,
      rounds: runoff.rounds.map((round) => ({
        round: round.round,
        counts: round.counts.map(({ option, votes }) => ({
          option,
          votes: fractionToNumber(votes),
          exact: `${votes.numerator}/${votes.denominator}`,
        })),
        continuingBallots: round.continuingBallots,
        exhaustedBallots: round.exhaustedBallots,
        decision: {
          type: round.decision.type,
          option: round.decision.type === "noVotes" ? null : round.decision.option,
          reason: round.decision.type === "eliminated" ? round.decision.reason : null,
        },
      })),
    },
    overall: group(answers),
    perSector: mapSectors((sector) => group(answers.filter((a) => a.sector === sector))),
  };
}

/** The count of the poll's kind; the answers must have passed pollAnswerIssues. */
export function countPollKind(poll: PollDefinition, answers: readonly PollVoterAnswer[]): PollCount {
  const options = poll.optionIds;
  switch (poll.kind) {
    case "ranked":
      return countRanked(poll, answers);
    case "score":
      return {
        kind: "score",
        ...unwrap(
          countScorePoll(
            options,
            poll.maxScore ?? 0,
            answers.map(({ sector, answer }) => ({
              sector,
              scores: (answer as { scores: Record<string, number> }).scores,
            })),
          ),
        ),
      };
    case "dot":
      return {
        kind: "dot",
        ...unwrap(
          countDotPoll(
            options,
            poll.dots ?? 0,
            answers.map(({ sector, answer }) => ({ sector, dots: (answer as { dots: Record<string, number> }).dots })),
          ),
        ),
      };
    case "time":
      return {
        kind: "time",
        ...unwrap(
          countTimePoll(
            options,
            answers.map(({ sector, answer }) => ({
              sector,
              answers: (answer as { answers: Record<string, "yes" | "ifNeedBe" | "no"> }).answers,
            })),
          ),
        ),
      };
  }
}

/** The options with the greatest value (exact), or none when nothing has a value. */
function greatest(values: ReadonlyMap<string, Fraction>): string[] {
  let best: Fraction | null = null;
  let leaders: string[] = [];
  for (const [option, value] of values) {
    const order = best === null ? 1 : compareFractions(value, best);
    if (order > 0) {
      best = value;
      leaders = [option];
    } else if (order === 0) leaders.push(option);
  }
  return leaders;
}

/** The mean of the given fractions (none: null). */
function meanOf(values: readonly Fraction[]): Fraction | null {
  if (values.length === 0) return null;
  const sum = values.reduce(addFractions, fraction(0, 1));
  return fraction(sum.numerator, sum.denominator * BigInt(values.length));
}

/** What leads in a count, per the sector weighting (see the header). */
export function leadingOptions(count: PollCount, weighting: SectorWeighting): string[] {
  switch (count.kind) {
    case "ranked":
      return count.method === "schulze"
        ? count.overall.ballots > 0
          ? count.schulze.winners
          : []
        : count.instantRunoff.winner
          ? [count.instantRunoff.winner]
          : [];
    case "time":
      return count.best;
    case "score": {
      const values = new Map<string, Fraction>();
      count.overall.options.forEach((overall, index) => {
        if (overall.voters === 0) return;
        if (weighting === "byMember") {
          values.set(overall.option, fraction(overall.sum, overall.voters));
          return;
        }
        const sectorMeans = sectors.flatMap((sector) => {
          const option = count.perSector[sector]?.options[index];
          return option && option.voters > 0 ? [fraction(option.sum, option.voters)] : [];
        });
        const mean = meanOf(sectorMeans);
        if (mean) values.set(overall.option, mean);
      });
      return greatest(values);
    }
    case "dot": {
      const values = new Map<string, Fraction>();
      count.overall.options.forEach((overall, index) => {
        if (overall.dots === 0) return;
        if (weighting === "byMember") {
          values.set(overall.option, fraction(overall.dots, 1));
          return;
        }
        const shares = sectors.flatMap((sector) => {
          const group = count.perSector[sector];
          const option = group?.options[index];
          return group && option && group.dotsSpent > 0 ? [fraction(option.dots, group.dotsSpent)] : [];
        });
        const mean = meanOf(shares);
        if (mean) values.set(overall.option, mean);
      });
      return greatest(values);
    }
  }
}

/**
 * The result of a poll: its kind's count, the quorum, and what leads. Refuses (VALIDATION_FAILED) answers
 * that do not fit the poll, listing every issue, so a caller never records a count of malformed input.
 */
export function countPoll(
  poll: PollDefinition,
  answers: readonly PollVoterAnswer[],
  rule: { quorum: Quorum; sectorWeighting: SectorWeighting; eligibleCount: number },
): PollResult<PollResultView> {
  const issues = answers.flatMap((answer, index) =>
    pollAnswerIssues(poll, answer).map((issue) => ({ ...issue, path: `ballots.${index}.${issue.path}` })),
  );
  return pollResult(issues, () => {
    const count = countPollKind(poll, answers);
    const quorum = checkQuorum(answers, rule.quorum);
    const leading = quorum.met ? leadingOptions(count, rule.sectorWeighting) : [];
    return {
      outcome: !quorum.met ? "noQuorum" : leading.length === 0 ? "noResult" : "decided",
      leading,
      quorumMet: quorum.met,
      votersCount: answers.length,
      eligibleCount: rule.eligibleCount,
      sectorsRepresented: quorum.sectorsRepresented,
      count,
    };
  });
}

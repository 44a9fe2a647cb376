// Score polls: each voter gives each option a whole score from 0 to the poll's maximum, or leaves it out.
// Per option, overall and per sector: how many scored it, the sum, the mean, the median and how many gave
// each score.
//
// Exactness: `sum` and `voters` are whole numbers and together are the exact mean; `mean` is their double
// for display only, and nothing here decides on it. The median of whole scores is a whole or a half
// (the mean of the two middle scores), both exact as doubles.
import type { FieldIssue } from "../errors.ts";
import { pollLimits } from "../limits.ts";
import type { Sector } from "../schemas/user.ts";
import { mapSectors, type PollResult, pollIssue, pollResult, optionMapEntries, pollInputIssues } from "./pollInput.ts";

export interface ScoreBallot {
  sector: Sector;
  /** Option id to score. An option left out was not scored: no opinion, not 0. */
  scores: Readonly<Record<string, number>>;
}

export interface OptionScores {
  option: string;
  /** Ballots that scored this option. */
  voters: number;
  sum: number;
  /** sum / voters, for display; null when nobody scored it. */
  mean: number | null;
  /** The middle score, or the mean of the two middle scores; null when nobody scored it. */
  median: number | null;
  /** histogram[s]: how many gave score s, for s from 0 to maxScore. */
  histogram: number[];
}

export interface ScoreGroup {
  /** Ballots in the group, whatever they scored. */
  ballots: number;
  /** One entry per option, in the poll's order. */
  options: OptionScores[];
}

export interface ScorePollResult {
  maxScore: number;
  overall: ScoreGroup;
  /** Every sector, those without ballots included. */
  perSector: Record<Sector, ScoreGroup>;
}

/** Issues of one score ballot, paths under `path` ("ballots.3"): for checking a ballot as it is cast. */
export function scoreBallotIssues(
  options: readonly string[],
  maxScore: number,
  ballot: ScoreBallot,
  path: string,
): FieldIssue[] {
  const { issues, entries } = optionMapEntries(ballot, "scores", options, path, {
    rule: "scoreOutOfRange",
    message: "must map options to scores",
  });
  for (const [option, score] of entries) {
    if (typeof score !== "number" || !Number.isInteger(score) || score < 0 || score > maxScore) {
      issues.push(
        pollIssue(`${path}.scores.${option}`, "scoreOutOfRange", `must be a whole number from 0 to ${maxScore}`),
      );
    }
  }
  return issues;
}

function scorePollIssues(options: readonly string[], maxScore: number, ballots: readonly ScoreBallot[]): FieldIssue[] {
  const validMaximum = Number.isSafeInteger(maxScore) && maxScore >= 1 && maxScore <= pollLimits.maxScoreMax;
  return pollInputIssues(
    { ids: options, path: "options" },
    validMaximum
      ? null
      : pollIssue("maxScore", "invalidMaxScore", `must be a whole number from 1 to ${pollLimits.maxScoreMax}`),
    ballots,
    (ballot, path) => scoreBallotIssues(options, maxScore, ballot, path),
  );
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function scoreGroup(options: readonly string[], maxScore: number, ballots: readonly ScoreBallot[]): ScoreGroup {
  return {
    ballots: ballots.length,
    options: options.map((option): OptionScores => {
      const given = ballots
        .filter((b) => Object.hasOwn(b.scores, option))
        .map((b) => b.scores[option]!)
        .sort((x, y) => x - y);
      const histogram = new Array<number>(maxScore + 1).fill(0);
      for (const score of given) histogram[score]! += 1;
      const sum = given.reduce((n, s) => n + s, 0);
      return {
        option,
        voters: given.length,
        sum,
        mean: given.length === 0 ? null : sum / given.length,
        median: median(given),
        histogram,
      };
    }),
  };
}

/**
 * Counts a score poll over `options` with scores 0..`maxScore`. Refused (VALIDATION_FAILED, every issue
 * listed): a score that is not a whole number in range, an option not in the poll, an unknown sector, a
 * maximum outside 1..pollLimits.maxScoreMax.
 */
export function countScorePoll(
  options: readonly string[],
  maxScore: number,
  ballots: readonly ScoreBallot[],
): PollResult<ScorePollResult> {
  return pollResult(scorePollIssues(options, maxScore, ballots), () => ({
    maxScore,
    overall: scoreGroup(options, maxScore, ballots),
    perSector: mapSectors((sector) =>
      scoreGroup(
        options,
        maxScore,
        ballots.filter((b) => b.sector === sector),
      ),
    ),
  }));
}

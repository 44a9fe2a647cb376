// Dot polls: each voter has the poll's budget of dots to spread over the options as they like, several on
// one option if they wish, and may leave some unspent. Totals per option, overall and per sector. Dots are
// whole numbers, so every figure here is exact.
import type { FieldIssue } from "../errors.ts";
import { pollLimits } from "../limits.ts";
import type { Sector } from "../schemas/user.ts";
import { mapSectors, type PollResult, pollIssue, pollResult, optionMapEntries, pollInputIssues } from "./pollInput.ts";

export interface DotBallot {
  sector: Sector;
  /** Option id to the dots placed on it; an option left out has none. */
  dots: Readonly<Record<string, number>>;
}

export interface OptionDots {
  option: string;
  dots: number;
  /** Ballots that placed at least one dot on it. */
  voters: number;
}

export interface DotGroup {
  ballots: number;
  /** All dots placed; at most ballots × budget. */
  dotsSpent: number;
  /** One entry per option, in the poll's order. */
  options: OptionDots[];
}

export interface DotPollResult {
  budget: number;
  overall: DotGroup;
  /** Every sector, those without ballots included. */
  perSector: Record<Sector, DotGroup>;
}

/**
 * Issues of one dot ballot, paths under `path` ("ballots.3"): each count a whole number of at least 0 on an
 * option of the poll, and no more than `budget` in all. For checking a ballot as it is cast.
 */
export function dotBallotIssues(
  options: readonly string[],
  budget: number,
  ballot: DotBallot,
  path: string,
): FieldIssue[] {
  const { issues, entries } = optionMapEntries(ballot, "dots", options, path, {
    rule: "dotsNotWholeNonNegative",
    message: "must map options to dots",
  });
  let spent = 0;
  let countable = true;
  for (const [option, count] of entries) {
    if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 0) {
      issues.push(
        pollIssue(`${path}.dots.${option}`, "dotsNotWholeNonNegative", "must be a whole number of at least 0"),
      );
      countable = false;
    } else {
      spent += count;
    }
  }
  // Only a ballot whose every count is valid has a total worth comparing with the budget.
  if (countable && spent > budget) {
    issues.push(pollIssue(`${path}.dots`, "tooManyDots", `spends ${spent} dots, at most ${budget} allowed`));
  }
  return issues;
}

function dotPollIssues(options: readonly string[], budget: number, ballots: readonly DotBallot[]): FieldIssue[] {
  const validBudget = Number.isSafeInteger(budget) && budget >= 1 && budget <= pollLimits.dotBudgetMax;
  return pollInputIssues(
    { ids: options, path: "options" },
    validBudget
      ? null
      : pollIssue("budget", "invalidDotBudget", `must be a whole number from 1 to ${pollLimits.dotBudgetMax}`),
    ballots,
    (ballot, path) => dotBallotIssues(options, budget, ballot, path),
  );
}

function dotGroup(options: readonly string[], ballots: readonly DotBallot[]): DotGroup {
  const counted = options.map((option): OptionDots => {
    const placed = ballots.map((b) => (Object.hasOwn(b.dots, option) ? b.dots[option]! : 0));
    return { option, dots: placed.reduce((n, d) => n + d, 0), voters: placed.filter((d) => d > 0).length };
  });
  return { ballots: ballots.length, dotsSpent: counted.reduce((n, o) => n + o.dots, 0), options: counted };
}

/**
 * Counts a dot poll over `options` with `budget` dots per voter. Refused (VALIDATION_FAILED, every issue
 * listed): negative or fractional dots, more than the budget on one ballot, an option not in the poll, an
 * unknown sector, a budget outside 1..pollLimits.dotBudgetMax.
 */
export function countDotPoll(
  options: readonly string[],
  budget: number,
  ballots: readonly DotBallot[],
): PollResult<DotPollResult> {
  return pollResult(dotPollIssues(options, budget, ballots), () => ({
    budget,
    overall: dotGroup(options, ballots),
    perSector: mapSectors((sector) =>
      dotGroup(
        options,
        ballots.filter((b) => b.sector === sector),
      ),
    ),
  }));
}

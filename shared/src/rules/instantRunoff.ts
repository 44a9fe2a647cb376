// Instant-runoff voting over ranked ballots: round by round, each ballot counts for its most preferred
// option still in the race; an option with more than half of the ballots still counting wins, otherwise
// the option with the fewest votes is eliminated and its ballots move on. Every round is kept, with its
// counts, its exhausted ballots and what was decided and why, so a page can show the whole count.
import { compareFractions, fraction, addFractions } from "./fraction.ts";
import type { Fraction } from "./fraction.ts";
import { compareIds, type PollResult, pollResult } from "./pollInput.ts";
import { type RankedBallot, rankedBallotIssues } from "./rankedBallot.ts";

/**
 * Why an option was eliminated: it alone had the fewest votes; or it tied for the fewest and, looking back
 * round by round, had fewer in the latest earlier round where the tied options differed; or the tie held
 * in every round and its id sorts last.
 */
export type EliminationReason = "fewestVotes" | "fewestVotesEarlier" | "lastById";

export type RunoffDecision =
  /** More than half of the ballots still counting in this round. */
  | { type: "elected"; option: string }
  /** `tiedWith`: the other options that had as few votes this round (empty unless the tie was broken). */
  | { type: "eliminated"; option: string; reason: EliminationReason; tiedWith: string[] }
  /** No ballot ranks any option still in the race: nobody can be elected. */
  | { type: "noVotes" };

export interface RunoffCount {
  option: string;
  /** Exact: a ballot that holds several continuing options equal at its top splits equally among them. */
  votes: Fraction;
}

export interface InstantRunoffRound {
  /** 1 for the first round. */
  round: number;
  /** The options still in the race, in the poll's order. */
  counts: RunoffCount[];
  /** Ballots (by weight) ranking at least one continuing option: the base of the majority. */
  continuingBallots: number;
  /** Ballots (by weight) ranking no continuing option, empty ballots included. */
  exhaustedBallots: number;
  decision: RunoffDecision;
}

export interface InstantRunoffResult {
  options: string[];
  /** All ballots by weight: continuingBallots + exhaustedBallots in every round. */
  ballots: number;
  rounds: InstantRunoffRound[];
  winner: string | null;
}

interface RoundCount {
  votes: Map<string, Fraction>;
  continuing: number;
  exhausted: number;
}

function countRound(ballots: readonly RankedBallot[], continuing: readonly string[]): RoundCount {
  const inRace = new Set(continuing);
  const votes = new Map<string, Fraction>(continuing.map((id) => [id, fraction(0, 1)]));
  let continuingBallots = 0;
  let exhausted = 0;
  for (const ballot of ballots) {
    const top = ballot.ranking.map((rank) => rank.filter((id) => inRace.has(id))).find((rank) => rank.length > 0);
    if (!top) {
      exhausted += ballot.weight;
      continue;
    }
    continuingBallots += ballot.weight;
    const share = fraction(ballot.weight, top.length);
    for (const id of top) votes.set(id, addFractions(votes.get(id)!, share));
  }
  return { votes, continuing: continuingBallots, exhausted };
}

/** More than half of the ballots still counting: 2 · votes > continuing, exactly. */
function hasMajority(votes: Fraction, continuing: number): boolean {
  return 2n * votes.numerator > BigInt(continuing) * votes.denominator;
}

function fewest(candidates: readonly string[], votes: ReadonlyMap<string, Fraction>): string[] {
  const least = candidates.map((id) => votes.get(id)!).reduce((a, b) => (compareFractions(a, b) <= 0 ? a : b));
  return candidates.filter((id) => compareFractions(votes.get(id)!, least) === 0);
}

/**
 * Whom to eliminate among the options tied for the fewest votes: the one with fewer votes in the latest
 * earlier round where the tied options differed (among three or more, the fewest of the previous round,
 * then of the one before, and so on). The latest round is chosen over the first because it already holds
 * the transferred preferences: it is the better-informed comparison. If the tie held in every round, the id
 * that sorts last (code units) goes: arbitrary, but fixed, visible in the result, and independent of
 * ballot and option order.
 */
function chooseElimination(
  tied: readonly string[],
  earlier: readonly ReadonlyMap<string, Fraction>[],
): { option: string; reason: EliminationReason } {
  if (tied.length === 1) return { option: tied[0]!, reason: "fewestVotes" };
  let remaining = [...tied];
  for (let r = earlier.length - 1; r >= 0 && remaining.length > 1; r -= 1) {
    remaining = fewest(remaining, earlier[r]!);
  }
  if (remaining.length === 1) return { option: remaining[0]!, reason: "fewestVotesEarlier" };
  return { option: [...remaining].sort(compareIds).at(-1)!, reason: "lastById" };
}

/**
 * Counts an instant-runoff poll, one elimination per round, until an option has a majority of the ballots
 * still counting or no ballot ranks a continuing option. Malformed ballots are refused (VALIDATION_FAILED,
 * every issue listed).
 */
export function countInstantRunoff(
  options: readonly string[],
  ballots: readonly RankedBallot[],
): PollResult<InstantRunoffResult> {
  return pollResult(rankedBallotIssues(options, ballots), () => {
    const rounds: InstantRunoffRound[] = [];
    const earlierVotes: Map<string, Fraction>[] = [];
    let continuing = [...options];
    let winner: string | null = null;
    while (true) {
      const count = countRound(ballots, continuing);
      const counts = continuing.map((option) => ({ option, votes: count.votes.get(option)! }));
      const leader = counts.find((c) => hasMajority(c.votes, count.continuing));
      let decision: RunoffDecision;
      if (count.continuing === 0) {
        decision = { type: "noVotes" };
      } else if (leader) {
        decision = { type: "elected", option: leader.option };
        winner = leader.option;
      } else {
        const tied = fewest(continuing, count.votes);
        const { option, reason } = chooseElimination(tied, earlierVotes);
        decision = { type: "eliminated", option, reason, tiedWith: tied.filter((id) => id !== option) };
      }
      rounds.push({
        round: rounds.length + 1,
        counts,
        continuingBallots: count.continuing,
        exhaustedBallots: count.exhausted,
        decision,
      });
      if (decision.type !== "eliminated") break;
      const eliminated = decision.option;
      continuing = continuing.filter((id) => id !== eliminated);
      earlierVotes.push(count.votes);
    }
    return { options: [...options], ballots: ballots.reduce((n, b) => n + b.weight, 0), rounds, winner };
  });
}

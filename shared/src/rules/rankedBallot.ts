// Ranked ballots, the input of Schulze and instant-runoff polls: an ordering of option ids in ranks, where a
// rank may hold several options the voter holds equal, and the options left out share one rank below all
// ranked ones. Identical ballots come as one with a weight, so a count stays small however many voted.
import type { FieldIssue } from "../errors.ts";
import { optionListIssues, pollIssue } from "./pollInput.ts";

export interface RankedBallot {
  /** Ranks, most preferred first; each rank lists the options the voter holds equal. */
  ranking: readonly (readonly string[])[];
  /** How many voters cast exactly this ballot: a whole number, at least 1. */
  weight: number;
}

/** Every issue of a ranked poll's input: its option list, and each ballot's ranks and weight. */
export function rankedBallotIssues(options: readonly string[], ballots: readonly RankedBallot[]): FieldIssue[] {
  const issues = optionListIssues(options, "options");
  const known = new Set(options);
  ballots.forEach((ballot, b) => {
    const path = `ballots.${b}`;
    if (!Number.isSafeInteger(ballot?.weight) || ballot.weight < 1) {
      issues.push(pollIssue(`${path}.weight`, "invalidWeight", "must be a whole number of at least 1"));
    }
    if (!Array.isArray(ballot?.ranking)) {
      issues.push(pollIssue(`${path}.ranking`, "emptyRank", "must be a list of ranks"));
      return;
    }
    const seen = new Map<string, string>();
    ballot.ranking.forEach((rank, r) => {
      if (!Array.isArray(rank) || rank.length === 0) {
        issues.push(pollIssue(`${path}.ranking.${r}`, "emptyRank", "a rank must hold at least one option"));
        return;
      }
      rank.forEach((id, i) => {
        const at = `${path}.ranking.${r}.${i}`;
        if (typeof id !== "string" || !known.has(id)) {
          issues.push(pollIssue(at, "unknownOption", "not an option of this poll"));
          return;
        }
        const earlier = seen.get(id);
        if (earlier !== undefined) issues.push(pollIssue(at, "optionRankedTwice", `same option as ${earlier}`));
        else seen.set(id, at);
      });
    });
  });
  return issues;
}

/**
 * For each option (by index into `options`), the index of the rank holding it; unranked options get
 * `ranking.length`, one rank below the last, so they are equal to each other and below every ranked one.
 */
export function rankIndexes(options: readonly string[], ballot: RankedBallot): number[] {
  const rankOf = new Map<string, number>();
  ballot.ranking.forEach((rank, r) => {
    for (const id of rank) rankOf.set(id, r);
  });
  return options.map((id) => rankOf.get(id) ?? ballot.ranking.length);
}

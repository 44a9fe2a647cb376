// The Schulze method (beatpath): from ranked ballots to the pairwise preferences, the strongest paths
// between options, the winners and a full ranking. Strength is winning votes, as in Schulze's own
// examples: a defeat of X by Y counts the voters who prefer Y, and a pairwise tie is no defeat at all.
// Counts are whole numbers of voters, so plain numbers are exact here.
import { compareIds, type PollResult, pollResult } from "./pollInput.ts";
import { type RankedBallot, rankedBallotIssues, rankIndexes } from "./rankedBallot.ts";

export interface SchulzeResult {
  /** The poll's options, in the order given: rows and columns of both matrices follow it. */
  options: string[];
  /** pairwise[a][b]: voters (by weight) who rank option a strictly above option b; 0 on the diagonal. */
  pairwise: number[][];
  /**
   * strongestPaths[a][b]: the strength of the strongest path from a to b, a path's strength being its
   * weakest defeat; 0 where no path of defeats leads from a to b, and on the diagonal.
   */
  strongestPaths: number[][];
  /** Options no other option beats on the strongest paths; in id order. */
  winners: string[];
  /**
   * Every option in ranks, best first; each rank in id order. The first rank is `winners`; each later
   * rank holds the options no remaining option beats once the ranks above are taken away.
   */
  ranking: string[][];
}

/** p[a][b] > p[b][a]: Schulze's "better than", which he proves transitive. */
function beats(paths: readonly (readonly number[])[], a: number, b: number): boolean {
  return paths[a]![b]! > paths[b]![a]!;
}

export function pairwisePreferences(options: readonly string[], ballots: readonly RankedBallot[]): number[][] {
  const n = options.length;
  const d = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const ballot of ballots) {
    const rank = rankIndexes(options, ballot);
    for (let a = 0; a < n; a += 1) {
      for (let b = 0; b < n; b += 1) {
        if (rank[a]! < rank[b]!) d[a]![b]! += ballot.weight;
      }
    }
  }
  return d;
}

/**
 * Widest paths by Floyd–Warshall: start from the defeats (d[a][b] where it exceeds d[b][a]), then let
 * every option in turn serve as a stop on the way, keeping a path through it when its weakest link is
 * stronger than the best path known so far.
 */
export function strongestPaths(pairwise: readonly (readonly number[])[]): number[][] {
  const n = pairwise.length;
  const p = pairwise.map((row, a) => row.map((ab, b) => (a !== b && ab > pairwise[b]![a]! ? ab : 0)));
  for (let via = 0; via < n; via += 1) {
    for (let from = 0; from < n; from += 1) {
      if (from === via) continue;
      for (let to = 0; to < n; to += 1) {
        if (to === via || to === from) continue;
        const through = Math.min(p[from]![via]!, p[via]![to]!);
        if (through > p[from]![to]!) p[from]![to] = through;
      }
    }
  }
  return p;
}

/**
 * Ranks by peeling: the options nobody remaining beats form the next rank. Because "beats" is transitive,
 * an option ranks above every option it beats, and the first rank is exactly the winners. (Ordering by how
 * many options each beats would agree whenever no two options are tied on their paths, but can put a
 * winner below an option it does not beat; see the unit test "ranks by peeling".)
 */
function rankByPeeling(options: readonly string[], paths: readonly (readonly number[])[]): string[][] {
  let remaining = options.map((_, i) => i);
  const ranks: string[][] = [];
  while (remaining.length > 0) {
    const unbeaten = remaining.filter((a) => !remaining.some((b) => beats(paths, b, a)));
    ranks.push(unbeaten.map((i) => options[i]!).sort(compareIds));
    remaining = remaining.filter((a) => !unbeaten.includes(a));
  }
  return ranks;
}

/**
 * Counts a Schulze poll. Ballots with unknown options, an option ranked twice, an empty rank or a weight
 * that is not a whole number of at least 1 are refused (VALIDATION_FAILED, every issue listed).
 */
export function countSchulze(options: readonly string[], ballots: readonly RankedBallot[]): PollResult<SchulzeResult> {
  return pollResult(rankedBallotIssues(options, ballots), () => {
    const pairwise = pairwisePreferences(options, ballots);
    const paths = strongestPaths(pairwise);
    const ranking = rankByPeeling(options, paths);
    return { options: [...options], pairwise, strongestPaths: paths, winners: ranking[0] ?? [], ranking };
  });
}

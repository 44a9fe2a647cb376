// Opinion groups (what Polis does): the pure, deterministic parts around the grouping itself. Who has
// voted enough to be placed, how each group voted on each statement, which statements every group agrees
// (or disagrees) on, which divide the groups most, and how each sector sits in each group. The grouping
// (PCA and k-means) runs on the server, off its event loop (server/src/opinions/); everything here is
// whole-number counting and exact comparisons, so the server and a page showing "why" cannot disagree.
//
// The vote matrix is row-major, one row per participant and one column per statement: agree 1,
// disagree -1, pass 0, and `missingVoteCell` where the participant has not voted on that statement.
import { type Sector, sectors } from "../schemas/user.ts";

export const opinionVotes = ["agree", "disagree", "pass"] as const;
export type OpinionVote = (typeof opinionVotes)[number];

export const opinionVoteCell = { agree: 1, disagree: -1, pass: 0 } as const satisfies Record<OpinionVote, number>;
/** A cell where the participant has not voted (an Int8Array holds it). */
export const missingVoteCell = -128;

export interface VoteMatrix {
  participants: number;
  statements: number;
  /** participants × statements, row-major: cells[p * statements + s]. */
  cells: ArrayLike<number>;
}

/** A share compared exactly: numerator / denominator with whole numbers, denominator > 0. */
export interface ShareThreshold {
  numerator: number;
  denominator: number;
}

export const opinionGroupSettings = {
  /**
   * Votes a participant needs (agree, disagree and pass alike) to be placed on the map: 7, as Polis, or
   * every statement when the room has fewer. With fewer, a point says more about what was imputed for
   * the missing votes than about the person.
   */
  minVotesToGroup: 7,
  /** Below this many placed participants nobody is grouped: two groups of one say nothing. */
  minParticipantsToGroup: 4,
  minGroups: 2,
  maxGroups: 5,
  /** Consensus: every group agrees (or every group disagrees) with at least this share of its votes. */
  consensusShare: { numerator: 3, denominator: 5 },
  /** Divisive: the most agreeing group's share less the least agreeing group's is at least this. */
  divisiveSpread: { numerator: 1, denominator: 2 },
  /** At most this many consensus and divisive statements are listed each, the strongest first. */
  listedStatements: 10,
} as const;

/** How many votes a participant needs to be grouped when the room has `statementCount` statements. */
export function minVotesToGroup(statementCount: number): number {
  return Math.max(1, Math.min(opinionGroupSettings.minVotesToGroup, statementCount));
}

/** Votes cast by each participant (missing cells left out). */
export function votesCastPerParticipant(matrix: VoteMatrix): number[] {
  const counts: number[] = [];
  for (let p = 0; p < matrix.participants; p++) {
    let cast = 0;
    for (let s = 0; s < matrix.statements; s++) {
      if (matrix.cells[p * matrix.statements + s] !== missingVoteCell) cast++;
    }
    counts.push(cast);
  }
  return counts;
}

export interface GroupVoteCounts {
  agree: number;
  disagree: number;
  pass: number;
}

/**
 * How each group voted on each statement: result[statement][group]. `groupOf[p]` is participant p's
 * group (0..groupCount-1) or null for one left out of the grouping, whose votes count for no group.
 */
export function countVotesByGroup(
  matrix: VoteMatrix,
  groupOf: readonly (number | null)[],
  groupCount: number,
): GroupVoteCounts[][] {
  const counts = Array.from({ length: matrix.statements }, () =>
    Array.from({ length: groupCount }, () => ({ agree: 0, disagree: 0, pass: 0 })),
  );
  for (let p = 0; p < matrix.participants; p++) {
    const group = groupOf[p];
    if (group === null || group === undefined) continue;
    for (let s = 0; s < matrix.statements; s++) {
      const cell = matrix.cells[p * matrix.statements + s];
      const entry = counts[s]![group]!;
      if (cell === opinionVoteCell.agree) entry.agree++;
      else if (cell === opinionVoteCell.disagree) entry.disagree++;
      else if (cell === opinionVoteCell.pass) entry.pass++;
    }
  }
  return counts;
}

function votesOf(counts: GroupVoteCounts): number {
  return counts.agree + counts.disagree + counts.pass;
}

/** Agrees over all votes of the group on the statement (a pass is a vote that is not agreement); null without votes. */
export function agreementShare(counts: GroupVoteCounts): number | null {
  const votes = votesOf(counts);
  return votes === 0 ? null : counts.agree / votes;
}

/** part / whole ≥ threshold, exactly (whole > 0). */
function reaches(part: number, whole: number, threshold: ShareThreshold): boolean {
  return part * threshold.denominator >= threshold.numerator * whole;
}

/** a/b compared with c/d, exactly: negative, 0 or positive. Counts are small whole numbers. */
function compareShares(a: number, b: number, c: number, d: number): number {
  return a * d - c * b;
}

export interface ConsensusStatement {
  statement: number;
  direction: "agree" | "disagree";
  /** The lowest share in that direction among the groups: how strong the consensus is. */
  minShare: number;
}

/**
 * Statements every group agrees with, or every group disagrees with, at `consensusShare` of its votes or
 * more. Every group must have voted on it: a group that did not is not part of any consensus. Strongest
 * (highest lowest share, exactly) first, then by statement index; at most `listedStatements`.
 */
export function selectConsensusStatements(
  countsByStatement: readonly (readonly GroupVoteCounts[])[],
  threshold: ShareThreshold = opinionGroupSettings.consensusShare,
  limit: number = opinionGroupSettings.listedStatements,
): ConsensusStatement[] {
  const found: Array<ConsensusStatement & { part: number; whole: number }> = [];
  countsByStatement.forEach((groups, statement) => {
    if (groups.length === 0 || groups.some((group) => votesOf(group) === 0)) return;
    for (const direction of ["agree", "disagree"] as const) {
      if (!groups.every((group) => reaches(group[direction], votesOf(group), threshold))) continue;
      // The group with the lowest share in this direction, exactly.
      let weakest = groups[0]!;
      for (const group of groups) {
        if (compareShares(group[direction], votesOf(group), weakest[direction], votesOf(weakest)) < 0) weakest = group;
      }
      const part = weakest[direction];
      const whole = votesOf(weakest);
      found.push({ statement, direction, minShare: part / whole, part, whole });
    }
  });
  found.sort((x, y) => compareShares(y.part, y.whole, x.part, x.whole) || x.statement - y.statement);
  return found.slice(0, limit).map(({ statement, direction, minShare }) => ({ statement, direction, minShare }));
}

export interface DivisiveStatement {
  statement: number;
  /** The most agreeing group's share less the least agreeing group's. */
  spread: number;
  /** Those two groups. */
  mostAgreeing: number;
  leastAgreeing: number;
}

/**
 * Statements on which the groups differ most: among groups that voted on it (at least two), the most
 * agreeing group's agreement share less the least agreeing group's, kept when it is at least
 * `divisiveSpread`. Widest spread (exactly) first, then by statement index; at most `listedStatements`.
 * Of groups with equal shares, the lower-numbered one is named.
 */
export function selectDivisiveStatements(
  countsByStatement: readonly (readonly GroupVoteCounts[])[],
  threshold: ShareThreshold = opinionGroupSettings.divisiveSpread,
  limit: number = opinionGroupSettings.listedStatements,
): DivisiveStatement[] {
  const found: Array<DivisiveStatement & { part: number; whole: number }> = [];
  countsByStatement.forEach((groups, statement) => {
    const voted = groups.map((counts, group) => ({ counts, group })).filter(({ counts }) => votesOf(counts) > 0);
    if (voted.length < 2) return;
    let most = voted[0]!;
    let least = voted[0]!;
    for (const entry of voted) {
      const { agree } = entry.counts;
      const votes = votesOf(entry.counts);
      if (compareShares(agree, votes, most.counts.agree, votesOf(most.counts)) > 0) most = entry;
      if (compareShares(agree, votes, least.counts.agree, votesOf(least.counts)) < 0) least = entry;
    }
    // spread = a/b - c/d = (ad - cb) / bd, whole numbers throughout.
    const a = most.counts.agree;
    const b = votesOf(most.counts);
    const c = least.counts.agree;
    const d = votesOf(least.counts);
    const part = a * d - c * b;
    const whole = b * d;
    if (!reaches(part, whole, threshold)) return;
    found.push({ statement, spread: part / whole, mostAgreeing: most.group, leastAgreeing: least.group, part, whole });
  });
  found.sort((x, y) => compareShares(y.part, y.whole, x.part, x.whole) || x.statement - y.statement);
  return found.slice(0, limit).map(({ part: _part, whole: _whole, ...entry }) => entry);
}

export type SectorCounts = Record<Sector, number>;

function emptySectorCounts(): SectorCounts {
  return Object.fromEntries(sectors.map((sector) => [sector, 0])) as SectorCounts;
}

export interface SectorComposition {
  /** One entry per group: how many of its members are of each sector (every sector present, 0 included). */
  groups: SectorCounts[];
  /** Participants who voted but were not grouped (too few votes, or too few participants), by sector. */
  ungrouped: SectorCounts;
}

/** How each sector sits in each group. */
export function sectorComposition(
  participants: readonly { sector: Sector; group: number | null }[],
  groupCount: number,
): SectorComposition {
  const groups = Array.from({ length: groupCount }, emptySectorCounts);
  const ungrouped = emptySectorCounts();
  for (const { sector, group } of participants) {
    const counts = group === null ? ungrouped : groups[group];
    if (!counts) throw new RangeError(`sectorComposition: group ${group} is not below ${groupCount}`);
    counts[sector]++;
  }
  return { groups, ungrouped };
}

// Participation balance between sectors and the symbolic-participation warning ("partisipasi simbolis":
// a sector present in the room but barely contributing). Pure: the server computes it for coordinators,
// the client can preview it with another floor.
//
// Choices, and why:
// - Members are the room's writers (coordinators and participants) per sector: observers cannot write,
//   so a sector represented only by observers is not expected to contribute and is never warned about.
// - Every kind of contribution weighs the same: a sector's contribution share is the mean, over the kinds
//   someone contributed to in the period, of the sector's share of that kind. Editing sends many small
//   updates while a vote is one act; summing raw counts would let keystrokes drown out votes, pledges
//   and commitments. A kind nobody used is left out of the mean (like a sector that wholly stood aside
//   in the tally's equal weighting).
// - Shares are compared with the floor exactly (BigInt fractions): a sector exactly at the floor is not
//   below it. With no contribution at all in the period there is no share and no warning.
// - Attendance (time present) is reported beside contributions but is not one: being present without
//   contributing is exactly what symbolic participation means.
// - The balance indicator per sector is contributionShare / memberShare (1: contributes in proportion to
//   its members; below 1: less). The room's balance index is 1 - ½·Σ|contributionShare - memberShare|
//   over the sectors (1: proportional, 0: one sector did everything while holding none of the members).
import { type Sector, sectors } from "../schemas/user.ts";
import { type Fraction, addFractions, fraction, fractionToNumber, isAtLeast } from "./fraction.ts";

export const contributionKinds = [
  "proposalEdits",
  "comments",
  "chatMessages",
  "votes",
  "commitments",
  "pledges",
] as const;
export type ContributionKind = (typeof contributionKinds)[number];
export type ContributionCounts = Record<ContributionKind, number>;

export function emptyContributionCounts(): ContributionCounts {
  return { proposalEdits: 0, comments: 0, chatMessages: 0, votes: 0, commitments: 0, pledges: 0 };
}

export interface SectorActivity {
  /** Coordinators and participants of the sector (observers excluded). */
  members: number;
  contributions: ContributionCounts;
}

export interface SectorParticipation {
  members: number;
  /** The sector's members over all members; null when the room has none. */
  memberShare: number | null;
  contributions: ContributionCounts;
  /** Raw count of the sector's contributions, every kind together. */
  total: number;
  /** Mean over the kinds used in the period of the sector's share of that kind; null when nobody contributed. */
  contributionShare: number | null;
  /** contributionShare / memberShare; null without members in the sector or without contributions. */
  balance: number | null;
  /** True when the sector has members and its contribution share is below the floor. */
  belowFloor: boolean;
}

export interface SymbolicParticipationWarning {
  type: "symbolicParticipation";
  sector: Sector;
  members: number;
  contributionShare: number;
  floorPercent: number;
}

export interface ParticipationBalance {
  perSector: Record<Sector, SectorParticipation>;
  /** 1 - ½·Σ|contributionShare - memberShare|; null without members or without contributions. */
  balanceIndex: number | null;
  /** Sectors below the floor, in the order of `sectors`. */
  warnings: SymbolicParticipationWarning[];
}

/** Each sector's share of the contributions, weighing every kind used the same; null when nobody contributed. */
export function contributionShares(
  activity: Readonly<Record<Sector, SectorActivity>>,
): Record<Sector, Fraction> | null {
  const usedKinds = contributionKinds.filter((kind) => sectors.some((s) => activity[s].contributions[kind] > 0));
  if (usedKinds.length === 0) return null;
  const shares = {} as Record<Sector, Fraction>;
  for (const sector of sectors) {
    let sum = fraction(0, 1);
    for (const kind of usedKinds) {
      const kindTotal = sectors.reduce((total, s) => total + activity[s].contributions[kind], 0);
      sum = addFractions(sum, fraction(activity[sector].contributions[kind], kindTotal));
    }
    shares[sector] = fraction(sum.numerator, sum.denominator * BigInt(usedKinds.length));
  }
  return shares;
}

/**
 * Shares, the balance indicator and the symbolic-participation warnings for one period. `floorPercent`
 * is a whole percentage (the room's setting, 10 by default).
 */
export function participationBalance(
  activity: Readonly<Record<Sector, SectorActivity>>,
  floorPercent: number,
): ParticipationBalance {
  if (!Number.isInteger(floorPercent) || floorPercent < 0 || floorPercent > 100) {
    throw new RangeError(`participationBalance: floorPercent must be a whole number 0–100, got ${floorPercent}`);
  }
  const floor = fraction(floorPercent, 100);
  const totalMembers = sectors.reduce((total, s) => total + activity[s].members, 0);
  const shares = contributionShares(activity);
  const perSector = {} as Record<Sector, SectorParticipation>;
  const warnings: SymbolicParticipationWarning[] = [];
  let distance = 0;
  for (const sector of sectors) {
    const { members, contributions } = activity[sector];
    const memberShare = totalMembers === 0 ? null : members / totalMembers;
    const exactShare = shares?.[sector] ?? null;
    const contributionShare = exactShare ? fractionToNumber(exactShare) : null;
    const belowFloor = members > 0 && exactShare !== null && !isAtLeast(exactShare, floor);
    perSector[sector] = {
      members,
      memberShare,
      contributions: { ...contributions },
      total: contributionKinds.reduce((total, kind) => total + contributions[kind], 0),
      contributionShare,
      balance:
        members > 0 && memberShare !== null && contributionShare !== null ? contributionShare / memberShare : null,
      belowFloor,
    };
    if (belowFloor && contributionShare !== null) {
      warnings.push({ type: "symbolicParticipation", sector, members, contributionShare, floorPercent });
    }
    distance += Math.abs((contributionShare ?? 0) - (memberShare ?? 0));
  }
  const balanceIndex = totalMembers === 0 || shares === null ? null : 1 - distance / 2;
  return { perSector, balanceIndex, warnings };
}

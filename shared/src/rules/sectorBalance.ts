// Support shares per sector and overall, computed exactly. Stand-asides are left out of every share: a
// share is supporters (support + support with reservations) over the voices that took a side.
import type { PositionCounts, SectorWeighting } from "../schemas/motion.ts";
import { sectors } from "../schemas/user.ts";
import type { Sector } from "../schemas/user.ts";
import { addFractions, fraction } from "./fraction.ts";
import type { Fraction } from "./fraction.ts";

export function countSupporters(counts: PositionCounts): number {
  return counts.support + counts.supportWithReservations;
}

/** Voices that took a side: everyone but those who stood aside. */
export function countSided(counts: PositionCounts): number {
  return counts.support + counts.supportWithReservations + counts.object + counts.block;
}

/** Supporters over sided voices; null when no one took a side. */
export function supportShare(counts: PositionCounts): Fraction | null {
  const total = countSided(counts);
  return total === 0 ? null : fraction(countSupporters(counts), total);
}

/**
 * The overall share. byMember: all supporters over all sided voices. equal: the mean of the shares of the
 * sectors where someone took a side, each sector weighing 1/k, so ten members of one sector count no more
 * than one member of another. Null when no one took a side anywhere.
 */
export function weightedSupportShare(
  perSector: Readonly<Record<Sector, PositionCounts>>,
  weighting: SectorWeighting,
): Fraction | null {
  switch (weighting) {
    case "byMember": {
      let support = 0;
      let total = 0;
      for (const sector of sectors) {
        support += countSupporters(perSector[sector]);
        total += countSided(perSector[sector]);
      }
      return total === 0 ? null : fraction(support, total);
    }
    case "equal": {
      const shares = sectors.map((s) => supportShare(perSector[s])).filter((s): s is Fraction => s !== null);
      if (shares.length === 0) return null;
      const sum = shares.reduce(addFractions, fraction(0, 1));
      return fraction(sum.numerator, sum.denominator * BigInt(shares.length));
    }
  }
}

// Support shares, exactly: per sector and overall, by member or with every sector weighing the same.
import { describe, expect, it } from "vitest";
import type { PositionCounts } from "../schemas/motion.ts";
import type { Sector } from "../schemas/user.ts";
import { fraction, isAtLeast } from "./fraction.ts";
import { supportShare, weightedSupportShare } from "./sectorBalance.ts";

const counts = (c: Partial<PositionCounts>): PositionCounts => ({
  support: 0,
  supportWithReservations: 0,
  standAside: 0,
  object: 0,
  block: 0,
  ...c,
});
const none = counts({});
const perSector = (c: Partial<Record<Sector, PositionCounts>>): Record<Sector, PositionCounts> => ({
  government: none,
  private: none,
  community: none,
  academia: none,
  media: none,
  ...c,
});

describe("supportShare", () => {
  it("is supporters over voices that took a side, in lowest terms", () => {
    expect(
      supportShare(counts({ support: 2, supportWithReservations: 2, standAside: 7, object: 1, block: 1 })),
    ).toEqual(fraction(4, 6));
    expect(supportShare(counts({ support: 2, supportWithReservations: 2, object: 1, block: 1 }))).toEqual({
      numerator: 2n,
      denominator: 3n,
    });
  });

  it("is null when everyone stood aside or no one voted", () => {
    expect(supportShare(counts({ standAside: 3 }))).toBeNull();
    expect(supportShare(none)).toBeNull();
  });
});

describe("weightedSupportShare", () => {
  const lopsided = perSector({
    government: counts({ support: 10 }),
    private: counts({ object: 1 }),
    community: counts({ object: 1 }),
    academia: counts({ standAside: 4 }),
  });

  it("by member pools every sided voice", () => {
    expect(weightedSupportShare(lopsided, "byMember")).toEqual(fraction(10, 12));
  });

  it("with equal weighting averages the sectors where someone took a side", () => {
    expect(weightedSupportShare(lopsided, "equal")).toEqual(fraction(1, 3));
  });

  it("is exact where doubles are not", () => {
    const share = weightedSupportShare(
      perSector({
        government: counts({ support: 1, object: 1 }),
        private: counts({ support: 2, object: 1 }),
        community: counts({ support: 1, object: 2 }),
      }),
      "equal",
    );
    expect(share).toEqual(fraction(1, 2));
    expect((1 / 2 + 2 / 3 + 1 / 3) / 3).toBeLessThan(0.5);
  });

  it("is null when no one took a side", () => {
    expect(weightedSupportShare(perSector({ media: counts({ standAside: 2 }) }), "equal")).toBeNull();
    expect(weightedSupportShare(perSector({}), "byMember")).toBeNull();
  });
});

describe("fraction", () => {
  it("compares exactly, including at equality", () => {
    expect(isAtLeast(fraction(2, 3), fraction(2, 3))).toBe(true);
    expect(isAtLeast(fraction(4, 6), fraction(2, 3))).toBe(true);
    expect(isAtLeast(fraction(666_666, 1_000_000), fraction(2, 3))).toBe(false);
    expect(isAtLeast(fraction(1, 10), fraction(1, 10))).toBe(true);
  });

  it("refuses a denominator that is not positive", () => {
    expect(() => fraction(1, 0)).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import type { Sector } from "../schemas/user.ts";
import { sectors } from "../schemas/user.ts";
import {
  type ContributionCounts,
  type SectorActivity,
  contributionShares,
  emptyContributionCounts,
  participationBalance,
} from "./participation.ts";
import { fraction } from "./fraction.ts";

function activity(
  spec: Partial<Record<Sector, { members: number; contributions?: Partial<ContributionCounts> }>>,
): Record<Sector, SectorActivity> {
  return Object.fromEntries(
    sectors.map((sector) => [
      sector,
      {
        members: spec[sector]?.members ?? 0,
        contributions: { ...emptyContributionCounts(), ...spec[sector]?.contributions },
      },
    ]),
  ) as Record<Sector, SectorActivity>;
}

describe("participationBalance: the symbolic-participation warning", () => {
  it("warns about a sector with members under the floor, naming it, and not about one exactly at it", () => {
    const at = participationBalance(
      activity({
        government: { members: 2, contributions: { chatMessages: 9 } },
        community: { members: 2, contributions: { chatMessages: 1 } },
      }),
      10,
    );
    expect(at.perSector.community.contributionShare).toBe(0.1);
    expect(at.perSector.community.belowFloor).toBe(false);
    expect(at.warnings).toEqual([]);

    const under = participationBalance(
      activity({
        government: { members: 2, contributions: { chatMessages: 10 } },
        community: { members: 2, contributions: { chatMessages: 1 } },
      }),
      10,
    );
    expect(under.warnings).toEqual([
      { type: "symbolicParticipation", sector: "community", members: 2, contributionShare: 1 / 11, floorPercent: 10 },
    ]);
    expect(under.perSector.community.belowFloor).toBe(true);
  });

  it("never warns about a sector without members, nor when nobody contributed", () => {
    const noMembers = participationBalance(activity({ government: { members: 3, contributions: { votes: 4 } } }), 10);
    expect(noMembers.warnings).toEqual([]);
    expect(noMembers.perSector.media.contributionShare).toBe(0);
    expect(noMembers.perSector.media.balance).toBeNull();

    const silent = participationBalance(activity({ government: { members: 3 }, private: { members: 1 } }), 10);
    expect(silent.warnings).toEqual([]);
    expect(silent.perSector.private.contributionShare).toBeNull();
    expect(silent.balanceIndex).toBeNull();
  });

  it("uses the room's floor: 25% flags a 1-in-5 sector that 10% does not", () => {
    const input = activity({
      government: { members: 1, contributions: { pledges: 4 } },
      academia: { members: 1, contributions: { pledges: 1 } },
    });
    expect(participationBalance(input, 10).warnings).toEqual([]);
    expect(participationBalance(input, 25).warnings.map((w) => w.sector)).toEqual(["academia"]);
    expect(participationBalance(input, 20).warnings).toEqual([]);
  });

  it("refuses a floor that is not a whole percentage", () => {
    expect(() => participationBalance(activity({}), 10.5)).toThrow(RangeError);
    expect(() => participationBalance(activity({}), 101)).toThrow(RangeError);
  });
});

describe("contribution shares: every kind used weighs the same", () => {
  it("averages the sector's share of each used kind, so many edits do not drown one vote", () => {
    const input = activity({
      government: { members: 1, contributions: { proposalEdits: 300, votes: 1 } },
      community: { members: 1, contributions: { votes: 1 } },
    });
    const shares = contributionShares(input);
    // government: (300/300 + 1/2) / 2 = 3/4; community: (0 + 1/2) / 2 = 1/4.
    expect(shares?.government).toEqual(fraction(3, 4));
    expect(shares?.community).toEqual(fraction(1, 4));
    expect(shares?.media).toEqual(fraction(0, 1));
    const balance = participationBalance(input, 10);
    expect(balance.perSector.government.total).toBe(301);
    expect(balance.perSector.community.balance).toBe(0.5);
    expect(balance.perSector.government.balance).toBe(1.5);
    expect(balance.perSector.government.memberShare).toBe(0.5);
    // 1 - ½(|3/4 - 1/2| + |1/4 - 1/2|) = 3/4
    expect(balance.balanceIndex).toBe(0.75);
  });

  it("compares exactly: a share of 1/3 + 1/3 + 1/3 of three kinds reaches a floor of 100% only when exact", () => {
    const input = activity({
      private: {
        members: 1,
        contributions: { comments: 3, chatMessages: 3, commitments: 3 },
      },
    });
    const balance = participationBalance(input, 100);
    expect(balance.perSector.private.contributionShare).toBe(1);
    expect(balance.warnings).toEqual([]);
    expect(balance.balanceIndex).toBe(1);
  });
});

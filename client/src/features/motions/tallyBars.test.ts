// Shaping a tally for the bars, and the small formatters of the motion panel.
import { type EligibleMember, defaultDecisionRule, redactTally, tallyMotion } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { formatCountdown, formatShare, sectorBars, shortHash } from "./tallyBars.ts";
import { withConsensusType, withThreshold } from "./ruleDraft.ts";

const eligible: EligibleMember[] = [
  { memberId: "g1", sector: "government", organisation: "Dinas PU" },
  { memberId: "p1", sector: "private", organisation: "PT Air" },
  { memberId: "p2", sector: "private", organisation: "PT Air" },
  { memberId: "c1", sector: "community", organisation: "Forum Warga" },
];

describe("sectorBars", () => {
  it("shows every sector with eligible members or voters, with counts per position, in sector order", () => {
    const tally = redactTally(
      tallyMotion(
        [
          { memberId: "p1", sector: "private", organisation: "PT Air", position: "object", reason: "Mahal" },
          { memberId: "g1", sector: "government", organisation: "Dinas PU", position: "support" },
        ],
        defaultDecisionRule,
        eligible,
      ),
    );
    const bars = sectorBars(tally);
    expect(bars.map((bar) => bar.sector)).toEqual(["government", "private", "community"]);
    const privateBar = bars[1];
    expect(privateBar).toMatchObject({ voters: 1, eligible: 2 });
    expect(privateBar?.segments.map((s) => [s.position, s.count, s.percent])).toEqual([
      ["support", 0, 0],
      ["supportWithReservations", 0, 0],
      ["standAside", 0, 0],
      ["object", 1, 50],
      ["block", 0, 0],
    ]);
    expect(bars[2]).toMatchObject({ voters: 0, eligible: 1 });
    expect(bars[2]?.segments.every((s) => s.count === 0)).toBe(true);
  });

  it("measures against voters when the eligible list is unknown", () => {
    const tally = redactTally(
      tallyMotion(
        [
          { memberId: "a", sector: "media", organisation: "Koran", position: "support" },
          { memberId: "b", sector: "media", organisation: "Koran", position: "standAside" },
        ],
        defaultDecisionRule,
      ),
    );
    const bars = sectorBars(tally);
    expect(bars.map((bar) => bar.sector)).toEqual(["media"]);
    expect(bars[0]?.segments.find((s) => s.position === "support")?.percent).toBe(50);
  });
});

describe("formatters", () => {
  it("formats countdowns, shares and short hashes", () => {
    expect(formatCountdown(59_001)).toBe("1:00");
    expect(formatCountdown(3_600_000 + 65_000)).toBe("1:01:05");
    expect(formatCountdown(-5)).toBe("0:00");
    expect(formatShare(2 / 3, "id")).toBe("67%");
    expect(formatShare(null, "en")).toBe("–");
    expect(shortHash("abcdef0123456789ffff")).toBe("abcdef012345");
  });
});

describe("rule drafts", () => {
  it("keeps the threshold across consensus types and drops it where it does not apply", () => {
    const three4 = withThreshold(defaultDecisionRule, { numerator: 3, denominator: 4 });
    expect(three4.consensus).toEqual({ type: "sectorConsensus", threshold: { numerator: 3, denominator: 4 } });
    const supermajority = withConsensusType(three4, "supermajority");
    expect(supermajority.consensus).toEqual({
      type: "supermajority",
      threshold: { numerator: 3, denominator: 4 },
      blockIsVeto: true,
    });
    expect(withConsensusType(supermajority, "consent").consensus).toEqual({ type: "consent" });
    expect(withThreshold(withConsensusType(supermajority, "consent"), { numerator: 1, denominator: 2 })).toEqual(
      withConsensusType(supermajority, "consent"),
    );
  });
});

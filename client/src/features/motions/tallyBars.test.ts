// Shaping a tally for the bars, and the small formatters of the motion panel.
import { type EligibleMember, defaultDecisionRule, redactTally, tallyMotion } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/translate.ts";
import {
  explanationMessage,
  formatCountdown,
  formatShare,
  sectorBars,
  sectorsThatDidNotVote,
  sectorsWithoutMembers,
  shortHash,
} from "./tallyBars.ts";
import { readFields } from "../../forms/fieldReader.ts";
import { formatNumber } from "../../i18n/numbers.ts";
import { draftOfRule, ruleOfDraft, withConsensusType, withThreshold } from "./ruleDraft.ts";

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

describe("what the tally says about each sector", () => {
  // The user test's room: four sectors, one member each; academia does not vote.
  const room: EligibleMember[] = [
    { memberId: "g1", sector: "government", organisation: "Dinas PU" },
    { memberId: "p1", sector: "private", organisation: "PT Air" },
    { memberId: "c1", sector: "community", organisation: "Forum Warga" },
    { memberId: "a1", sector: "academia", organisation: "Universitas" },
  ];
  const supportFrom = (...ids: string[]) =>
    room.filter((m) => ids.includes(m.memberId)).map((m) => ({ ...m, position: "support" as const }));
  const words = (tally: ReturnType<typeof redactTally>, locale: "id" | "en") => {
    const t = translator(locale);
    return Object.fromEntries(
      sectorBars(tally).map((bar) => {
        const { key, values } = explanationMessage(bar, tally);
        return [bar.sector, t(key, values)];
      }),
    );
  };

  it("does not say a sector that voted 0 of 1 reached the threshold: it says it did not vote, and that this did not matter", () => {
    const tally = redactTally(tallyMotion(supportFrom("g1", "p1", "c1"), defaultDecisionRule, room));
    expect(tally.outcome).toBe("adopted");
    const bars = sectorBars(tally);
    expect(bars.map((bar) => [bar.sector, bar.voters, bar.eligible, bar.explanation])).toEqual([
      ["government", 1, 1, "reached"],
      ["private", 1, 1, "reached"],
      ["community", 1, 1, "reached"],
      ["academia", 0, 1, "didNotVoteNotRequired"],
    ]);
    expect(words(tally, "en")).toEqual({
      government: "Reached the threshold: 1 of 1 vote that took a side is in support.",
      private: "Reached the threshold: 1 of 1 vote that took a side is in support.",
      community: "Reached the threshold: 1 of 1 vote that took a side is in support.",
      academia:
        "No votes from this sector. The quorum is met without it, and a sector that does not vote counts neither for nor against, so this does not change the outcome.",
    });
    expect(words(tally, "id").academia).toBe(
      "Tidak ada suara dari sektor ini. Kuorum tercapai tanpa sektor ini, dan sektor yang tidak memberi suara tidak dihitung mendukung maupun menolak, sehingga hal ini tidak mengubah hasil.",
    );
    expect(sectorsWithoutMembers(tally)).toEqual(["media"]);
    expect(sectorsThatDidNotVote(tally)).toEqual({ sectors: ["academia"], mattered: false });
  });

  it("says a sector that did not vote kept the quorum from being met, and which sector's shortfall decided", () => {
    const fewVoters = redactTally(tallyMotion(supportFrom("g1", "p1"), defaultDecisionRule, room));
    expect(fewVoters.reasonCode).toBe("quorumVoters");
    expect(words(fewVoters, "en").community).toBe(
      "No votes from this sector, and that matters: too few members voted to reach the quorum, and this sector's votes are among those missing.",
    );
    expect(sectorsThatDidNotVote(fewVoters)).toEqual({ sectors: ["community", "academia"], mattered: true });

    const twoVoters = { ...defaultDecisionRule, quorum: { minVoters: 2, minSectors: 3 } };
    const fewSectors = redactTally(tallyMotion(supportFrom("g1", "p1"), twoVoters, room));
    expect(fewSectors.reasonCode).toBe("quorumSectors");
    expect(words(fewSectors, "en").community).toBe(
      "No votes from this sector, and that matters: too few sectors voted to reach the quorum, so without this sector the motion cannot be decided.",
    );
    expect(words(fewSectors, "id").academia).toBe(
      "Tidak ada suara dari sektor ini, dan itu berpengaruh: jumlah sektor yang memberi suara belum mencapai kuorum, sehingga tanpa sektor ini mosi tidak dapat diputuskan.",
    );

    const below = redactTally(
      tallyMotion(
        [...supportFrom("g1", "p1", "a1"), { ...room[2]!, position: "object", reason: "Bentrok" }],
        defaultDecisionRule,
        room,
      ),
    );
    expect(below.reasonCode).toBe("sectorBelowThreshold");
    expect(words(below, "en").community).toBe(
      "Below the threshold: 0 of 1 vote that took a side are in support. Under sector consensus this alone keeps the motion from being adopted.",
    );
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
  const draft = draftOfRule(defaultDecisionRule, (value) => formatNumber(value, "id"));

  it("keeps the threshold across consensus types and drops it where it does not apply", () => {
    const three4 = withThreshold(draft, { numerator: "3", denominator: "4" });
    expect(three4.consensus).toEqual({ type: "sectorConsensus", threshold: { numerator: "3", denominator: "4" } });
    const supermajority = withConsensusType(three4, "supermajority");
    expect(supermajority.consensus).toEqual({
      type: "supermajority",
      threshold: { numerator: "3", denominator: "4" },
      blockIsVeto: true,
    });
    expect(withConsensusType(supermajority, "consent").consensus).toEqual({ type: "consent" });
    expect(withThreshold(withConsensusType(supermajority, "consent"), { numerator: "1", denominator: "2" })).toEqual(
      withConsensusType(supermajority, "consent"),
    );
    expect(withConsensusType(withConsensusType(draft, "consent"), "sectorConsensus").consensus).toEqual({
      type: "sectorConsensus",
      threshold: { numerator: "2", denominator: "3" },
    });
  });

  it("reads back the rule it shows, its numbers in the UI's language, a refused one marking its own field", () => {
    const shown = withThreshold(draft, { numerator: "999.999", denominator: "1.000.000" });
    const reading = readFields({ rule: shown }, "id");
    expect(ruleOfDraft(shown, "rule", reading.read)).toEqual({
      ...defaultDecisionRule,
      consensus: { type: "sectorConsensus", threshold: { numerator: 999_999, denominator: 1_000_000 } },
    });
    expect(reading.refusals).toEqual([]);

    const typo = { ...draft, quorum: { minVoters: "3,5.0", minSectors: "" } };
    const refused = readFields({ decisionRule: typo }, "en");
    const rule = ruleOfDraft(typo, "decisionRule", refused.read) as { quorum: { minVoters: number } };
    expect(rule.quorum).toEqual({ minVoters: Number.NaN, minSectors: undefined });
    expect(refused.refusals).toMatchObject([
      { path: "decisionRule.quorum.minVoters", code: "custom", rule: "numberSeparators" },
    ]);
  });
});

// The decision rules, rule by rule: quorum, each consensus rule, sector weighting, blocks, stand-asides,
// organisation balance, eligibility and the secret-ballot view. Values are asserted exactly.
import { describe, expect, it } from "vitest";
import type { Ballot, DecisionRule, Position, Tally } from "../schemas/motion.ts";
import { decisionRuleSchema, defaultDecisionRule, publicTallySchema, tallySchema } from "../schemas/motion.ts";
import type { Sector } from "../schemas/user.ts";
import { redactTally, TallyInputError, tallyMotion } from "./tally.ts";

/** A ballot from a member of their own one-person organisation, with a reason where one is required. */
function ballot(memberId: string, sector: Sector, position: Position, organisation = `org of ${memberId}`): Ballot {
  const needsReason = position === "supportWithReservations" || position === "object" || position === "block";
  return needsReason
    ? { memberId, sector, organisation, position, reason: `reason of ${memberId}` }
    : { memberId, sector, organisation, position };
}

/** n ballots of one position from one sector, ids prefixed so they stay unique across calls. */
function many(prefix: string, sector: Sector, position: Position, n: number, organisation?: string): Ballot[] {
  return Array.from({ length: n }, (_, i) => ballot(`${prefix}-${i + 1}`, sector, position, organisation));
}

function rule(input: unknown): DecisionRule {
  return decisionRuleSchema.parse(input);
}

const consent = rule({ consensus: { type: "consent" } });
const unanimity = rule({ consensus: { type: "unanimity" } });
const supermajority = (extra: Record<string, unknown> = {}, top: Record<string, unknown> = {}) =>
  rule({ consensus: { type: "supermajority", ...extra }, ...top });

const zero = { support: 0, supportWithReservations: 0, standAside: 0, object: 0, block: 0 };
/** A sector no one voted in, without an eligible list; whether that mattered depends on the quorum. */
const emptySector = (explanation: "didNotVoteNotRequired" | "didNotVoteQuorumMissed") => ({
  voters: 0,
  counts: zero,
  voices: zero,
  supportShare: null,
  meetsThreshold: null,
  eligible: null,
  explanation,
  direct: zero,
  delegated: zero,
});

const outcomeOf = (t: Tally) => [t.outcome, t.reasonCode];

describe("quorum", () => {
  const threeSectors = [
    ballot("g1", "government", "support"),
    ballot("p1", "private", "support"),
    ballot("c1", "community", "support"),
  ];

  it("is met at exactly the minimum voters and sectors", () => {
    const tally = tallyMotion(threeSectors, consent);
    expect(outcomeOf(tally)).toEqual(["adopted", "consent"]);
    expect(tally.quorumMet).toBe(true);
    expect(tally.votersCount).toBe(3);
    expect(tally.sectorsRepresented).toEqual(["government", "private", "community"]);
  });

  it("fails one voter below the minimum", () => {
    const tally = tallyMotion(threeSectors.slice(0, 2), rule({ quorum: { minVoters: 3, minSectors: 2 } }));
    expect(outcomeOf(tally)).toEqual(["noQuorum", "quorumVoters"]);
    expect(tally.quorumMet).toBe(false);
    expect(tally.votersCount).toBe(2);
  });

  it("fails one sector below the minimum, however many voters", () => {
    const ballots = [...many("g", "government", "support", 10), ballot("p1", "private", "support")];
    const tally = tallyMotion(ballots, consent);
    expect(outcomeOf(tally)).toEqual(["noQuorum", "quorumSectors"]);
    expect(tally.sectorsRepresented).toEqual(["government", "private"]);
  });

  it("reports too few voters before too few sectors", () => {
    expect(outcomeOf(tallyMotion([ballot("g1", "government", "support")], consent))).toEqual([
      "noQuorum",
      "quorumVoters",
    ]);
  });

  it("counts sectors among voters, stand-asides included", () => {
    const ballots = [
      ballot("g1", "government", "support"),
      ballot("p1", "private", "support"),
      ballot("c1", "community", "standAside"),
    ];
    const tally = tallyMotion(ballots, defaultDecisionRule);
    expect(tally.sectorsRepresented).toEqual(["government", "private", "community"]);
    expect(outcomeOf(tally)).toEqual(["adopted", "sectorConsensus"]);
  });

  it("comes before a block", () => {
    const ballots = [ballot("g1", "government", "block"), ballot("p1", "private", "support")];
    expect(outcomeOf(tallyMotion(ballots, consent))).toEqual(["noQuorum", "quorumVoters"]);
  });

  it("can require all five sectors", () => {
    const five = rule({ quorum: { minVoters: 5, minSectors: 5 }, consensus: { type: "consent" } });
    const four = [
      ballot("g1", "government", "support"),
      ballot("p1", "private", "support"),
      ballot("c1", "community", "support"),
      ballot("a1", "academia", "support"),
      ballot("a2", "academia", "support"),
    ];
    expect(outcomeOf(tallyMotion(four, five))).toEqual(["noQuorum", "quorumSectors"]);
    expect(outcomeOf(tallyMotion([...four.slice(0, 4), ballot("m1", "media", "support")], five))).toEqual([
      "adopted",
      "consent",
    ]);
  });

  it("of an empty ballot box is not met, and the tally is all zeros", () => {
    expect(tallyMotion([], defaultDecisionRule)).toEqual({
      outcome: "noQuorum",
      reasonCode: "quorumVoters",
      quorumMet: false,
      votersCount: 0,
      sectorsRepresented: [],
      totals: zero,
      voiceTotals: zero,
      organisationsCounted: null,
      weightedSupportShare: null,
      perSector: {
        government: emptySector("didNotVoteQuorumMissed"),
        private: emptySector("didNotVoteQuorumMissed"),
        community: emptySector("didNotVoteQuorumMissed"),
        academia: emptySector("didNotVoteQuorumMissed"),
        media: emptySector("didNotVoteQuorumMissed"),
      },
      eligibleCount: null,
      ballots: [],
      organisationVoices: null,
    } satisfies Tally);
  });
});

describe("unanimity", () => {
  it("adopts when everyone supports, with reservations or standing aside", () => {
    const ballots = [
      ballot("g1", "government", "support"),
      ballot("p1", "private", "supportWithReservations"),
      ballot("c1", "community", "standAside"),
      ballot("c2", "community", "support"),
    ];
    expect(outcomeOf(tallyMotion(ballots, unanimity))).toEqual(["adopted", "unanimous"]);
  });

  it("fails on a single objection among 99 supporters", () => {
    const ballots = [
      ...many("g", "government", "support", 33),
      ...many("p", "private", "support", 33),
      ...many("c", "community", "support", 33),
      ballot("c-objector", "community", "object"),
    ];
    expect(outcomeOf(tallyMotion(ballots, unanimity))).toEqual(["notAdopted", "objection"]);
  });

  it("is blocked by a single block", () => {
    const ballots = [
      ballot("g1", "government", "support"),
      ballot("p1", "private", "support"),
      ballot("c1", "community", "block"),
    ];
    expect(outcomeOf(tallyMotion(ballots, unanimity))).toEqual(["blocked", "blocked"]);
  });

  it("needs at least one supporter: everyone standing aside is not unanimity", () => {
    const ballots = [
      ballot("g1", "government", "standAside"),
      ballot("p1", "private", "standAside"),
      ballot("c1", "community", "standAside"),
    ];
    expect(outcomeOf(tallyMotion(ballots, unanimity))).toEqual(["notAdopted", "allStoodAside"]);
  });
});

describe("consent", () => {
  const base = [ballot("g1", "government", "support"), ballot("p1", "private", "standAside")];

  it("adopts when no one objects or blocks", () => {
    const ballots = [...base, ballot("c1", "community", "supportWithReservations")];
    expect(outcomeOf(tallyMotion(ballots, consent))).toEqual(["adopted", "consent"]);
  });

  it("adopts when everyone stands aside: no one withheld consent", () => {
    const ballots = [
      ballot("g1", "government", "standAside"),
      ballot("p1", "private", "standAside"),
      ballot("c1", "community", "standAside"),
    ];
    expect(outcomeOf(tallyMotion(ballots, consent))).toEqual(["adopted", "consent"]);
  });

  it("is not given over an objection", () => {
    expect(outcomeOf(tallyMotion([...base, ballot("c1", "community", "object")], consent))).toEqual([
      "notAdopted",
      "objection",
    ]);
  });

  it("is blocked by a block, which outranks an objection", () => {
    const ballots = [...base, ballot("c1", "community", "object"), ballot("c2", "community", "block")];
    expect(outcomeOf(tallyMotion(ballots, consent))).toEqual(["blocked", "blocked"]);
  });
});

describe("sector consensus (the default rule)", () => {
  const twoOfThree = (prefix: string, sector: Sector) => [
    ballot(`${prefix}1`, sector, "support"),
    ballot(`${prefix}2`, sector, "supportWithReservations"),
    ballot(`${prefix}3`, sector, "object"),
  ];

  it("adopts when every sector reaches exactly 2/3", () => {
    const ballots = [...twoOfThree("g", "government"), ...twoOfThree("p", "private"), ...twoOfThree("c", "community")];
    const tally = tallyMotion(ballots, defaultDecisionRule);
    expect(outcomeOf(tally)).toEqual(["adopted", "sectorConsensus"]);
    expect(tally.perSector.government).toEqual({
      voters: 3,
      counts: { support: 1, supportWithReservations: 1, standAside: 0, object: 1, block: 0 },
      voices: { support: 1, supportWithReservations: 1, standAside: 0, object: 1, block: 0 },
      supportShare: 2 / 3,
      meetsThreshold: true,
      eligible: null,
      explanation: "reached",
      direct: { support: 1, supportWithReservations: 1, standAside: 0, object: 1, block: 0 },
      delegated: zero,
    });
    expect(tally.perSector.academia).toEqual(emptySector("didNotVoteNotRequired"));
    expect(tally.weightedSupportShare).toBe(2 / 3);
  });

  it("fails when one sector falls below the threshold, and says which", () => {
    const ballots = [
      ...twoOfThree("g", "government"),
      ...twoOfThree("p", "private"),
      ballot("c1", "community", "support"),
      ballot("c2", "community", "object"),
    ];
    const tally = tallyMotion(ballots, defaultDecisionRule);
    expect(outcomeOf(tally)).toEqual(["notAdopted", "sectorBelowThreshold"]);
    expect(tally.perSector.community.supportShare).toBe(0.5);
    expect(tally.perSector.community.meetsThreshold).toBe(false);
    expect(tally.perSector.government.meetsThreshold).toBe(true);
  });

  it("leaves stand-asides out of a sector's share", () => {
    const ballots = [
      ballot("g1", "government", "support"),
      ballot("g2", "government", "support"),
      ballot("g3", "government", "standAside"),
      ballot("g4", "government", "object"),
      ballot("p1", "private", "support"),
      ballot("c1", "community", "support"),
    ];
    const tally = tallyMotion(ballots, defaultDecisionRule);
    expect(tally.perSector.government.supportShare).toBe(2 / 3);
    expect(outcomeOf(tally)).toEqual(["adopted", "sectorConsensus"]);
  });

  it("does not check a sector whose voters all stood aside", () => {
    const ballots = [
      ballot("g1", "government", "support"),
      ballot("p1", "private", "support"),
      ballot("c1", "community", "standAside"),
      ballot("c2", "community", "standAside"),
    ];
    const tally = tallyMotion(ballots, defaultDecisionRule);
    expect(tally.perSector.community.supportShare).toBeNull();
    expect(tally.perSector.community.meetsThreshold).toBeNull();
    expect(outcomeOf(tally)).toEqual(["adopted", "sectorConsensus"]);
  });

  it("does not adopt when everyone stood aside", () => {
    const ballots = [
      ballot("g1", "government", "standAside"),
      ballot("p1", "private", "standAside"),
      ballot("c1", "community", "standAside"),
    ];
    expect(outcomeOf(tallyMotion(ballots, defaultDecisionRule))).toEqual(["notAdopted", "allStoodAside"]);
  });

  it("is blocked by one block even where every sector is above the threshold", () => {
    const ballots = [
      ...many("g", "government", "support", 5),
      ballot("g-block", "government", "block"),
      ballot("p1", "private", "support"),
      ballot("c1", "community", "support"),
    ];
    expect(outcomeOf(tallyMotion(ballots, defaultDecisionRule))).toEqual(["blocked", "blocked"]);
  });

  it("lets no sector be outvoted: ten supporters in government do not carry a private sector that objects", () => {
    const ballots = [
      ...many("g", "government", "support", 10),
      ballot("p1", "private", "object"),
      ballot("c1", "community", "support"),
    ];
    const tally = tallyMotion(ballots, defaultDecisionRule);
    expect(outcomeOf(tally)).toEqual(["notAdopted", "sectorBelowThreshold"]);
    expect(tally.weightedSupportShare).toBe(2 / 3);
    // Weighting changes only the reported overall share, not whether each sector passed.
    const byMember = tallyMotion(ballots, rule({ sectorWeighting: "byMember" }));
    expect(outcomeOf(byMember)).toEqual(["notAdopted", "sectorBelowThreshold"]);
    expect(byMember.weightedSupportShare).toBe(11 / 12);
  });

  it("compares with the threshold exactly: 7 of 10 reaches 7/10, 1 of 10 reaches 1/10, 6 of 10 does not reach 7/10", () => {
    const sectorOf = (prefix: string, sector: Sector, yes: number) => [
      ...many(`${prefix}y`, sector, "support", yes),
      ...many(`${prefix}n`, sector, "object", 10 - yes),
    ];
    const seventy = rule({ consensus: { type: "sectorConsensus", threshold: { numerator: 7, denominator: 10 } } });
    const tenth = rule({ consensus: { type: "sectorConsensus", threshold: { numerator: 1, denominator: 10 } } });
    const allAt = (yes: number) => [
      ...sectorOf("g", "government", yes),
      ...sectorOf("p", "private", yes),
      ...sectorOf("c", "community", yes),
    ];
    expect(outcomeOf(tallyMotion(allAt(7), seventy))).toEqual(["adopted", "sectorConsensus"]);
    expect(outcomeOf(tallyMotion(allAt(1), tenth))).toEqual(["adopted", "sectorConsensus"]);
    expect(outcomeOf(tallyMotion(allAt(6), seventy))).toEqual(["notAdopted", "sectorBelowThreshold"]);
  });

  it("with threshold 1 needs every sided voice in every sector", () => {
    const all = rule({ consensus: { type: "sectorConsensus", threshold: { numerator: 1, denominator: 1 } } });
    const ballots = [
      ballot("g1", "government", "support"),
      ballot("p1", "private", "supportWithReservations"),
      ballot("c1", "community", "support"),
      ballot("c2", "community", "standAside"),
    ];
    expect(outcomeOf(tallyMotion(ballots, all))).toEqual(["adopted", "sectorConsensus"]);
    expect(outcomeOf(tallyMotion([...ballots, ballot("c3", "community", "object")], all))).toEqual([
      "notAdopted",
      "sectorBelowThreshold",
    ]);
  });
});

describe("supermajority", () => {
  it("adopts at exactly 2 of 3 votes", () => {
    const ballots = [
      ballot("g1", "government", "support"),
      ballot("p1", "private", "support"),
      ballot("c1", "community", "object"),
    ];
    const tally = tallyMotion(ballots, supermajority({}, { sectorWeighting: "byMember" }));
    expect(outcomeOf(tally)).toEqual(["adopted", "supermajority"]);
    expect(tally.weightedSupportShare).toBe(2 / 3);
  });

  it("under equal weighting, ten members of one sector cannot outvote two one-member sectors", () => {
    const ballots = [
      ...many("g", "government", "support", 10),
      ballot("p1", "private", "object"),
      ballot("c1", "community", "object"),
    ];
    const equal = tallyMotion(ballots, supermajority());
    expect(outcomeOf(equal)).toEqual(["notAdopted", "thresholdNotMet"]);
    expect(equal.weightedSupportShare).toBe(1 / 3);
    const byMember = tallyMotion(ballots, supermajority({}, { sectorWeighting: "byMember" }));
    expect(outcomeOf(byMember)).toEqual(["adopted", "supermajority"]);
    expect(byMember.weightedSupportShare).toBe(10 / 12);
  });

  it("under equal weighting, two one-member sectors carry a motion ten members of another oppose", () => {
    const ballots = [
      ...many("g", "government", "object", 10),
      ballot("p1", "private", "support"),
      ballot("c1", "community", "support"),
    ];
    const equal = tallyMotion(ballots, supermajority());
    expect(outcomeOf(equal)).toEqual(["adopted", "supermajority"]);
    expect(equal.weightedSupportShare).toBe(2 / 3);
    expect(outcomeOf(tallyMotion(ballots, supermajority({}, { sectorWeighting: "byMember" })))).toEqual([
      "notAdopted",
      "thresholdNotMet",
    ]);
  });

  it("averages sector shares exactly where floating point would fall short", () => {
    // (1/2 + 2/3 + 1/3) / 3 is exactly 1/2; summed in doubles it is 0.49999999999999994.
    const ballots = [
      ballot("g1", "government", "support"),
      ballot("g2", "government", "object"),
      ...many("p-yes", "private", "support", 2),
      ballot("p-no", "private", "object"),
      ballot("c-yes", "community", "support"),
      ...many("c-no", "community", "object", 2),
    ];
    const half = { threshold: { numerator: 1, denominator: 2 } };
    const tally = tallyMotion(ballots, supermajority(half));
    expect(outcomeOf(tally)).toEqual(["adopted", "supermajority"]);
    expect(tally.weightedSupportShare).toBe(0.5);
    // By member it is 4 of 8, also exactly 1/2.
    const byMember = tallyMotion(ballots, supermajority(half, { sectorWeighting: "byMember" }));
    expect(outcomeOf(byMember)).toEqual(["adopted", "supermajority"]);
    expect(byMember.weightedSupportShare).toBe(0.5);
  });

  it("treats a block as a veto by default", () => {
    const ballots = [
      ...many("g", "government", "support", 10),
      ballot("p1", "private", "support"),
      ballot("c1", "community", "block"),
    ];
    expect(outcomeOf(tallyMotion(ballots, supermajority()))).toEqual(["blocked", "blocked"]);
  });

  it("without the veto counts a block as a vote against", () => {
    const noVeto = (top: Record<string, unknown> = {}) => supermajority({ blockIsVeto: false }, top);
    const carried = [
      ...many("g", "government", "support", 10),
      ballot("p1", "private", "support"),
      ballot("c1", "community", "block"),
    ];
    const tally = tallyMotion(carried, noVeto({ sectorWeighting: "byMember" }));
    expect(outcomeOf(tally)).toEqual(["adopted", "supermajority"]);
    expect(tally.weightedSupportShare).toBe(11 / 12);
    const lost = [
      ballot("g1", "government", "support"),
      ballot("p1", "private", "block"),
      ballot("c1", "community", "block"),
    ];
    expect(outcomeOf(tallyMotion(lost, noVeto()))).toEqual(["notAdopted", "thresholdNotMet"]);
  });

  it("leaves stand-asides out of the share", () => {
    const ballots = [
      ballot("g1", "government", "support"),
      ballot("p1", "private", "support"),
      ballot("c1", "community", "object"),
      ...many("c-aside", "community", "standAside", 5),
    ];
    const tally = tallyMotion(ballots, supermajority({}, { sectorWeighting: "byMember" }));
    expect(tally.weightedSupportShare).toBe(2 / 3);
    expect(outcomeOf(tally)).toEqual(["adopted", "supermajority"]);
  });

  it("under equal weighting leaves a sector that wholly stood aside out of the mean", () => {
    const ballots = [
      ballot("g1", "government", "support"),
      ballot("p1", "private", "support"),
      ballot("c1", "community", "standAside"),
    ];
    const tally = tallyMotion(ballots, supermajority({ threshold: { numerator: 1, denominator: 1 } }));
    expect(tally.weightedSupportShare).toBe(1);
    expect(outcomeOf(tally)).toEqual(["adopted", "supermajority"]);
  });

  it("does not adopt when everyone stood aside", () => {
    const ballots = [
      ballot("g1", "government", "standAside"),
      ballot("p1", "private", "standAside"),
      ballot("c1", "community", "standAside"),
    ];
    const tally = tallyMotion(ballots, supermajority());
    expect(outcomeOf(tally)).toEqual(["notAdopted", "allStoodAside"]);
    expect(tally.weightedSupportShare).toBeNull();
  });
});

describe("organisation balance", () => {
  const balanced = (consensus: Record<string, unknown>, top: Record<string, unknown> = {}) =>
    rule({ consensus, organisationBalance: true, ...top });

  it("counts an organisation that sends five members as one voice", () => {
    const ballots = [
      ...many("g", "government", "support", 5, "Dinas Pekerjaan Umum"),
      ballot("p1", "private", "object", "PT Air Bersih"),
      ballot("c1", "community", "object", "Forum Warga"),
    ];
    const byMember = { type: "supermajority" };
    expect(outcomeOf(tallyMotion(ballots, rule({ consensus: byMember, sectorWeighting: "byMember" })))).toEqual([
      "adopted",
      "supermajority",
    ]);
    const tally = tallyMotion(ballots, balanced(byMember, { sectorWeighting: "byMember" }));
    expect(outcomeOf(tally)).toEqual(["notAdopted", "thresholdNotMet"]);
    expect(tally.organisationsCounted).toBe(3);
    expect(tally.totals).toEqual({ support: 5, supportWithReservations: 0, standAside: 0, object: 2, block: 0 });
    expect(tally.voiceTotals).toEqual({ support: 1, supportWithReservations: 0, standAside: 0, object: 2, block: 0 });
    expect(tally.perSector.government.voters).toBe(5);
    expect(tally.perSector.government.voices.support).toBe(1);
    expect(tally.weightedSupportShare).toBe(1 / 3);
    expect(tally.organisationVoices).toEqual([
      { sector: "government", organisation: "dinas pekerjaan umum", voters: 5, position: "support" },
      { sector: "private", organisation: "pt air bersih", voters: 1, position: "object" },
      { sector: "community", organisation: "forum warga", voters: 1, position: "object" },
    ]);
  });

  it("identifies an organisation by sector and its trimmed, case-folded name", () => {
    const ballots = [
      ballot("g1", "government", "support", "Dinas Kesehatan"),
      ballot("g2", "government", "support", "  DINAS   kesehatan "),
      ballot("p1", "private", "support", "Dinas Kesehatan"),
      ballot("c1", "community", "support", "Forum Warga"),
    ];
    const tally = tallyMotion(ballots, balanced({ type: "consent" }));
    expect(tally.organisationsCounted).toBe(3);
    expect(tally.organisationVoices?.map((o) => [o.sector, o.organisation, o.voters])).toEqual([
      ["government", "dinas kesehatan", 2],
      ["private", "dinas kesehatan", 1],
      ["community", "forum warga", 1],
    ]);
  });

  it("takes an organisation's most common position: one member's block is outweighed by two supporters", () => {
    const ballots = [
      ballot("g1", "government", "support", "Bappeda"),
      ballot("g2", "government", "support", "Bappeda"),
      ballot("g3", "government", "block", "Bappeda"),
      ballot("p1", "private", "support", "PT Air Bersih"),
      ballot("c1", "community", "support", "Forum Warga"),
    ];
    expect(outcomeOf(tallyMotion(ballots, consent))).toEqual(["blocked", "blocked"]);
    const tally = tallyMotion(ballots, balanced({ type: "consent" }));
    expect(outcomeOf(tally)).toEqual(["adopted", "consent"]);
    expect(tally.totals.block).toBe(1);
    expect(tally.voiceTotals.block).toBe(0);
  });

  it("breaks a tie toward the more cautious position: an evenly split organisation blocks", () => {
    const ballots = [
      ballot("g1", "government", "support", "Bappeda"),
      ballot("g2", "government", "block", "Bappeda"),
      ballot("p1", "private", "support", "PT Air Bersih"),
      ballot("c1", "community", "support", "Forum Warga"),
    ];
    const tally = tallyMotion(ballots, balanced({ type: "consent" }));
    expect(outcomeOf(tally)).toEqual(["blocked", "blocked"]);
    expect(tally.organisationVoices?.[0]).toEqual({
      sector: "government",
      organisation: "bappeda",
      voters: 2,
      position: "block",
    });
  });

  it("still counts members, not organisations, for quorum", () => {
    const ballots = many("g", "government", "support", 3, "Bappeda");
    const tally = tallyMotion(ballots, balanced({ type: "consent" }, { quorum: { minVoters: 3, minSectors: 1 } }));
    expect(outcomeOf(tally)).toEqual(["adopted", "consent"]);
    expect(tally.votersCount).toBe(3);
    expect(tally.organisationsCounted).toBe(1);
  });

  it("can turn an adopted motion down when a supporter's colleague stands aside (stand-asides are not monotone here)", () => {
    const ballots = [
      ballot("g1", "government", "support", "Bappeda"),
      ballot("p1", "private", "standAside", "PT Air Bersih"),
      ballot("c1", "community", "standAside", "Forum Warga"),
    ];
    const balancedUnanimity = balanced({ type: "unanimity" });
    expect(outcomeOf(tallyMotion(ballots, balancedUnanimity))).toEqual(["adopted", "unanimous"]);
    const withColleague = [...ballots, ballot("g2", "government", "standAside", "Bappeda")];
    expect(outcomeOf(tallyMotion(withColleague, balancedUnanimity))).toEqual(["notAdopted", "allStoodAside"]);
    // Without organisation balance a stand-aside changes nothing but turnout.
    expect(outcomeOf(tallyMotion(withColleague, unanimity))).toEqual(["adopted", "unanimous"]);
  });

  it("is reported as null when off", () => {
    const tally = tallyMotion([ballot("g1", "government", "support")], consent);
    expect(tally.organisationsCounted).toBeNull();
    expect(tally.organisationVoices).toBeNull();
  });
});

describe("one member, one vote", () => {
  it("refuses a second ballot from the same member with a typed error that names no one", () => {
    const ballots = [
      ballot("member-7", "government", "support"),
      ballot("member-8", "private", "support"),
      ballot("member-7", "government", "block"),
    ];
    let caught: unknown;
    try {
      tallyMotion(ballots, defaultDecisionRule);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TallyInputError);
    const error = caught as TallyInputError;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.problem).toBe("duplicateBallot");
    expect(error.details).toEqual([{ path: "ballots.2.memberId", message: "same member as ballots.0" }]);
    expect(error.message).not.toContain("member-7");
  });

  it("does not change or depend on the input array", () => {
    const ballots = Object.freeze([
      Object.freeze(ballot("b", "private", "support")),
      Object.freeze(ballot("a", "government", "support")),
      Object.freeze(ballot("c", "community", "supportWithReservations")),
    ]);
    const tally = tallyMotion(ballots, defaultDecisionRule);
    expect(tally.ballots.map((b) => b.memberId)).toEqual(["a", "b", "c"]);
    expect(ballots.map((b) => b.memberId)).toEqual(["b", "a", "c"]);
    expect(tallyMotion(ballots, defaultDecisionRule)).toEqual(tally);
  });
});

describe("eligible members", () => {
  const eligible = [
    { memberId: "g1", sector: "government", organisation: "Bappeda" },
    { memberId: "g2", sector: "government", organisation: "Bappeda" },
    { memberId: "p1", sector: "private", organisation: "PT Air Bersih" },
    { memberId: "c1", sector: "community", organisation: "Forum Warga" },
    { memberId: "m1", sector: "media", organisation: "Radio Kota" },
  ] as const satisfies readonly { memberId: string; sector: Sector; organisation: string }[];
  const ballots = [
    ballot("g1", "government", "support", "bappeda "),
    ballot("p1", "private", "support", "PT Air Bersih"),
    ballot("c1", "community", "support", "Forum Warga"),
  ];

  it("reports turnout per sector without changing the outcome", () => {
    const tally = tallyMotion(ballots, defaultDecisionRule, [...eligible]);
    expect(outcomeOf(tally)).toEqual(["adopted", "sectorConsensus"]);
    expect(tally.eligibleCount).toBe(5);
    expect(sectorsField(tally, "eligible")).toEqual([2, 1, 1, 0, 1]);
    expect(sectorsField(tally, "voters")).toEqual([1, 1, 1, 0, 0]);
  });

  it("refuses a ballot from someone not eligible", () => {
    const stranger = [...ballots, ballot("x9", "academia", "support")];
    expect(() => tallyMotion(stranger, defaultDecisionRule, [...eligible])).toThrow(
      expect.objectContaining({
        problem: "ineligibleVoter",
        details: [{ path: "ballots.3.memberId", message: "not among the eligible members" }],
      }),
    );
  });

  it("refuses a ballot cast in another sector or organisation than the member's", () => {
    const movedSector = [ballot("g1", "private", "support", "Bappeda")];
    expect(() => tallyMotion(movedSector, defaultDecisionRule, [...eligible])).toThrow(
      expect.objectContaining({
        problem: "ballotMismatchesEligible",
        details: [expect.objectContaining({ path: "ballots.0.sector" })],
      }),
    );
    const movedOrganisation = [ballot("g1", "government", "support", "Dinas Kesehatan")];
    expect(() => tallyMotion(movedOrganisation, defaultDecisionRule, [...eligible])).toThrow(
      expect.objectContaining({
        problem: "ballotMismatchesEligible",
        details: [expect.objectContaining({ path: "ballots.0.organisation" })],
      }),
    );
  });

  it("refuses an eligible list that names a member twice", () => {
    expect(() => tallyMotion(ballots, defaultDecisionRule, [...eligible, eligible[0]])).toThrow(
      expect.objectContaining({
        problem: "duplicateEligibleMember",
        details: [{ path: "eligible.5.memberId", message: "listed twice" }],
      }),
    );
  });
});

function sectorsField(tally: Tally, field: "eligible" | "voters") {
  return (["government", "private", "community", "academia", "media"] as const).map((s) => tally.perSector[s][field]);
}

describe("secret ballots", () => {
  const ballots = [
    ballot("65f0a1b2c3d4e5f6a7b8c9d0", "government", "support", "Bappeda Kota"),
    ballot("65f0a1b2c3d4e5f6a7b8c9d1", "government", "supportWithReservations", "Bappeda Kota"),
    ballot("65f0a1b2c3d4e5f6a7b8c9d2", "private", "object", "PT Air Bersih"),
    ballot("65f0a1b2c3d4e5f6a7b8c9d3", "community", "standAside", "Forum Warga RW 05"),
    ballot("65f0a1b2c3d4e5f6a7b8c9d4", "community", "support", "Forum Warga RW 05"),
  ];

  it("shows counts and the outcome but not who chose what", () => {
    const full = tallyMotion(ballots, rule({ organisationBalance: true }));
    const publicView = redactTally(full);
    const json = JSON.stringify(publicView);
    for (const b of ballots) {
      expect(json).not.toContain(b.memberId);
      expect(json).not.toContain(b.reason ?? "no reason given");
    }
    expect(json.toLowerCase()).not.toContain("bappeda");
    expect(json.toLowerCase()).not.toContain("warga");
    expect(json.toLowerCase()).not.toContain("air bersih");
    expect(publicTallySchema.parse(publicView)).toEqual(publicView);
    expect(Object.keys(publicView).sort()).toEqual(Object.keys(publicTallySchema.shape).sort());
    const { ballots: _ballots, organisationVoices: _voices, ...rest } = full;
    expect(publicView).toEqual(rest);
  });

  it("keeps everything in the full tally, which the schema accepts", () => {
    const full = tallyMotion(ballots, defaultDecisionRule);
    expect(tallySchema.parse(full)).toEqual(full);
    expect(full.ballots.map((b) => [b.memberId, b.position])).toEqual([
      ["65f0a1b2c3d4e5f6a7b8c9d0", "support"],
      ["65f0a1b2c3d4e5f6a7b8c9d1", "supportWithReservations"],
      ["65f0a1b2c3d4e5f6a7b8c9d2", "object"],
      ["65f0a1b2c3d4e5f6a7b8c9d3", "standAside"],
      ["65f0a1b2c3d4e5f6a7b8c9d4", "support"],
    ]);
    expect(full.ballots[2]?.reason).toBe("reason of 65f0a1b2c3d4e5f6a7b8c9d2");
  });

  it("shares no object with the full tally, so editing one cannot leak into the other", () => {
    const full = tallyMotion(ballots, defaultDecisionRule);
    const publicView = redactTally(full);
    publicView.perSector.government.counts.support = 99;
    publicView.sectorsRepresented.push("media");
    expect(full.perSector.government.counts.support).toBe(1);
    expect(full.sectorsRepresented).toEqual(["government", "private", "community"]);
  });
});

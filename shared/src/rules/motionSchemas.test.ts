// The motion schemas at the boundary: a ballot's reason rule, and which decision rules are refused.
// (Kept beside the rules that read them; the schemas live in shared/src/schemas/motion.ts.)
import { describe, expect, it } from "vitest";
import {
  ballotSchema,
  decisionRuleSchema,
  defaultDecisionRule,
  reasonOutcome,
  tallyOutcomes,
  tallyReasonCodes,
  voteInputSchema,
} from "../schemas/motion.ts";

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("decisionRuleSchema", () => {
  it("fills every default: an empty rule is the default rule", () => {
    expect(decisionRuleSchema.parse({})).toEqual(defaultDecisionRule);
    expect(defaultDecisionRule).toEqual({
      quorum: { minVoters: 3, minSectors: 3 },
      consensus: { type: "sectorConsensus", threshold: { numerator: 2, denominator: 3 } },
      sectorWeighting: "equal",
      organisationBalance: false,
    });
  });

  it("defaults a supermajority to 2/3 with blocks as veto", () => {
    expect(decisionRuleSchema.parse({ consensus: { type: "supermajority" } }).consensus).toEqual({
      type: "supermajority",
      threshold: { numerator: 2, denominator: 3 },
      blockIsVeto: true,
    });
  });

  it("accepts a threshold of exactly 1 and a quorum of one voter in one sector", () => {
    const parsed = decisionRuleSchema.parse({
      quorum: { minVoters: 1, minSectors: 1 },
      consensus: { type: "supermajority", threshold: { numerator: 5, denominator: 5 }, blockIsVeto: false },
      sectorWeighting: "byMember",
      organisationBalance: true,
    });
    expect(parsed.consensus).toEqual({
      type: "supermajority",
      threshold: { numerator: 5, denominator: 5 },
      blockIsVeto: false,
    });
  });

  it.each([
    [
      "threshold 0",
      { consensus: { type: "sectorConsensus", threshold: { numerator: 0, denominator: 3 } } },
      "consensus.threshold.numerator: must be greater than 0",
    ],
    [
      "threshold above 1",
      { consensus: { type: "supermajority", threshold: { numerator: 4, denominator: 3 } } },
      "consensus.threshold.numerator: the fraction must be at most 1",
    ],
    [
      "a negative threshold",
      { consensus: { type: "supermajority", threshold: { numerator: -2, denominator: 3 } } },
      "consensus.threshold.numerator: must be greater than 0",
    ],
    [
      "a zero denominator",
      { consensus: { type: "supermajority", threshold: { numerator: 1, denominator: 0 } } },
      "consensus.threshold.denominator: must be at least 1",
    ],
    ["a negative minimum of voters", { quorum: { minVoters: -1 } }, "quorum.minVoters: must be at least 1"],
    ["a zero minimum of voters", { quorum: { minVoters: 0 } }, "quorum.minVoters: must be at least 1"],
    ["a negative minimum of sectors", { quorum: { minSectors: -3 } }, "quorum.minSectors: must be at least 1"],
    ["more sectors than exist", { quorum: { minSectors: 6 } }, "quorum.minSectors: at most 5"],
  ])("refuses %s", (_name, input, expected) => {
    expect(issues(decisionRuleSchema.safeParse(input))).toEqual([expected]);
  });

  it.each([
    ["a fractional quorum", { quorum: { minVoters: 2.5 } }, "quorum.minVoters"],
    ["a float threshold", { consensus: { type: "supermajority", threshold: 0.66 } }, "consensus.threshold"],
    ["an unknown rule type", { consensus: { type: "majority" } }, "consensus.type"],
    ["an unknown weighting", { sectorWeighting: "byOrganisation" }, "sectorWeighting"],
    ["a misspelt field", { consensus: { type: "supermajority", blockIsVetoo: false } }, "consensus"],
    [
      "a blockIsVeto on a rule where blocks always veto",
      { consensus: { type: "consent", blockIsVeto: false } },
      "consensus",
    ],
  ])("refuses %s", (_name, input, path) => {
    const result = decisionRuleSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([path]);
  });
});

describe("ballotSchema and voteInputSchema", () => {
  const ballot = { memberId: "m1", sector: "community", organisation: "Forum Warga" };

  it.each(["supportWithReservations", "object", "block"])("require a reason for %s", (position) => {
    expect(issues(ballotSchema.safeParse({ ...ballot, position }))).toEqual([`reason: required for ${position}`]);
    expect(issues(ballotSchema.safeParse({ ...ballot, position, reason: "   " }))).toEqual([
      `reason: required for ${position}`,
    ]);
    expect(issues(voteInputSchema.safeParse({ position }))).toEqual([`reason: required for ${position}`]);
    expect(ballotSchema.parse({ ...ballot, position, reason: "  the budget is not there " }).reason).toBe(
      "the budget is not there",
    );
  });

  it.each(["support", "standAside"])("let %s go without a reason", (position) => {
    expect(ballotSchema.parse({ ...ballot, position })).toEqual({ ...ballot, position });
    expect(voteInputSchema.parse({ position })).toEqual({ position });
  });

  it("refuse an overlong reason, an unknown position and a ballot without a member", () => {
    expect(issues(voteInputSchema.safeParse({ position: "block", reason: "x".repeat(2001) }))).toEqual([
      "reason: at most 2000 characters",
    ]);
    expect(voteInputSchema.safeParse({ position: "abstain" }).success).toBe(false);
    expect(issues(ballotSchema.safeParse({ ...ballot, memberId: "", position: "support" }))).toEqual([
      "memberId: required",
    ]);
  });
});

describe("reason codes", () => {
  it("each belong to exactly one outcome, and every outcome has a reason", () => {
    expect(Object.keys(reasonOutcome).sort()).toEqual([...tallyReasonCodes].sort());
    expect(new Set(Object.values(reasonOutcome))).toEqual(new Set(tallyOutcomes));
  });
});

// The dot poll on a small hand-checked poll: totals and voters per option, dots spent, per sector, and the
// refusals (negative, fractional, over budget). Values are asserted exactly.
import { describe, expect, it } from "vitest";
import { countDotPoll, type DotBallot, dotBallotIssues, type DotPollResult } from "./dotPoll.ts";

function counted(options: readonly string[], budget: number, ballots: readonly DotBallot[]): DotPollResult {
  const result = countDotPoll(options, budget, ballots);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

const none = (ballots: number) => ({
  ballots,
  dotsSpent: 0,
  options: [
    { option: "sumur", dots: 0, voters: 0 },
    { option: "jalan", dots: 0, voters: 0 },
    { option: "sekolah", dots: 0, voters: 0 },
  ],
});

describe("countDotPoll", () => {
  it("totals dots and voters per option, overall and per sector, spent budgets or not", () => {
    // Budget 5. Hand-checked: sumur 3 + 0 + 5 = 8 from 2 voters, jalan 2 + 1 = 3 from 2, sekolah 0.
    const result = counted(["sumur", "jalan", "sekolah"], 5, [
      { sector: "community", dots: { sumur: 3, jalan: 2 } },
      { sector: "community", dots: { jalan: 1, sekolah: 0 } },
      { sector: "private", dots: { sumur: 5 } },
    ]);
    expect(result.budget).toBe(5);
    expect(result.overall).toEqual({
      ballots: 3,
      dotsSpent: 11,
      options: [
        { option: "sumur", dots: 8, voters: 2 },
        { option: "jalan", dots: 3, voters: 2 },
        { option: "sekolah", dots: 0, voters: 0 },
      ],
    });
    expect(result.perSector).toEqual({
      government: none(0),
      private: {
        ballots: 1,
        dotsSpent: 5,
        options: [
          { option: "sumur", dots: 5, voters: 1 },
          { option: "jalan", dots: 0, voters: 0 },
          { option: "sekolah", dots: 0, voters: 0 },
        ],
      },
      community: {
        ballots: 2,
        dotsSpent: 6,
        options: [
          { option: "sumur", dots: 3, voters: 1 },
          { option: "jalan", dots: 3, voters: 2 },
          { option: "sekolah", dots: 0, voters: 0 },
        ],
      },
      academia: none(0),
      media: none(0),
    });
  });

  it("accepts exactly the budget and refuses one dot more", () => {
    expect(dotBallotIssues(["a", "b"], 4, { sector: "media", dots: { a: 2, b: 2 } }, "ballot")).toEqual([]);
    expect(dotBallotIssues(["a", "b"], 4, { sector: "media", dots: { a: 2, b: 3 } }, "ballot")).toEqual([
      { path: "ballot.dots", code: "custom", rule: "tooManyDots", message: "spends 5 dots, at most 4 allowed" },
    ]);
  });

  it("refuses negative and fractional dots and unknown options, with every issue named", () => {
    const result = countDotPoll(["a", "b"], 3, [
      { sector: "academia", dots: { a: -1, b: 4 } },
      { sector: "academia", dots: { a: 0.5, c: 1 } },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      // A ballot with an invalid count is not also judged against the budget: its total means nothing.
      expect(result.error.details.map((d) => [d.path, d.rule])).toEqual([
        ["ballots.0.dots.a", "dotsNotWholeNonNegative"],
        ["ballots.1.dots.c", "unknownOption"],
        ["ballots.1.dots.a", "dotsNotWholeNonNegative"],
      ]);
    }
  });

  it("refuses a budget outside 1 to 1000 without judging the ballots", () => {
    for (const budget of [0, 1001, 1.5]) {
      const result = countDotPoll(["a"], budget, [{ sector: "media", dots: { a: -3 } }]);
      expect(result.ok ? [] : result.error.details.map((d) => [d.path, d.rule])).toEqual([
        ["budget", "invalidDotBudget"],
      ]);
    }
  });
});

// The score poll on a small hand-checked poll: sums, means, medians (odd and even), histograms, per
// sector, options left out, and the refusals. Values are asserted exactly.
import { describe, expect, it } from "vitest";
import { type ScoreBallot, countScorePoll, scoreBallotIssues, type ScorePollResult } from "./scorePoll.ts";

function counted(options: readonly string[], maxScore: number, ballots: readonly ScoreBallot[]): ScorePollResult {
  const result = countScorePoll(options, maxScore, ballots);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

const nobody = (option: string) => ({
  option,
  voters: 0,
  sum: 0,
  mean: null,
  median: null,
  histogram: [0, 0, 0, 0, 0, 0],
});

describe("countScorePoll", () => {
  // Hand-checked: taman gets 5, 3, 4, 0 (sorted 0 3 4 5: mean 12/4 = 3, median (3 + 4) / 2 = 3.5); pasar gets
  // 0, 4, 5 (the community voter left it out: mean 9/3 = 3, median 4).
  const ballots: ScoreBallot[] = [
    { sector: "government", scores: { taman: 5, pasar: 0 } },
    { sector: "government", scores: { taman: 3, pasar: 4 } },
    { sector: "community", scores: { taman: 4 } },
    { sector: "academia", scores: { taman: 0, pasar: 5 } },
  ];

  it("gives per option the voters, sum, mean, median and histogram, overall and per sector", () => {
    const result = counted(["taman", "pasar"], 5, ballots);
    expect(result.maxScore).toBe(5);
    expect(result.overall).toEqual({
      ballots: 4,
      options: [
        { option: "taman", voters: 4, sum: 12, mean: 3, median: 3.5, histogram: [1, 0, 0, 1, 1, 1] },
        { option: "pasar", voters: 3, sum: 9, mean: 3, median: 4, histogram: [1, 0, 0, 0, 1, 1] },
      ],
    });
    expect(result.perSector).toEqual({
      government: {
        ballots: 2,
        options: [
          { option: "taman", voters: 2, sum: 8, mean: 4, median: 4, histogram: [0, 0, 0, 1, 0, 1] },
          { option: "pasar", voters: 2, sum: 4, mean: 2, median: 2, histogram: [1, 0, 0, 0, 1, 0] },
        ],
      },
      private: { ballots: 0, options: [nobody("taman"), nobody("pasar")] },
      community: {
        ballots: 1,
        options: [
          { option: "taman", voters: 1, sum: 4, mean: 4, median: 4, histogram: [0, 0, 0, 0, 1, 0] },
          nobody("pasar"),
        ],
      },
      academia: {
        ballots: 1,
        options: [
          { option: "taman", voters: 1, sum: 0, mean: 0, median: 0, histogram: [1, 0, 0, 0, 0, 0] },
          { option: "pasar", voters: 1, sum: 5, mean: 5, median: 5, histogram: [0, 0, 0, 0, 0, 1] },
        ],
      },
      media: { ballots: 0, options: [nobody("taman"), nobody("pasar")] },
    });
  });

  it("keeps the exact mean in sum and voters; the mean itself is the display double", () => {
    const result = counted(["a"], 1, [
      { sector: "media", scores: { a: 0 } },
      { sector: "media", scores: { a: 0 } },
      { sector: "media", scores: { a: 1 } },
    ]);
    expect(result.overall.options[0]).toEqual({
      option: "a",
      voters: 3,
      sum: 1,
      mean: 1 / 3,
      median: 0,
      histogram: [2, 1],
    });
  });

  it("refuses scores out of range or not whole, unknown options and sectors, with every issue named", () => {
    const result = countScorePoll(["a", "b"], 3, [
      { sector: "government", scores: { a: 4, b: -1 } },
      { sector: "press" as never, scores: { a: 1.5, z: 2 } },
      { sector: "private", scores: { b: "2" as unknown as number } },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.details.map((d) => [d.path, d.rule])).toEqual([
        ["ballots.0.scores.a", "scoreOutOfRange"],
        ["ballots.0.scores.b", "scoreOutOfRange"],
        ["ballots.1.sector", "invalidSector"],
        ["ballots.1.scores.z", "unknownOption"],
        ["ballots.1.scores.a", "scoreOutOfRange"],
        ["ballots.2.scores.b", "scoreOutOfRange"],
      ]);
      expect(result.error.details[0]!.message).toBe("must be a whole number from 0 to 3");
    }
  });

  it("refuses a maximum outside 1 to 100 without judging the ballots", () => {
    for (const maxScore of [0, 101, 2.5, Number.NaN]) {
      const result = countScorePoll(["a"], maxScore, [{ sector: "media", scores: { a: 50 } }]);
      expect(result.ok ? [] : result.error.details.map((d) => [d.path, d.rule])).toEqual([
        ["maxScore", "invalidMaxScore"],
      ]);
    }
  });

  it("checks one ballot as it is cast, under the path given", () => {
    expect(scoreBallotIssues(["a"], 5, { sector: "community", scores: { a: 5 } }, "ballot")).toEqual([]);
    expect(scoreBallotIssues(["a"], 5, { sector: "community", scores: { a: 6 } }, "ballot")).toEqual([
      {
        path: "ballot.scores.a",
        code: "custom",
        rule: "scoreOutOfRange",
        message: "must be a whole number from 0 to 5",
      },
    ]);
    expect(scoreBallotIssues(["a"], 5, { sector: "community", scores: null as never }, "ballot")).toEqual([
      { path: "ballot.scores", code: "custom", rule: "scoreOutOfRange", message: "must map options to scores" },
    ]);
  });
});

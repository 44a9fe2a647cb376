// The Schulze count against Schulze's own published example, hand-checked small cases (ties, unranked
// options, a cycle), and the refusals of malformed ballots. Values are asserted exactly.
import { describe, expect, it } from "vitest";
import type { RankedBallot } from "./rankedBallot.ts";
import { countSchulze } from "./schulze.ts";

/** "ACBED" with weight 5: one letter per option, strictly ordered. */
function strict(order: string, weight: number): RankedBallot {
  return { ranking: [...order].map((id) => [id]), weight };
}

function counted(options: readonly string[], ballots: readonly RankedBallot[]) {
  const result = countSchulze(options, ballots);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe("countSchulze", () => {
  // Markus Schulze's 45-voter example, as in his paper and the Wikipedia article "Schulze method"
  // (d and p tables checked against the published ones, cell by cell).
  it("reproduces Schulze's 45-voter, 5-option example: d, p and E > A > C > B > D", () => {
    const ballots = [
      strict("ACBED", 5),
      strict("ADECB", 5),
      strict("BEDAC", 8),
      strict("CABED", 3),
      strict("CAEBD", 7),
      strict("CBADE", 2),
      strict("DCEBA", 7),
      strict("EBADC", 8),
    ];
    const result = counted(["A", "B", "C", "D", "E"], ballots);
    expect(result.pairwise).toEqual([
      [0, 20, 26, 30, 22],
      [25, 0, 16, 33, 18],
      [19, 29, 0, 17, 24],
      [15, 12, 28, 0, 14],
      [23, 27, 21, 31, 0],
    ]);
    expect(result.strongestPaths).toEqual([
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ]);
    expect(result.winners).toEqual(["E"]);
    expect(result.ranking).toEqual([["E"], ["A"], ["C"], ["B"], ["D"]]);
  });

  it("gives the same matrices whatever order the options are listed in, permuted with them", () => {
    const ballots = [strict("ACBED", 5), strict("ADECB", 5), strict("BEDAC", 8), strict("CABED", 3)];
    const forward = counted(["A", "B", "C", "D", "E"], ballots);
    const backward = counted(["E", "D", "C", "B", "A"], ballots);
    const flip = (m: number[][]) => [...m].reverse().map((row) => [...row].reverse());
    expect(backward.pairwise).toEqual(flip(forward.pairwise));
    expect(backward.strongestPaths).toEqual(flip(forward.strongestPaths));
    expect(backward.ranking).toEqual(forward.ranking);
  });

  // Hand-checked from the preference orders of the Wikipedia "Tennessee example" (42 % Memphis > Nashville >
  // Chattanooga > Knoxville, 26 % Nashville > Chattanooga > Knoxville > Memphis, 15 % Chattanooga >
  // Knoxville > Nashville > Memphis, 17 % Knoxville > Chattanooga > Nashville > Memphis): Nashville beats
  // every other city pairwise (58, 68, 68 of 100), so it wins; Chattanooga beats Knoxville 83 to 17.
  it("elects the Condorcet winner of the Tennessee example, Nashville", () => {
    const ballots = [
      { ranking: [["memphis"], ["nashville"], ["chattanooga"], ["knoxville"]], weight: 42 },
      { ranking: [["nashville"], ["chattanooga"], ["knoxville"], ["memphis"]], weight: 26 },
      { ranking: [["chattanooga"], ["knoxville"], ["nashville"], ["memphis"]], weight: 15 },
      { ranking: [["knoxville"], ["chattanooga"], ["nashville"], ["memphis"]], weight: 17 },
    ];
    const result = counted(["memphis", "nashville", "chattanooga", "knoxville"], ballots);
    expect(result.pairwise).toEqual([
      [0, 42, 42, 42],
      [58, 0, 68, 68],
      [58, 32, 0, 83],
      [58, 32, 17, 0],
    ]);
    // Every defeat points down the order N > C > K > M, so each path is its weakest direct-or-chained defeat.
    expect(result.strongestPaths).toEqual([
      [0, 0, 0, 0],
      [58, 0, 68, 68],
      [58, 0, 0, 83],
      [58, 0, 0, 0],
    ]);
    expect(result.ranking).toEqual([["nashville"], ["chattanooga"], ["knoxville"], ["memphis"]]);
  });

  // Constructed, hand-checked: one voter each for A > B > C, B > C > A, C > A > B. Every pair is 2 to 1 in
  // a cycle, every path between two options has strength 2, and nobody beats anybody.
  it("ties all three options of a perfectly symmetric cycle, ranked by id", () => {
    const result = counted(["C", "A", "B"], [strict("ABC", 1), strict("BCA", 1), strict("CAB", 1)]);
    // Rows and columns in the order C, A, B.
    expect(result.pairwise).toEqual([
      [0, 2, 1],
      [1, 0, 2],
      [2, 1, 0],
    ]);
    expect(result.strongestPaths).toEqual([
      [0, 2, 2],
      [2, 0, 2],
      [2, 2, 0],
    ]);
    expect(result.winners).toEqual(["A", "B", "C"]);
    expect(result.ranking).toEqual([["A", "B", "C"]]);
  });

  // Constructed, hand-checked: 3 A > B > C, 2 B > C > A, 2 C > A > B. A beats B 5-2, B beats C 5-2, C beats
  // A 4-3. The cycle's weakest defeat is C over A (4): p[A][C] = min(5, 5) = 5 > p[C][A] = 4, so A wins.
  it("breaks a cycle at its weakest defeat", () => {
    const result = counted(["A", "B", "C"], [strict("ABC", 3), strict("BCA", 2), strict("CAB", 2)]);
    expect(result.pairwise).toEqual([
      [0, 5, 3],
      [2, 0, 5],
      [4, 2, 0],
    ]);
    expect(result.strongestPaths).toEqual([
      [0, 5, 5],
      [4, 0, 5],
      [4, 4, 0],
    ]);
    expect(result.ranking).toEqual([["A"], ["B"], ["C"]]);
  });

  it("ranks unranked options below every ranked one, and equal to each other", () => {
    // One voter ranks A first and B = C second, leaving D out; another ranks only D.
    const result = counted(
      ["A", "B", "C", "D"],
      [
        { ranking: [["A"], ["B", "C"]], weight: 2 },
        { ranking: [["D"]], weight: 1 },
      ],
    );
    expect(result.pairwise).toEqual([
      [0, 2, 2, 2],
      [0, 0, 0, 2],
      [0, 0, 0, 2],
      [1, 1, 1, 0],
    ]);
    expect(result.ranking).toEqual([["A"], ["B", "C"], ["D"]]);
  });

  // Constructed, hand-checked: A > C > B and B > A = C, one voter each. A beats C 1-0; A and B tie 1-1, B and
  // C tie 1-1, so no path joins B to anyone. A and B are both unbeaten: both win. Counting how many options
  // each beats (A 1, B 0, C 0) would rank B with C, below A, though nothing beats B.
  it("ranks by peeling unbeaten options, so every winner is in the first rank", () => {
    const result = counted(
      ["A", "B", "C"],
      [
        { ranking: [["A"], ["C"], ["B"]], weight: 1 },
        { ranking: [["B"], ["A", "C"]], weight: 1 },
      ],
    );
    expect(result.pairwise).toEqual([
      [0, 1, 1],
      [1, 0, 1],
      [0, 1, 0],
    ]);
    expect(result.strongestPaths).toEqual([
      [0, 0, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(result.winners).toEqual(["A", "B"]);
    expect(result.ranking).toEqual([["A", "B"], ["C"]]);
  });

  // Found by fast-check, checked by hand: Schulze is monotone (raising the winner on a ballot never makes it
  // lose) but not immune to the no-show paradox. Before: defeats 1>2 (12-10), 2>3 (12-10), 3>1 (10-2),
  // so o1 reaches o3 through o2 at 12 against 10 back, and wins alone. The new ballot o1 > o3 also says
  // o3 > o2, turning 2>3 into a 12-12 tie: o1's only path to o3 is gone, and o3 (10 against 0) wins.
  it("can let a new ballot that ranks the winner first make it lose (no-show paradox)", () => {
    const ballots: RankedBallot[] = [
      { ranking: [["o3"], ["o1"]], weight: 5 },
      { ranking: [["o2"], ["o3"]], weight: 5 },
      { ranking: [["o1"], ["o2"], ["o0"], ["o3"]], weight: 2 },
      { ranking: [["o1", "o3"]], weight: 5 },
      { ranking: [["o2"]], weight: 5 },
    ];
    const options = ["o0", "o1", "o2", "o3"];
    const before = counted(options, ballots);
    expect(before.pairwise).toEqual([
      [0, 0, 0, 2],
      [12, 0, 12, 2],
      [12, 10, 0, 12],
      [15, 10, 10, 0],
    ]);
    expect(before.winners).toEqual(["o1"]);
    const after = counted(options, [...ballots, { ranking: [["o1"], ["o3"]], weight: 2 }]);
    expect(after.pairwise[2]![3]).toBe(12);
    expect(after.pairwise[3]![2]).toBe(12);
    expect(after.strongestPaths[1]![3]).toBe(0);
    expect(after.strongestPaths[3]![1]).toBe(10);
    expect(after.winners).toEqual(["o3"]);
  });

  it("counts no ballots and no options without failing", () => {
    expect(counted(["A", "B"], [])).toEqual({
      options: ["A", "B"],
      pairwise: [
        [0, 0],
        [0, 0],
      ],
      strongestPaths: [
        [0, 0],
        [0, 0],
      ],
      winners: ["A", "B"],
      ranking: [["A", "B"]],
    });
    expect(counted([], [])).toEqual({ options: [], pairwise: [], strongestPaths: [], winners: [], ranking: [] });
  });

  it("refuses malformed ballots with every issue named, never throwing", () => {
    const result = countSchulze(
      ["A", "B", "A"],
      [
        { ranking: [["A"], ["Z"]], weight: 1 },
        { ranking: [["A", "B"], []], weight: 0 },
        { ranking: [["B"], ["B"]], weight: 1.5 },
      ],
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: "VALIDATION_FAILED",
        message:
          "poll input refused: options.2: same id as options.0; ballots.0.ranking.1.0: not an option of this poll; " +
          "ballots.1.weight: must be a whole number of at least 1; ballots.1.ranking.1: a rank must hold at least one option; " +
          "ballots.2.weight: must be a whole number of at least 1; ballots.2.ranking.1.0: same option as ballots.2.ranking.0.0",
        details: [
          { path: "options.2", code: "custom", rule: "duplicateOptionId", message: "same id as options.0" },
          {
            path: "ballots.0.ranking.1.0",
            code: "custom",
            rule: "unknownOption",
            message: "not an option of this poll",
          },
          {
            path: "ballots.1.weight",
            code: "custom",
            rule: "invalidWeight",
            message: "must be a whole number of at least 1",
          },
          {
            path: "ballots.1.ranking.1",
            code: "custom",
            rule: "emptyRank",
            message: "a rank must hold at least one option",
          },
          {
            path: "ballots.2.weight",
            code: "custom",
            rule: "invalidWeight",
            message: "must be a whole number of at least 1",
          },
          {
            path: "ballots.2.ranking.1.0",
            code: "custom",
            rule: "optionRankedTwice",
            message: "same option as ballots.2.ranking.0.0",
          },
        ],
      },
    });
  });

  it("refuses a ballot whose ranking is not a list instead of throwing", () => {
    const malformed = { ranking: "A>B", weight: 1 } as unknown as RankedBallot;
    const result = countSchulze(["A", "B"], [malformed]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.details.map((d) => d.rule)).toEqual(["emptyRank"]);
  });
});

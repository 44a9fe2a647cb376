// The instant-runoff count against the published Tennessee example, then hand-checked cases for exhausted
// ballots, ballots that hold options equal, each tie-break, and the refusals. Values are asserted exactly.
import { describe, expect, it } from "vitest";
import { fraction } from "./fraction.ts";
import { countInstantRunoff, type InstantRunoffResult } from "./instantRunoff.ts";
import type { RankedBallot } from "./rankedBallot.ts";

function ranked(order: readonly string[], weight: number): RankedBallot {
  return { ranking: order.map((id) => [id]), weight };
}

function counted(options: readonly string[], ballots: readonly RankedBallot[]): InstantRunoffResult {
  const result = countInstantRunoff(options, ballots);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

/** Exact vote counts of one round, option by option. */
function votes(entries: Record<string, number | [number, number]>) {
  return Object.entries(entries).map(([option, v]) => ({
    option,
    votes: Array.isArray(v) ? fraction(v[0], v[1]) : fraction(v, 1),
  }));
}

describe("countInstantRunoff", () => {
  // The Wikipedia "Instant-runoff voting" Tennessee example, as 100 voters. Checked by hand from the orders:
  // round 1 M 42, N 26, C 15, K 17: Chattanooga goes, its 15 to Knoxville (their second). Round 2 M 42, N 26,
  // K 32: Nashville goes, its 26 pass over eliminated Chattanooga to Knoxville. Round 3 K 58 of 100 wins.
  it("reproduces the Tennessee example: Chattanooga, then Nashville out, Knoxville elected with 58", () => {
    const result = counted(
      ["memphis", "nashville", "chattanooga", "knoxville"],
      [
        ranked(["memphis", "nashville", "chattanooga", "knoxville"], 42),
        ranked(["nashville", "chattanooga", "knoxville", "memphis"], 26),
        ranked(["chattanooga", "knoxville", "nashville", "memphis"], 15),
        ranked(["knoxville", "chattanooga", "nashville", "memphis"], 17),
      ],
    );
    expect(result).toEqual({
      options: ["memphis", "nashville", "chattanooga", "knoxville"],
      ballots: 100,
      rounds: [
        {
          round: 1,
          counts: votes({ memphis: 42, nashville: 26, chattanooga: 15, knoxville: 17 }),
          continuingBallots: 100,
          exhaustedBallots: 0,
          decision: { type: "eliminated", option: "chattanooga", reason: "fewestVotes", tiedWith: [] },
        },
        {
          round: 2,
          counts: votes({ memphis: 42, nashville: 26, knoxville: 32 }),
          continuingBallots: 100,
          exhaustedBallots: 0,
          decision: { type: "eliminated", option: "nashville", reason: "fewestVotes", tiedWith: [] },
        },
        {
          round: 3,
          counts: votes({ memphis: 42, knoxville: 58 }),
          continuingBallots: 100,
          exhaustedBallots: 0,
          decision: { type: "elected", option: "knoxville" },
        },
      ],
      winner: "knoxville",
    });
  });

  it("takes the majority of the ballots still counting, not of all ballots", () => {
    // 4 A, 3 B, 2 only C. Round 1: 4 of 9 is no majority; C goes and its 2 ballots are exhausted.
    // Round 2: A's 4 of the 7 still counting is.
    const result = counted(["A", "B", "C"], [ranked(["A"], 4), ranked(["B"], 3), ranked(["C"], 2)]);
    expect(result.rounds.map((r) => [r.continuingBallots, r.exhaustedBallots])).toEqual([
      [9, 0],
      [7, 2],
    ]);
    expect(result.rounds[1]!.counts).toEqual(votes({ A: 4, B: 3 }));
    expect(result.rounds[1]!.decision).toEqual({ type: "elected", option: "A" });
    expect(result.winner).toBe("A");
  });

  it("splits a ballot that holds its top continuing options equal, exactly", () => {
    // 3 voters A = B > C, 2 voters C. Round 1: A 3/2, B 3/2, C 2 of 5: no majority; A and B tie for the
    // fewest in the first round, so the id sorting last (B) goes. Round 2: the 3 ballots count wholly for A.
    const result = counted(["A", "B", "C"], [{ ranking: [["A", "B"], ["C"]], weight: 3 }, ranked(["C"], 2)]);
    expect(result.rounds[0]!.counts).toEqual(votes({ A: [3, 2], B: [3, 2], C: 2 }));
    expect(result.rounds[0]!.decision).toEqual({
      type: "eliminated",
      option: "B",
      reason: "lastById",
      tiedWith: ["A"],
    });
    expect(result.rounds[1]!.counts).toEqual(votes({ A: 3, C: 2 }));
    expect(result.winner).toBe("A");
  });

  it("breaks a tie for the fewest by the latest earlier round where the tied options differed", () => {
    // 5 A, 4 B, 3 C > B, 1 D > C. Round 1: D (1) goes. Round 2: A 5, B 4, C 4: B and C tie, and in round 1
    // C had 3 to B's 4, so C goes. Round 3: B 7 of the 12 still counting (D > C is exhausted).
    const result = counted(
      ["A", "B", "C", "D"],
      [ranked(["A"], 5), ranked(["B"], 4), ranked(["C", "B"], 3), ranked(["D", "C"], 1)],
    );
    expect(result.rounds.map((r) => r.decision)).toEqual([
      { type: "eliminated", option: "D", reason: "fewestVotes", tiedWith: [] },
      { type: "eliminated", option: "C", reason: "fewestVotesEarlier", tiedWith: ["B"] },
      { type: "elected", option: "B" },
    ]);
    expect(result.rounds[1]!.counts).toEqual(votes({ A: 5, B: 4, C: 4 }));
    expect(result.rounds[2]!.counts).toEqual(votes({ A: 5, B: 7 }));
    expect(result.rounds[2]!.exhaustedBallots).toBe(1);
  });

  it("looks back to the latest round where the tied options differed, not the first", () => {
    // 10 R, 5 X, 4 Y, 1 Q > X, 2 only Q, 2 P > Y. Round 1: P (2) goes, to Y. Round 2: R 10, X 5, Y 6, Q 3: Q
    // goes, 1 to X and 2 exhausted. Round 3: X and Y tie at 6. In round 2 X had fewer (5 to 6), in round 1
    // Y had (4 to 5): the latest round decides, so X goes. Round 4: R 10 of the 16 still counting.
    const result = counted(
      ["R", "X", "Y", "Q", "P"],
      [
        ranked(["R"], 10),
        ranked(["X"], 5),
        ranked(["Y"], 4),
        ranked(["Q", "X"], 1),
        ranked(["Q"], 2),
        ranked(["P", "Y"], 2),
      ],
    );
    expect(result.rounds.map((r) => [r.counts, r.continuingBallots, r.exhaustedBallots, r.decision])).toEqual([
      [
        votes({ R: 10, X: 5, Y: 4, Q: 3, P: 2 }),
        24,
        0,
        { type: "eliminated", option: "P", reason: "fewestVotes", tiedWith: [] },
      ],
      [
        votes({ R: 10, X: 5, Y: 6, Q: 3 }),
        24,
        0,
        { type: "eliminated", option: "Q", reason: "fewestVotes", tiedWith: [] },
      ],
      [
        votes({ R: 10, X: 6, Y: 6 }),
        22,
        2,
        { type: "eliminated", option: "X", reason: "fewestVotesEarlier", tiedWith: ["Y"] },
      ],
      [votes({ R: 10, Y: 6 }), 16, 8, { type: "elected", option: "R" }],
    ]);
  });

  it("decides an exact two-way tie that held in every round by id, the one sorting last going", () => {
    const result = counted(["pantai", "gunung"], [ranked(["pantai"], 2), ranked(["gunung"], 2)]);
    expect(result.rounds[0]!.decision).toEqual({
      type: "eliminated",
      option: "pantai",
      reason: "lastById",
      tiedWith: ["gunung"],
    });
    expect(result.rounds[1]).toEqual({
      round: 2,
      counts: votes({ gunung: 2 }),
      continuingBallots: 2,
      exhaustedBallots: 2,
      decision: { type: "elected", option: "gunung" },
    });
    expect(result.winner).toBe("gunung");
  });

  it("elects nobody when no ballot ranks an option", () => {
    expect(counted(["A", "B"], [{ ranking: [], weight: 3 }])).toEqual({
      options: ["A", "B"],
      ballots: 3,
      rounds: [
        {
          round: 1,
          counts: votes({ A: 0, B: 0 }),
          continuingBallots: 0,
          exhaustedBallots: 3,
          decision: { type: "noVotes" },
        },
      ],
      winner: null,
    });
    expect(counted([], []).winner).toBeNull();
  });

  it("refuses malformed ballots with the issues named, never throwing", () => {
    const result = countInstantRunoff(["A", ""], [{ ranking: [["A"], ["A"]], weight: -1 }]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("VALIDATION_FAILED");
      expect(result.error.details.map((d) => [d.path, d.rule])).toEqual([
        ["options.1", "emptyOptionId"],
        ["ballots.0.weight", "invalidWeight"],
        ["ballots.0.ranking.1.0", "optionRankedTwice"],
      ]);
    }
  });
});

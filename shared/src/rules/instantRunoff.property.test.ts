// Properties of the instant-runoff count over generated ranked polls: a first-preference majority wins at
// once, every ballot is either counted or exhausted in every round, exhausted ballots never come back, the
// winner is never eliminated and wins with a majority, one option leaves per round, and ballot order never
// matters.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addFractions, fraction } from "./fraction.ts";
import { countInstantRunoff, type InstantRunoffResult } from "./instantRunoff.ts";
import type { RankedBallot } from "./rankedBallot.ts";
import { rankedPollArbitrary } from "./rankedBallotArbitrary.ts";
import { withBallotsShuffled } from "./shuffledBallots.ts";

const numRuns = 1000;
// A fixed seed keeps CI reproducible; change it locally to explore new cases.
fc.configureGlobal({ seed: 20261203 });

function counted(options: readonly string[], ballots: readonly RankedBallot[]): InstantRunoffResult {
  const result = countInstantRunoff(options, ballots);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

const pollArb = rankedPollArbitrary(5, 14);

/**
 * First preferences in sixtieths of a vote, a naive reference with whole numbers: a first rank holds at
 * most 5 options, and 60 is divisible by 1 to 5, so a split is always whole.
 */
function firstPreferenceSixtieths(options: readonly string[], ballots: readonly RankedBallot[]): Map<string, number> {
  const tally = new Map(options.map((id) => [id, 0]));
  for (const ballot of ballots) {
    const first = ballot.ranking[0];
    if (!first) continue;
    for (const id of first) tally.set(id, tally.get(id)! + (60 * ballot.weight) / first.length);
  }
  return tally;
}

describe("countInstantRunoff properties", () => {
  it("elects an option with a majority of first preferences in round 1", () => {
    fc.assert(
      fc.property(pollArb, ({ options, ballots }) => {
        const nonEmpty = ballots.filter((b) => b.ranking.length > 0).reduce((n, b) => n + b.weight, 0);
        const first = firstPreferenceSixtieths(options, ballots);
        const majority = options.find((id) => 2 * first.get(id)! > 60 * nonEmpty);
        fc.pre(majority !== undefined);
        const result = counted(options, ballots);
        expect(result.rounds).toHaveLength(1);
        expect(result.rounds[0]!.decision).toEqual({ type: "elected", option: majority });
        expect(result.winner).toBe(majority);
      }),
      { numRuns },
    );
  });

  it("accounts for every ballot in every round: votes add up to the continuing ballots, and with the exhausted to all", () => {
    fc.assert(
      fc.property(pollArb, ({ options, ballots }) => {
        const result = counted(options, ballots);
        const all = ballots.reduce((n, b) => n + b.weight, 0);
        expect(result.ballots).toBe(all);
        for (const round of result.rounds) {
          const total = round.counts.reduce((sum, c) => addFractions(sum, c.votes), fraction(0, 1));
          expect(total).toEqual(fraction(round.continuingBallots, 1));
          expect(round.continuingBallots + round.exhaustedBallots).toBe(all);
        }
      }),
      { numRuns },
    );
  });

  it("never brings an exhausted ballot back", () => {
    fc.assert(
      fc.property(pollArb, ({ options, ballots }) => {
        const exhausted = counted(options, ballots).rounds.map((r) => r.exhaustedBallots);
        exhausted.forEach((n, i) => {
          if (i > 0) expect(n).toBeGreaterThanOrEqual(exhausted[i - 1]!);
        });
      }),
      { numRuns },
    );
  });

  it("removes exactly the eliminated option each round, never the winner, and ends with the winner's majority", () => {
    fc.assert(
      fc.property(pollArb, ({ options, ballots }) => {
        const result = counted(options, ballots);
        let continuing = [...options];
        result.rounds.forEach((round, i) => {
          expect(round.round).toBe(i + 1);
          expect(round.counts.map((c) => c.option)).toEqual(continuing);
          const last = i === result.rounds.length - 1;
          expect(round.decision.type === "eliminated").toBe(!last);
          if (round.decision.type === "eliminated") {
            expect(round.decision.option).not.toBe(result.winner);
            const eliminated = round.decision.option;
            continuing = continuing.filter((id) => id !== eliminated);
          }
        });
        const final = result.rounds.at(-1)!;
        const anyRanked = ballots.some((b) => b.ranking.length > 0);
        expect(result.winner !== null).toBe(anyRanked);
        if (result.winner !== null) {
          expect(final.decision).toEqual({ type: "elected", option: result.winner });
          const votes = final.counts.find((c) => c.option === result.winner)!.votes;
          expect(2n * votes.numerator > BigInt(final.continuingBallots) * votes.denominator).toBe(true);
        } else {
          expect(final.decision).toEqual({ type: "noVotes" });
        }
      }),
      { numRuns },
    );
  });

  it("eliminates an option with the fewest votes of its round", () => {
    fc.assert(
      fc.property(pollArb, ({ options, ballots }) => {
        for (const round of counted(options, ballots).rounds) {
          const decision = round.decision;
          if (decision.type !== "eliminated") continue;
          const eliminated = round.counts.find((c) => c.option === decision.option)!.votes;
          for (const c of round.counts) {
            expect(c.votes.numerator * eliminated.denominator >= eliminated.numerator * c.votes.denominator).toBe(true);
          }
        }
      }),
      { numRuns },
    );
  });

  it("does not depend on the order of the ballots", () => {
    fc.assert(
      fc.property(withBallotsShuffled(pollArb), ([{ options, ballots }, shuffled]) => {
        expect(counted(options, shuffled)).toEqual(counted(options, ballots));
      }),
      { numRuns },
    );
  });
  it("never throws, whatever ballots it is given", () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 4 }), (ballots) => {
        expect(typeof countInstantRunoff(["o0", "o1"], ballots as RankedBallot[]).ok).toBe("boolean");
      }),
      { numRuns },
    );
    // The ballot shapes most likely to reach a loop: ranks and weights of the wrong kind.
    const odd = [{ ranking: [null], weight: 1 }, { ranking: [["o0", 3]], weight: "2" }, null, { ranking: {} }];
    const result = countInstantRunoff(["o0", "o1"], odd as unknown as RankedBallot[]);
    expect(result.ok).toBe(false);
  });
});

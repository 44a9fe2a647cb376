// Generated ranked polls for the property tests of Schulze and instant-runoff: a few options, and ballots
// that rank some of them, with ties, in any order, with small weights. Test support only (fast-check is a
// dev dependency); nothing outside *.property.test.ts imports it.
import fc from "fast-check";
import type { RankedBallot } from "./rankedBallot.ts";

export interface RankedPoll {
  options: string[];
  ballots: RankedBallot[];
}

/** A ballot over `options`: some of them, shuffled, cut into ranks; `ties` false gives one option a rank. */
export function rankedBallotArbitrary(options: readonly string[], ties = true): fc.Arbitrary<RankedBallot> {
  return fc
    .record({
      ranked: fc.shuffledSubarray([...options]),
      joins: fc.array(ties ? fc.boolean() : fc.constant(false), {
        minLength: options.length,
        maxLength: options.length,
      }),
      weight: fc.integer({ min: 1, max: 5 }),
    })
    .map(({ ranked, joins, weight }) => {
      const ranking: string[][] = [];
      ranked.forEach((id, i) => {
        // An option joins the rank before it when its coin says so, making the two equal.
        if (i > 0 && joins[i]) ranking[ranking.length - 1]!.push(id);
        else ranking.push([id]);
      });
      return { ranking, weight };
    });
}

/** Polls of 1 to `maxOptions` options named o0, o1, … with up to `maxBallots` ballots. */
export function rankedPollArbitrary(maxOptions: number, maxBallots: number, ties = true): fc.Arbitrary<RankedPoll> {
  return fc.integer({ min: 1, max: maxOptions }).chain((n) => {
    const options = Array.from({ length: n }, (_, i) => `o${i}`);
    return fc.record({
      options: fc.constant(options),
      ballots: fc.array(rankedBallotArbitrary(options, ties), { maxLength: maxBallots }),
    });
  });
}

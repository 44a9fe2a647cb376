// Properties of the score poll over generated polls: sectors add up to the whole, histograms to voters and
// sums, means and medians agree with a naive reference, ballot order never matters, an out-of-range score
// is always refused, and no input whatever makes it throw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sectors } from "../schemas/user.ts";
import { countScorePoll, type ScoreBallot, type ScorePollResult } from "./scorePoll.ts";
import { withBallotsShuffled } from "./shuffledBallots.ts";

const numRuns = 500;
fc.configureGlobal({ seed: 20261203 });

const options = ["a", "b", "c"];

const pollArb = fc.integer({ min: 1, max: 10 }).chain((maxScore) =>
  fc.record({
    maxScore: fc.constant(maxScore),
    ballots: fc.array(
      fc.record({
        sector: fc.constantFrom(...sectors),
        scores: fc.dictionary(fc.constantFrom(...options), fc.integer({ min: 0, max: maxScore })),
      }),
      { maxLength: 15 },
    ),
  }),
);

function counted(maxScore: number, ballots: readonly ScoreBallot[]): ScorePollResult {
  const result = countScorePoll(options, maxScore, ballots);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe("countScorePoll properties", () => {
  it("adds the sectors up to the whole: ballots, voters, sums and histograms", () => {
    fc.assert(
      fc.property(pollArb, ({ maxScore, ballots }) => {
        const result = counted(maxScore, ballots);
        expect(sectors.reduce((n, s) => n + result.perSector[s].ballots, 0)).toBe(ballots.length);
        options.forEach((_, i) => {
          const overall = result.overall.options[i]!;
          const parts = sectors.map((s) => result.perSector[s].options[i]!);
          expect(parts.reduce((n, p) => n + p.voters, 0)).toBe(overall.voters);
          expect(parts.reduce((n, p) => n + p.sum, 0)).toBe(overall.sum);
          overall.histogram.forEach((h, score) => {
            expect(parts.reduce((n, p) => n + p.histogram[score]!, 0)).toBe(h);
          });
        });
      }),
      { numRuns },
    );
  });

  it("agrees with a naive reference on voters, sum, mean and median, and histograms add up", () => {
    fc.assert(
      fc.property(pollArb, ({ maxScore, ballots }) => {
        const result = counted(maxScore, ballots);
        for (const entry of result.overall.options) {
          const given = ballots.filter((b) => entry.option in b.scores).map((b) => b.scores[entry.option]!);
          given.sort((x, y) => x - y);
          expect(entry.voters).toBe(given.length);
          expect(entry.sum).toBe(given.reduce((n, s) => n + s, 0));
          expect(entry.histogram).toHaveLength(maxScore + 1);
          expect(entry.histogram.reduce((n, h) => n + h, 0)).toBe(given.length);
          expect(entry.histogram.reduce((n, h, s) => n + h * s, 0)).toBe(entry.sum);
          if (given.length === 0) {
            expect([entry.mean, entry.median]).toEqual([null, null]);
          } else {
            expect(entry.mean).toBe(entry.sum / given.length);
            const lower = given[Math.ceil(given.length / 2) - 1]!;
            const upper = given[Math.floor(given.length / 2)]!;
            expect(entry.median).toBe((lower + upper) / 2);
          }
        }
      }),
      { numRuns },
    );
  });

  it("does not depend on the order of the ballots", () => {
    fc.assert(
      fc.property(withBallotsShuffled(pollArb), ([{ maxScore, ballots }, shuffled]) => {
        expect(counted(maxScore, shuffled)).toEqual(counted(maxScore, ballots));
      }),
      { numRuns },
    );
  });

  it("refuses a score above the maximum or below 0, naming it", () => {
    fc.assert(
      fc.property(
        pollArb.filter((p) => p.ballots.length > 0),
        fc.nat(),
        fc.constantFrom(...options),
        fc.oneof(fc.integer({ min: -5, max: -1 }), fc.integer({ min: 11, max: 20 })),
        ({ maxScore, ballots }, pick, option, bad) => {
          const index = pick % ballots.length;
          const broken = ballots.map((b, i) => (i === index ? { ...b, scores: { ...b.scores, [option]: bad } } : b));
          const result = countScorePoll(options, maxScore, broken);
          expect(result.ok).toBe(false);
          if (!result.ok)
            expect(result.error.details.map((d) => d.path)).toEqual([`ballots.${index}.scores.${option}`]);
        },
      ),
      { numRuns },
    );
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.array(fc.anything(), { maxLength: 4 }), (opts, max, ballots) => {
        const result = countScorePoll(
          Array.isArray(opts) ? (opts as string[]) : options,
          max as number,
          ballots as ScoreBallot[],
        );
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns },
    );
  });
});

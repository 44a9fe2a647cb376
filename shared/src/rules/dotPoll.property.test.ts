// Properties of the dot poll over generated polls: a ballot is accepted exactly when every count is a whole
// number of at least 0 and the total is within the budget; sectors add up to the whole; dots spent are
// the options' dots; ballot order never matters; no input whatever makes it throw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sectors } from "../schemas/user.ts";
import { countDotPoll, type DotBallot, dotBallotIssues, type DotPollResult } from "./dotPoll.ts";
import { withBallotsShuffled } from "./shuffledBallots.ts";

const numRuns = 500;
fc.configureGlobal({ seed: 20261203 });

const options = ["a", "b", "c", "d"];

/** Ballots that spend at most the budget, by cutting a random spend into random parts. */
const pollArb = fc.integer({ min: 1, max: 12 }).chain((budget) =>
  fc.record({
    budget: fc.constant(budget),
    ballots: fc.array(
      fc.record({
        sector: fc.constantFrom(...sectors),
        dots: fc
          .array(fc.tuple(fc.constantFrom(...options), fc.integer({ min: 0, max: budget })), { maxLength: 4 })
          .map((pairs) => {
            const dots: Record<string, number> = {};
            let left = budget;
            for (const [option, n] of pairs) {
              const placed = Math.min(n, left);
              dots[option] = (dots[option] ?? 0) + placed;
              left -= placed;
            }
            return dots;
          }),
      }),
      { maxLength: 15 },
    ),
  }),
);

function counted(budget: number, ballots: readonly DotBallot[]): DotPollResult {
  const result = countDotPoll(options, budget, ballots);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe("countDotPoll properties", () => {
  it("accepts a ballot exactly when its counts are whole, at least 0, and within the budget in all", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.dictionary(fc.constantFrom(...options), fc.oneof(fc.integer({ min: -3, max: 12 }), fc.constant(0.5))),
        (budget, dots) => {
          const counts = Object.values(dots);
          const valid =
            counts.every((n) => Number.isInteger(n) && n >= 0) && counts.reduce((s, n) => s + n, 0) <= budget;
          expect(dotBallotIssues(options, budget, { sector: "community", dots }, "ballot").length === 0).toBe(valid);
        },
      ),
      { numRuns },
    );
  });

  it("adds the sectors up to the whole, and each group's options up to its dots spent", () => {
    fc.assert(
      fc.property(pollArb, ({ budget, ballots }) => {
        const result = counted(budget, ballots);
        for (const group of [result.overall, ...sectors.map((s) => result.perSector[s])]) {
          expect(group.options.reduce((n, o) => n + o.dots, 0)).toBe(group.dotsSpent);
          expect(group.dotsSpent).toBeLessThanOrEqual(group.ballots * budget);
          for (const o of group.options) expect(o.voters).toBeLessThanOrEqual(group.ballots);
        }
        expect(sectors.reduce((n, s) => n + result.perSector[s].ballots, 0)).toBe(ballots.length);
        options.forEach((option, i) => {
          expect(result.overall.options[i]!.option).toBe(option);
          expect(sectors.reduce((n, s) => n + result.perSector[s].options[i]!.dots, 0)).toBe(
            result.overall.options[i]!.dots,
          );
          expect(sectors.reduce((n, s) => n + result.perSector[s].options[i]!.voters, 0)).toBe(
            result.overall.options[i]!.voters,
          );
        });
      }),
      { numRuns },
    );
  });

  it("does not depend on the order of the ballots", () => {
    fc.assert(
      fc.property(withBallotsShuffled(pollArb), ([{ budget, ballots }, shuffled]) => {
        expect(counted(budget, shuffled)).toEqual(counted(budget, ballots));
      }),
      { numRuns },
    );
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.array(fc.anything(), { maxLength: 4 }), (opts, budget, ballots) => {
        const result = countDotPoll(
          Array.isArray(opts) ? (opts as string[]) : options,
          budget as number,
          ballots as DotBallot[],
        );
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns },
    );
  });
});

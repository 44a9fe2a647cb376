// Properties of the time poll over generated polls: every ballot is one answer (or none) per slot, sectors
// add up to the whole, the ranking follows its documented order, the best slots are its level head, ballot
// order never matters, and no input whatever makes it throw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sectors } from "../schemas/user.ts";
import { countTimePoll, type TimeBallot, type TimePollResult, timeAnswers } from "./timePoll.ts";

const numRuns = 500;
fc.configureGlobal({ seed: 20261203 });

const slots = ["s1", "s2", "s3", "s4"];

const ballotsArb = fc.array(
  fc.record({
    sector: fc.constantFrom(...sectors),
    answers: fc.dictionary(fc.constantFrom(...slots), fc.constantFrom(...timeAnswers)),
  }),
  { maxLength: 15 },
);

function counted(ballots: readonly TimeBallot[]): TimePollResult {
  const result = countTimePoll(slots, ballots);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe("countTimePoll properties", () => {
  it("counts every ballot once per slot, and adds the sectors up to the whole", () => {
    fc.assert(
      fc.property(ballotsArb, (ballots) => {
        const result = counted(ballots);
        for (const group of [result.overall, ...sectors.map((s) => result.perSector[s])]) {
          for (const c of group.slots) expect(c.yes + c.ifNeedBe + c.no + c.unanswered).toBe(group.ballots);
        }
        slots.forEach((slot, i) => {
          const overall = result.overall.slots[i]!;
          expect(overall.slot).toBe(slot);
          for (const answer of timeAnswers) {
            expect(sectors.reduce((n, s) => n + result.perSector[s].slots[i]![answer], 0)).toBe(overall[answer]);
          }
        });
      }),
      { numRuns },
    );
  });

  it("ranks every slot by yes + ifNeedBe, then yes, then the poll's order; best is the level head", () => {
    fc.assert(
      fc.property(ballotsArb, (ballots) => {
        const result = counted(ballots);
        expect([...result.ranking].sort()).toEqual([...slots].sort());
        const of = (slot: string) => result.overall.slots.find((c) => c.slot === slot)!;
        const key = (slot: string) => [of(slot).yes + of(slot).ifNeedBe, of(slot).yes, -slots.indexOf(slot)];
        for (let i = 1; i < result.ranking.length; i += 1) {
          const [a, b] = [key(result.ranking[i - 1]!), key(result.ranking[i]!)];
          const before = a[0]! > b[0]! || (a[0] === b[0] && (a[1]! > b[1]! || (a[1] === b[1] && a[2]! > b[2]!)));
          expect(before).toBe(true);
        }
        const head = key(result.ranking[0]!);
        const level = result.ranking.filter((s) => key(s)[0] === head[0] && key(s)[1] === head[1]);
        expect(result.best).toEqual(head[0]! > 0 ? level : []);
      }),
      { numRuns },
    );
  });

  it("does not depend on the order of the ballots", () => {
    fc.assert(
      fc.property(
        ballotsArb.chain((ballots) =>
          fc.tuple(fc.constant(ballots), fc.shuffledSubarray(ballots, { minLength: ballots.length })),
        ),
        ([ballots, shuffled]) => {
          expect(counted(shuffled)).toEqual(counted(ballots));
        },
      ),
      { numRuns },
    );
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.anything(), { maxLength: 4 }), (given, ballots) => {
        const result = countTimePoll(Array.isArray(given) ? (given as string[]) : slots, ballots as TimeBallot[]);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns },
    );
  });
});

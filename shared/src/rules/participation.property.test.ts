// The promises of README.md ("Participation"), over generated rooms: a sector acting at least in
// proportion to its members is never flagged; in a judged period a sector with members that did nothing
// while others acted always is; and the figures shown agree with the flag (no rounding contradicts it).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accountabilityLimits } from "../limits.ts";
import { type Sector, sectors } from "../schemas/user.ts";
import {
  type ActCounts,
  type SectorActivity,
  actKinds,
  minimumActsToJudge,
  participationBalance,
} from "./participation.ts";

const numRuns = 1000;
fc.configureGlobal({ seed: 20261202 });

const actsArb: fc.Arbitrary<ActCounts> = fc.record(
  Object.fromEntries(actKinds.map((kind) => [kind, fc.oneof(fc.constant(0), fc.nat(12), fc.nat(400))])) as Record<
    keyof ActCounts,
    fc.Arbitrary<number>
  >,
);
const activityArb: fc.Arbitrary<Record<Sector, SectorActivity>> = fc.record(
  Object.fromEntries(
    sectors.map((s) => [s, fc.record({ members: fc.oneof(fc.constant(0), fc.nat(6), fc.nat(60)), acts: actsArb })]),
  ) as Record<Sector, fc.Arbitrary<SectorActivity>>,
);
const quietArb = fc.integer({ min: accountabilityLimits.quietMinPercent, max: accountabilityLimits.quietMaxPercent });
const sectorArb = fc.constantFrom(...sectors);

const total = (acts: ActCounts) => actKinds.reduce((sum, kind) => sum + acts[kind], 0);
const silent = (): ActCounts => Object.fromEntries(actKinds.map((kind) => [kind, 0])) as ActCounts;

describe("participationBalance: what it promises", () => {
  it("never flags a sector whose share of the acts is at least its share of the members", () => {
    fc.assert(
      fc.property(activityArb, quietArb, (activity, quietPercent) => {
        const balance = participationBalance(activity, quietPercent);
        const { writingMembers: M, roomActs: A } = balance;
        for (const sector of sectors) {
          const { members: m, acts } = activity[sector];
          // a/A ≥ m/M, exactly (cross-multiplied whole numbers).
          if (A > 0 && M > 0 && total(acts) * M >= m * A) {
            expect(balance.perSector[sector].quiet, sector).toBe(false);
            expect(
              balance.warnings.some((w) => w.sector === sector),
              sector,
            ).toBe(false);
          }
        }
      }),
      { numRuns },
    );
  });

  it("always flags a sector with members that did nothing while others acted enough to judge", () => {
    fc.assert(
      fc.property(activityArb, sectorArb, fc.integer({ min: 1, max: 60 }), quietArb, (base, sector, m, quiet) => {
        const activity = { ...base, [sector]: { members: m, acts: silent() } };
        const writingMembers = sectors.reduce((sum, s) => sum + activity[s].members, 0);
        const othersActs = sectors.reduce((sum, s) => sum + total(activity[s].acts), 0);
        fc.pre(othersActs >= minimumActsToJudge(writingMembers));
        const balance = participationBalance(activity, quiet);
        expect(balance.judged).toBe(true);
        expect(balance.perSector[sector].quiet).toBe(true);
        expect(balance.warnings.find((w) => w.sector === sector)).toMatchObject({ members: m, total: 0 });
      }),
      { numRuns },
    );
  });

  it("flags exactly the sectors with members, in a judged period, under the line; the figures shown agree", () => {
    fc.assert(
      fc.property(activityArb, quietArb, (activity, quietPercent) => {
        const balance = participationBalance(activity, quietPercent);
        const { writingMembers: M, roomActs: A } = balance;
        expect(balance.judged).toBe(M > 0 && A >= Math.max(accountabilityLimits.participationMinActs, M));
        for (const sector of sectors) {
          const f = balance.perSector[sector];
          const m = activity[sector].members;
          const exact = balance.judged && m > 0 && 100 * f.total * M < quietPercent * A * m;
          expect(f.quiet, sector).toBe(exact);
          if (f.flaggedBelow !== null) expect(f.total < f.flaggedBelow, sector).toBe(exact);
          if (balance.judged && f.proportionPercent !== null) {
            expect(f.proportionPercent < quietPercent, sector).toBe(exact);
          }
          // Expected acts are rounded up: a sector with fewer acts than expected never shows as reaching them.
          if (f.expectedActs !== null && f.total * M < A * m) expect(f.total).toBeLessThan(f.expectedActs);
        }
        expect(balance.warnings.map((w) => w.sector)).toEqual(sectors.filter((s) => balance.perSector[s].quiet));
      }),
      { numRuns },
    );
  });
});

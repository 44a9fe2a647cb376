// Generated decision rules for the property tests of the tally and of what it says per sector: every kind
// of consensus, quorum, weighting and organisation balance. Test support only (fast-check is a dev
// dependency); nothing outside *.property.test.ts imports it.
import fc from "fast-check";
import type { DecisionRule } from "../schemas/motion.ts";

/** Rules whose thresholds have denominators up to `maxDenominator`. */
export function decisionRuleArbitrary(maxDenominator: number): fc.Arbitrary<DecisionRule> {
  const threshold = fc
    .integer({ min: 1, max: maxDenominator })
    .chain((denominator) =>
      fc.record({ numerator: fc.integer({ min: 1, max: denominator }), denominator: fc.constant(denominator) }),
    );
  return fc.record({
    quorum: fc.record({ minVoters: fc.integer({ min: 1, max: 6 }), minSectors: fc.integer({ min: 1, max: 4 }) }),
    consensus: fc.oneof(
      fc.constant({ type: "unanimity" as const }),
      fc.constant({ type: "consent" as const }),
      fc.record({ type: fc.constant("sectorConsensus" as const), threshold }),
      fc.record({ type: fc.constant("supermajority" as const), threshold, blockIsVeto: fc.boolean() }),
    ),
    sectorWeighting: fc.constantFrom("equal" as const, "byMember" as const),
    organisationBalance: fc.boolean(),
  });
}

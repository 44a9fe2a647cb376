// Test support for the poll property tests (fast-check is a dev dependency; nothing outside
// *.property.test.ts imports it): a generated poll with its ballots also in another order, for "the count
// does not depend on the order of the ballots".
import fc from "fast-check";

/** A poll from `polls`, and the same ballots shuffled. */
export function withBallotsShuffled<P extends { ballots: readonly unknown[] }>(
  polls: fc.Arbitrary<P>,
): fc.Arbitrary<[P, P["ballots"][number][]]> {
  return polls.chain((poll) =>
    fc.tuple(fc.constant(poll), fc.shuffledSubarray([...poll.ballots], { minLength: poll.ballots.length })),
  );
}

// Properties of countPoll over generated polls of every kind: an answer that passes pollAnswerIssues is
// counted; the sectors' ballots add up to the whole; what leads is among the options, and only with quorum;
// a poll without quorum says so; the order of the answers never matters; under either weighting, a poll
// whose voters all come from one sector leads the same way.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PollAnswer } from "../schemas/poll.ts";
import { sectors } from "../schemas/user.ts";
import { type PollDefinition, type PollVoterAnswer, countPoll, pollAnswerIssues } from "./pollCount.ts";
import { withBallotsShuffled } from "./shuffledBallots.ts";

const numRuns = 300;
fc.configureGlobal({ seed: 20261203 });

const optionIds = ["o1", "o2", "o3", "o4"];
const someOptions = fc.subarray(optionIds);

/** A poll of any kind, with answers that fit it. */
const pollArb = fc
  .record({
    kind: fc.constantFrom("ranked" as const, "score" as const, "dot" as const, "time" as const),
    method: fc.constantFrom("schulze" as const, "instantRunoff" as const),
    maxScore: fc.integer({ min: 1, max: 5 }),
    dots: fc.integer({ min: 1, max: 6 }),
  })
  .chain((poll) => {
    const answer: fc.Arbitrary<PollAnswer> =
      poll.kind === "ranked"
        ? someOptions.chain((ids) =>
            fc
              .tuple(...ids.map(() => fc.integer({ min: 1, max: optionIds.length })))
              .map((ranks) => ({ ranks: Object.fromEntries(ids.map((id, i) => [id, ranks[i]!])) })),
          )
        : poll.kind === "score"
          ? someOptions.chain((ids) =>
              fc
                .tuple(...ids.map(() => fc.integer({ min: 0, max: poll.maxScore })))
                .map((scores) => ({ scores: Object.fromEntries(ids.map((id, i) => [id, scores[i]!])) })),
            )
          : poll.kind === "dot"
            ? fc.array(fc.constantFrom(...optionIds), { maxLength: poll.dots }).map((placed) => {
                const dots: Record<string, number> = {};
                for (const id of placed) dots[id] = (dots[id] ?? 0) + 1;
                return { dots };
              })
            : someOptions.chain((ids) =>
                fc
                  .tuple(...ids.map(() => fc.constantFrom("yes" as const, "ifNeedBe" as const, "no" as const)))
                  .map((given) => ({ answers: Object.fromEntries(ids.map((id, i) => [id, given[i]!])) })),
              );
    return fc.record({
      poll: fc.constant<PollDefinition>({ ...poll, optionIds }),
      ballots: fc.array(fc.record({ sector: fc.constantFrom(...sectors), answer }), { maxLength: 12 }),
      quorum: fc.record({ minVoters: fc.integer({ min: 1, max: 6 }), minSectors: fc.integer({ min: 1, max: 3 }) }),
      weighting: fc.constantFrom("equal" as const, "byMember" as const),
    });
  });

function counted(
  poll: PollDefinition,
  ballots: readonly PollVoterAnswer[],
  quorum: { minVoters: number; minSectors: number },
  weighting: "equal" | "byMember",
) {
  const result = countPoll(poll, ballots, { quorum, sectorWeighting: weighting, eligibleCount: 20 });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe("countPoll properties", () => {
  it("counts every answer that fits, sectors adding up to the whole, leading only with quorum", () => {
    fc.assert(
      fc.property(pollArb, ({ poll, ballots, quorum, weighting }) => {
        for (const ballot of ballots) expect(pollAnswerIssues(poll, ballot)).toEqual([]);
        const result = counted(poll, ballots, quorum, weighting);
        expect(result.votersCount).toBe(ballots.length);
        expect(result.count.overall.ballots).toBe(ballots.length);
        const perSector = sectors.reduce((sum, sector) => sum + (result.count.perSector[sector]?.ballots ?? 0), 0);
        expect(perSector).toBe(ballots.length);
        const present = new Set(ballots.map((b) => b.sector));
        const met = ballots.length >= quorum.minVoters && present.size >= quorum.minSectors;
        expect(result.quorumMet).toBe(met);
        if (!met) expect(result).toMatchObject({ outcome: "noQuorum", leading: [] });
        else expect(result.outcome).toBe(result.leading.length > 0 ? "decided" : "noResult");
        // Nothing leads exactly when nothing was given that could lead (worked out here from the answers).
        const given = (field: "ranks" | "scores" | "dots" | "answers") =>
          ballots.flatMap((b) => Object.entries(b.answer[field] ?? {}));
        const nothingToLead =
          poll.kind === "ranked"
            ? poll.method === "schulze"
              ? ballots.length === 0
              : given("ranks").length === 0
            : poll.kind === "score"
              ? given("scores").length === 0
              : poll.kind === "dot"
                ? given("dots").every(([, n]) => n === 0)
                : given("answers").every(([, answer]) => answer === "no");
        if (met) expect(result.leading.length === 0).toBe(nothingToLead);
        for (const option of result.leading) expect(optionIds).toContain(option);
        expect(new Set(result.leading).size).toBe(result.leading.length);
      }),
      { numRuns },
    );
  });

  it("does not depend on the order of the answers", () => {
    fc.assert(
      fc.property(withBallotsShuffled(pollArb), ([{ poll, ballots, quorum, weighting }, shuffled]) => {
        expect(counted(poll, shuffled, quorum, weighting)).toEqual(counted(poll, ballots, quorum, weighting));
      }),
      { numRuns },
    );
  });

  it("leads the same under either weighting when every voter is of one sector", () => {
    fc.assert(
      fc.property(pollArb, ({ poll, ballots }) => {
        const oneSector = ballots.map((ballot) => ({ ...ballot, sector: "community" as const }));
        const lenient = { minVoters: 1, minSectors: 1 };
        expect(counted(poll, oneSector, lenient, "equal").leading).toEqual(
          counted(poll, oneSector, lenient, "byMember").leading,
        );
      }),
      { numRuns },
    );
  });

  it("leads with nothing, and says so, when the answers give nothing (no score, no dot, no one can come)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("score" as const, "dot" as const, "time" as const),
        fc.array(fc.constantFrom(...sectors), { minLength: 1, maxLength: 8 }),
        (kind, voterSectors) => {
          const poll: PollDefinition = { kind, optionIds, maxScore: 3, dots: 3 };
          const empty: PollAnswer =
            kind === "score"
              ? { scores: {} }
              : kind === "dot"
                ? { dots: { o1: 0 } }
                : { answers: Object.fromEntries(optionIds.map((id) => [id, "no" as const])) };
          const result = counted(
            poll,
            voterSectors.map((sector) => ({ sector, answer: empty })),
            { minVoters: 1, minSectors: 1 },
            "equal",
          );
          expect(result).toMatchObject({ outcome: "noResult", leading: [], quorumMet: true });
        },
      ),
      { numRuns },
    );
  });
});

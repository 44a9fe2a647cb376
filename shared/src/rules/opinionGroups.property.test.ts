// Properties of the opinion-group counting over generated matrices and groupings: group counts add up to
// the grouped votes, consensus and divisive statements are exactly those a naive reference finds (in the
// documented order), the sector composition adds up to the groups, and the order of participants never
// matters.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Sector, sectors } from "../schemas/user.ts";
import {
  type GroupVoteCounts,
  countVotesByGroup,
  missingVoteCell,
  sectorComposition,
  selectConsensusStatements,
  selectDivisiveStatements,
  votesCastPerParticipant,
} from "./opinionGroups.ts";

const numRuns = 300;
fc.configureGlobal({ seed: 20261203 });

const cellArb = fc.constantFrom(1, -1, 0, missingVoteCell);

/** A matrix with a grouping: each participant in a group below groupCount or not grouped, with a sector. */
const groupedMatrixArb = fc
  .record({
    statements: fc.integer({ min: 1, max: 6 }),
    groupCount: fc.integer({ min: 1, max: 4 }),
    participants: fc.integer({ min: 0, max: 14 }),
  })
  .chain(({ statements, groupCount, participants }) =>
    fc.record({
      statements: fc.constant(statements),
      groupCount: fc.constant(groupCount),
      rows: fc.array(
        fc.record({
          cells: fc.array(cellArb, { minLength: statements, maxLength: statements }),
          group: fc.option(fc.integer({ min: 0, max: groupCount - 1 }), { nil: null }),
          sector: fc.constantFrom(...sectors),
        }),
        { minLength: participants, maxLength: participants },
      ),
    }),
  );

type Generated = {
  statements: number;
  groupCount: number;
  rows: { cells: number[]; group: number | null; sector: Sector }[];
};

function countsOf({ statements, groupCount, rows }: Generated): GroupVoteCounts[][] {
  const matrix = { participants: rows.length, statements, cells: rows.flatMap((row) => row.cells) };
  return countVotesByGroup(
    matrix,
    rows.map((row) => row.group),
    groupCount,
  );
}

const votes = (counts: GroupVoteCounts) => counts.agree + counts.disagree + counts.pass;

describe("opinion group counting properties", () => {
  it("adds each statement's group counts up to the votes grouped participants cast on it", () => {
    fc.assert(
      fc.property(groupedMatrixArb, (generated) => {
        const counts = countsOf(generated);
        for (let s = 0; s < generated.statements; s++) {
          for (const [value, key] of [
            [1, "agree"],
            [-1, "disagree"],
            [0, "pass"],
          ] as const) {
            const expected = generated.rows.filter((row) => row.group !== null && row.cells[s] === value).length;
            expect(counts[s]!.reduce((sum, group) => sum + group[key], 0)).toBe(expected);
          }
        }
        const cast = votesCastPerParticipant({
          participants: generated.rows.length,
          statements: generated.statements,
          cells: generated.rows.flatMap((row) => row.cells),
        });
        expect(cast).toEqual(generated.rows.map((row) => row.cells.filter((cell) => cell !== missingVoteCell).length));
      }),
      { numRuns },
    );
  });

  it("lists as consensus exactly the statements every group voted on and sides with at 3/5, strongest first", () => {
    fc.assert(
      fc.property(groupedMatrixArb, (generated) => {
        const counts = countsOf(generated);
        const listed = selectConsensusStatements(counts, { numerator: 3, denominator: 5 }, Number.POSITIVE_INFINITY);
        const expected = counts.flatMap((groups, statement) =>
          (["agree", "disagree"] as const).flatMap((direction) =>
            groups.every((group) => votes(group) > 0 && group[direction] / votes(group) >= 0.6 - 1e-12)
              ? [`${statement}:${direction}`]
              : [],
          ),
        );
        expect(listed.map((entry) => `${entry.statement}:${entry.direction}`).sort()).toEqual(expected.sort());
        for (const entry of listed) {
          const shares = counts[entry.statement]!.map((group) => group[entry.direction] / votes(group));
          expect(entry.minShare).toBeCloseTo(Math.min(...shares), 12);
        }
        for (let i = 1; i < listed.length; i++) {
          const [before, after] = [listed[i - 1]!, listed[i]!];
          expect(before.minShare >= after.minShare - 1e-12).toBe(true);
          if (Math.abs(before.minShare - after.minShare) < 1e-12) {
            expect(before.statement <= after.statement).toBe(true);
          }
        }
      }),
      { numRuns },
    );
  });

  it("lists as divisive exactly the statements whose voting groups' agreement spreads by 1/2 or more, widest first", () => {
    fc.assert(
      fc.property(groupedMatrixArb, (generated) => {
        const counts = countsOf(generated);
        const listed = selectDivisiveStatements(counts, { numerator: 1, denominator: 2 }, Number.POSITIVE_INFINITY);
        const spreads = counts.map((groups) => {
          const shares = groups.filter((group) => votes(group) > 0).map((group) => group.agree / votes(group));
          return shares.length < 2 ? null : Math.max(...shares) - Math.min(...shares);
        });
        const expected = spreads.flatMap((spread, statement) =>
          spread !== null && spread >= 0.5 - 1e-12 ? [statement] : [],
        );
        expect(listed.map((entry) => entry.statement).sort((a, b) => a - b)).toEqual(expected);
        for (const entry of listed) {
          expect(entry.spread).toBeCloseTo(spreads[entry.statement]!, 12);
          const groups = counts[entry.statement]!;
          const share = (group: number) => groups[group]!.agree / votes(groups[group]!);
          expect(share(entry.mostAgreeing) - share(entry.leastAgreeing)).toBeCloseTo(entry.spread, 12);
        }
        for (let i = 1; i < listed.length; i++) {
          expect(listed[i - 1]!.spread >= listed[i]!.spread - 1e-12).toBe(true);
        }
      }),
      { numRuns },
    );
  });

  it("adds the sector composition up to each group's members and those not grouped", () => {
    fc.assert(
      fc.property(groupedMatrixArb, ({ rows, groupCount }) => {
        const composition = sectorComposition(rows, groupCount);
        composition.groups.forEach((counts, group) => {
          for (const sector of sectors) {
            expect(counts[sector]).toBe(rows.filter((row) => row.group === group && row.sector === sector).length);
          }
        });
        const total = (counts: Record<Sector, number>) => sectors.reduce((sum, sector) => sum + counts[sector], 0);
        expect(composition.groups.reduce((sum, counts) => sum + total(counts), 0) + total(composition.ungrouped)).toBe(
          rows.length,
        );
      }),
      { numRuns },
    );
  });

  it("gives the same counts, consensus and divisive statements whatever the order of the participants", () => {
    fc.assert(
      fc.property(
        groupedMatrixArb.chain((generated) =>
          fc.record({
            generated: fc.constant(generated),
            order: fc.shuffledSubarray(
              generated.rows.map((_, index) => index),
              { minLength: generated.rows.length, maxLength: generated.rows.length },
            ),
          }),
        ),
        ({ generated, order }) => {
          const shuffled = { ...generated, rows: order.map((index) => generated.rows[index]!) };
          const [a, b] = [countsOf(generated), countsOf(shuffled)];
          expect(b).toEqual(a);
          expect(selectConsensusStatements(b)).toEqual(selectConsensusStatements(a));
          expect(selectDivisiveStatements(b)).toEqual(selectDivisiveStatements(a));
          expect(sectorComposition(shuffled.rows, generated.groupCount)).toEqual(
            sectorComposition(generated.rows, generated.groupCount),
          );
        },
      ),
      { numRuns },
    );
  });
});

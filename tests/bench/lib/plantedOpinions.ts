// Synthetic vote matrices with known opinion groups, for the grouping benchmark and its tests: each
// planted group has a stance on every statement (agree or disagree); a participant votes on a share of
// the statements and, with some noise, takes their group's stance, else passes or takes the other side.
// Seeded, so a run is the same matrix every time.
import { type Sector, type VoteMatrix, missingVoteCell, sectors } from "@mufakat/shared";

/** mulberry32: a small seeded generator, enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlantedOptions {
  participants: number;
  statements: number;
  groups: number;
  /** Share of the cells voted on (0..1). */
  votedShare: number;
  /** Share of the votes cast that do not follow the group's stance (half passes, half the other side). */
  noise: number;
  seed: number;
}

export interface PlantedMatrix {
  matrix: VoteMatrix & { cells: Int8Array };
  /** The planted group of each participant (participant p is in group p mod groups). */
  truth: number[];
  sectors: Sector[];
}

export function plantedOpinionMatrix(options: PlantedOptions): PlantedMatrix {
  const random = seededRandom(options.seed);
  const stances = Array.from({ length: options.groups }, () =>
    Array.from({ length: options.statements }, () => (random() < 0.5 ? 1 : -1)),
  );
  const cells = new Int8Array(options.participants * options.statements);
  const truth: number[] = [];
  for (let p = 0; p < options.participants; p++) {
    const group = p % options.groups;
    truth.push(group);
    for (let s = 0; s < options.statements; s++) {
      const stance = stances[group]![s]!;
      let cell: number = missingVoteCell;
      if (random() < options.votedShare) {
        cell = random() < options.noise ? (random() < 0.5 ? 0 : -stance) : stance;
      }
      cells[p * options.statements + s] = cell;
    }
  }
  return {
    matrix: { participants: options.participants, statements: options.statements, cells },
    truth,
    sectors: truth.map((_, p) => sectors[p % sectors.length]!),
  };
}

/** Participants whose found group is the one most of their planted group landed in, over all grouped. */
export function recoveredShare(truth: readonly number[], found: readonly (number | null)[]): number {
  const tallies = new Map<number, Map<number, number>>();
  truth.forEach((planted, p) => {
    const group = found[p];
    if (group === null || group === undefined) return;
    const tally = tallies.get(planted) ?? new Map<number, number>();
    tally.set(group, (tally.get(group) ?? 0) + 1);
    tallies.set(planted, tally);
  });
  let agreeing = 0;
  let grouped = 0;
  for (const tally of tallies.values()) {
    const counts = [...tally.values()];
    agreeing += Math.max(...counts);
    grouped += counts.reduce((sum, count) => sum + count, 0);
  }
  return grouped === 0 ? 0 : agreeing / grouped;
}

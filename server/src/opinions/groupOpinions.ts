// The opinion grouping itself (what Polis does): participants × statements votes -> a 2D map by PCA and
// groups by k-means on that map, then the counts the page shows (shared/src/rules/opinionGroups.ts).
// CPU-bound and synchronous: the server runs it in a worker thread (opinionGrouper.ts), never on its
// event loop. Deterministic: the same matrix gives the same groups, points and labels.
//
// Choices, and why:
// - Missing votes are imputed with the statement's mean vote among the grouped participants (so they
//   are centred to 0 and pull no one anywhere), and each point is then scaled by √(statements / votes
//   cast), as Polis does: without it a participant who voted on little sits near the middle only
//   because most of their row was imputed.
// - PCA to 2 components (ml-pca's eigendecomposition of the covariance). A component's sign is arbitrary; it is fixed so that its largest
//   loading is positive, so a re-run (or another library version) does not mirror the map.
// - k-means on the 2D points (ml-kmeans, k-means++ seeded with `kmeansSeed`, so runs are reproducible),
//   for every k from 2 to 5 (and at most the number of distinct points); the k with the highest mean
//   silhouette wins, the smaller k on a tie: a split is shown only where it is clearer. Grouping on the
//   map rather than in the full space means what the page draws is what was grouped.
// - Groups are numbered by size, largest first, then by their first participant in input order.
import {
  type ConsensusStatement,
  type DivisiveStatement,
  type GroupVoteCounts,
  type Sector,
  type SectorComposition,
  type VoteMatrix,
  countVotesByGroup,
  minVotesToGroup,
  missingVoteCell,
  opinionGroupSettings,
  sectorComposition,
  selectConsensusStatements,
  selectDivisiveStatements,
  votesCastPerParticipant,
} from "@mufakat/shared";
import { kmeans } from "ml-kmeans";
import { PCA } from "ml-pca";

export const kmeansSeed = 20261203;

export interface Point {
  x: number;
  y: number;
}

export interface GroupingInput {
  matrix: VoteMatrix;
  /** One per participant (row), in the matrix's order. */
  sectors: readonly Sector[];
}

export interface GroupingResult {
  /** Votes a participant needed to be grouped. */
  minVotes: number;
  /** Per participant: votes cast, group (null: not grouped) and point on the map (null: not placed). */
  votesCast: number[];
  groupOf: (number | null)[];
  points: (Point | null)[];
  groups: { members: number[]; centroid: Point }[];
  /** The mean silhouette of the chosen grouping; null with fewer than two groups. */
  silhouette: number | null;
  /** Every k tried, with its mean silhouette. */
  candidates: { k: number; silhouette: number }[];
  /** votes[statement][group]. */
  votes: GroupVoteCounts[][];
  consensus: ConsensusStatement[];
  divisive: DivisiveStatement[];
  sectors: SectorComposition;
}

function noGroups(input: GroupingInput, minVotes: number, votesCast: number[]): GroupingResult {
  const groupOf = votesCast.map(() => null);
  return {
    minVotes,
    votesCast,
    groupOf,
    points: votesCast.map(() => null),
    groups: [],
    silhouette: null,
    candidates: [],
    votes: countVotesByGroup(input.matrix, groupOf, 0),
    consensus: [],
    divisive: [],
    sectors: sectorComposition(
      input.sectors.flatMap((sector, p) => ((votesCast[p] ?? 0) > 0 ? [{ sector, group: null }] : [])),
      0,
    ),
  };
}

/**
 * The grouped rows' votes, missing cells imputed by the column mean and every column centred (so an
 * imputed cell is 0), row-major; columns nobody grouped voted on are dropped (they carry nothing).
 */
function centredRows(matrix: VoteMatrix, rows: readonly number[]): { data: Float64Array; width: number } {
  const { statements, cells } = matrix;
  const sums = new Float64Array(statements);
  const counts = new Uint32Array(statements);
  for (const p of rows) {
    for (let s = 0; s < statements; s++) {
      const cell = cells[p * statements + s]!;
      if (cell === missingVoteCell) continue;
      sums[s]! += cell;
      counts[s]!++;
    }
  }
  const columns: number[] = [];
  for (let s = 0; s < statements; s++) if (counts[s]! > 0) columns.push(s);
  const width = columns.length;
  const data = new Float64Array(rows.length * width);
  rows.forEach((p, r) => {
    columns.forEach((s, c) => {
      const cell = cells[p * statements + s]!;
      data[r * width + c] = cell === missingVoteCell ? 0 : cell - sums[s]! / counts[s]!;
    });
  });
  return { data, width };
}

/**
 * 2D PCA scores of centred rows, signs fixed; 0 where a component does not exist. The covariance is
 * summed here over typed arrays (the one O(n·p²) step; ml-matrix's general product is 4× slower on it),
 * and ml-pca takes its eigendecomposition.
 */
function project({ data, width }: { data: Float64Array; width: number }, n: number): Point[] {
  if (width === 0 || n < 2) return Array.from({ length: n }, () => ({ x: 0, y: 0 }));
  const sums = new Float64Array(width * width);
  for (let r = 0; r < n; r++) {
    const offset = r * width;
    for (let i = 0; i < width; i++) {
      const value = data[offset + i]!;
      if (value === 0) continue;
      const row = i * width;
      for (let j = i; j < width; j++) sums[row + j]! += value * data[offset + j]!;
    }
  }
  const covariance = Array.from({ length: width }, (_, i) =>
    Array.from({ length: width }, (_, j) => (i <= j ? sums[i * width + j]! : sums[j * width + i]!) / (n - 1)),
  );
  const vectors = new PCA(covariance, { isCovarianceMatrix: true }).getEigenvectors();
  const components = Math.min(2, vectors.columns);
  const loadings: number[][] = [];
  for (let c = 0; c < components; c++) {
    const column = vectors.getColumn(c);
    let largest = 0;
    for (const value of column) if (Math.abs(value) > Math.abs(largest)) largest = value;
    loadings.push(largest < 0 ? column.map((value) => -value) : column);
  }
  return Array.from({ length: n }, (_, r) => {
    const score = [0, 0];
    const offset = r * width;
    for (let c = 0; c < components; c++) {
      const loading = loadings[c]!;
      let sum = 0;
      for (let s = 0; s < width; s++) sum += data[offset + s]! * loading[s]!;
      score[c] = sum;
    }
    return { x: score[0]!, y: score[1]! };
  });
}

/** Mean silhouette of a labelling of 2D points (a point alone in its group scores 0). */
export function meanSilhouette(points: readonly Point[], labels: readonly number[], k: number): number {
  const n = points.length;
  const sizes = new Array<number>(k).fill(0);
  for (const label of labels) sizes[label]!++;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    const { x, y } = points[i]!;
    for (let j = 0; j < n; j++) {
      const other = points[j]!;
      const dx = x - other.x;
      const dy = y - other.y;
      sums[labels[j]!]! += Math.sqrt(dx * dx + dy * dy);
    }
    const own = labels[i]!;
    if (sizes[own]! <= 1) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    const spread = Math.max(a, b);
    total += spread === 0 ? 0 : (b - a) / spread;
  }
  return total / n;
}

function distinctPointCount(points: readonly Point[]): number {
  return new Set(points.map(({ x, y }) => `${x},${y}`)).size;
}

/** Labels renumbered: groups by size, largest first, then by first member; empty groups dropped. */
function orderedGroups(labels: readonly number[], k: number): { relabel: number[]; members: number[][] } {
  const members = Array.from({ length: k }, () => [] as number[]);
  labels.forEach((label, index) => {
    members[label]!.push(index);
  });
  const order = members
    .map((list, label) => ({ list, label }))
    .filter(({ list }) => list.length > 0)
    .sort((a, b) => b.list.length - a.list.length || a.list[0]! - b.list[0]!);
  const relabel = new Array<number>(k).fill(-1);
  order.forEach(({ label }, index) => {
    relabel[label] = index;
  });
  return { relabel, members: order.map(({ list }) => list) };
}

export function groupOpinions(input: GroupingInput): GroupingResult {
  const { matrix } = input;
  const votesCast = votesCastPerParticipant(matrix);
  const minVotes = minVotesToGroup(matrix.statements);
  const rows = votesCast.flatMap((cast, p) => (cast >= minVotes ? [p] : []));
  if (rows.length < opinionGroupSettings.minParticipantsToGroup) return noGroups(input, minVotes, votesCast);

  const projected = project(centredRows(matrix, rows), rows.length);
  const points = projected.map(({ x, y }, index) => {
    const scale = Math.sqrt(matrix.statements / votesCast[rows[index]!]!);
    return { x: x * scale, y: y * scale };
  });

  const distinct = distinctPointCount(points);
  const candidates: { k: number; silhouette: number }[] = [];
  let labels = points.map(() => 0);
  let k = 1;
  let best = Number.NEGATIVE_INFINITY;
  const data = points.map(({ x, y }) => [x, y]);
  const maxK = Math.min(opinionGroupSettings.maxGroups, distinct, rows.length - 1);
  for (let candidate = opinionGroupSettings.minGroups; candidate <= maxK; candidate++) {
    const clustering = kmeans(data, candidate, { seed: kmeansSeed, initialization: "kmeans++", maxIterations: 300 });
    const silhouette = meanSilhouette(points, clustering.clusters, candidate);
    candidates.push({ k: candidate, silhouette });
    // Strictly better by more than rounding: on a tie the smaller k stands.
    if (silhouette > best + 1e-12) {
      best = silhouette;
      labels = clustering.clusters;
      k = candidate;
    }
  }

  const { relabel, members } = orderedGroups(labels, k);
  const groupOf: (number | null)[] = votesCast.map(() => null);
  const pointOf: (Point | null)[] = votesCast.map(() => null);
  rows.forEach((p, index) => {
    groupOf[p] = relabel[labels[index]!]!;
    pointOf[p] = points[index]!;
  });
  const groups = members.map((list) => {
    const memberRows = list.map((index) => rows[index]!);
    const centroid = list.reduce(
      (sum, index) => ({ x: sum.x + points[index]!.x / list.length, y: sum.y + points[index]!.y / list.length }),
      { x: 0, y: 0 },
    );
    return { members: memberRows, centroid };
  });
  const votes = countVotesByGroup(matrix, groupOf, groups.length);
  return {
    minVotes,
    votesCast,
    groupOf,
    points: pointOf,
    groups,
    silhouette: groups.length >= 2 ? best : null,
    candidates,
    votes,
    consensus: selectConsensusStatements(votes),
    divisive: selectDivisiveStatements(votes),
    sectors: sectorComposition(
      input.sectors.flatMap((sector, p) => ((votesCast[p] ?? 0) > 0 ? [{ sector, group: groupOf[p] ?? null }] : [])),
      groups.length,
    ),
  };
}

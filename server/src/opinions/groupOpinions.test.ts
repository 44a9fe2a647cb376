// The grouping on matrices whose groups are known: a small noiseless room is recovered exactly (members,
// order of the groups, consensus and divisive statements, sectors), the vote rule leaves people out and
// counts them, and the worker thread answers exactly what the grouping answers in-process.
import { type Sector, type VoteMatrix, missingVoteCell } from "@mufakat/shared";
import { afterAll, describe, expect, it } from "vitest";
import { groupOpinions } from "./groupOpinions.ts";
import { OpinionGrouper } from "./opinionGrouper.ts";

const m = missingVoteCell;
const stances = {
  A: [1, 1, 1, -1, -1, 1, 1, -1],
  B: [1, 1, -1, 1, -1, -1, 1, 1],
  C: [1, -1, -1, 1, 1, 1, 1, -1],
};
// Rows interleaved so group order and membership cannot come from input order: A has 5, B 4, C 3.
// Row 12 voted on 2 statements (fewer than the 7 needed); row 13 on none.
const plan: Array<keyof typeof stances | "few" | "none"> = [
  "B",
  "A",
  "C",
  "A",
  "B",
  "A",
  "C",
  "B",
  "A",
  "C",
  "B",
  "A",
  "few",
  "none",
];
const rowSectors: Sector[] = plan.map(
  (_, row) => (["government", "private", "community", "academia", "media"] as const)[row % 5]!,
);
const rows = plan.map((kind) =>
  kind === "few" ? [1, -1, m, m, m, m, m, m] : kind === "none" ? new Array(8).fill(m) : stances[kind],
);
const matrix: VoteMatrix = { participants: rows.length, statements: 8, cells: rows.flat() };
const members = (kind: keyof typeof stances) => plan.flatMap((k, row) => (k === kind ? [row] : []));

describe("groupOpinions", () => {
  const result = groupOpinions({ matrix, sectors: rowSectors });

  it("recovers the planted groups exactly, largest first, and leaves out who voted too little", () => {
    expect(result.minVotes).toBe(7);
    expect(result.groups.map((group) => group.members)).toEqual([members("A"), members("B"), members("C")]);
    expect(result.groupOf).toEqual(plan.map((kind) => (kind === "A" ? 0 : kind === "B" ? 1 : kind === "C" ? 2 : null)));
    expect(result.votesCast).toEqual([...new Array(12).fill(8), 2, 0]);
    expect(result.points[12]).toBeNull();
    expect(result.points[13]).toBeNull();
    // Noiseless groups sit on one point each: every silhouette is 1, and 3 groups beat 2.
    expect(result.silhouette).toBe(1);
    expect(result.candidates.map((candidate) => candidate.k)).toEqual([2, 3]);
    for (const group of result.groups) {
      for (const row of group.members) expect(result.points[row]).toEqual(group.centroid);
    }
  });

  it("finds the statements every group agrees on and those that divide them", () => {
    expect(result.consensus).toEqual([
      { statement: 0, direction: "agree", minShare: 1 },
      { statement: 6, direction: "agree", minShare: 1 },
    ]);
    expect(result.divisive).toEqual([
      { statement: 1, spread: 1, mostAgreeing: 0, leastAgreeing: 2 },
      { statement: 2, spread: 1, mostAgreeing: 0, leastAgreeing: 1 },
      { statement: 3, spread: 1, mostAgreeing: 1, leastAgreeing: 0 },
      { statement: 4, spread: 1, mostAgreeing: 2, leastAgreeing: 0 },
      { statement: 5, spread: 1, mostAgreeing: 0, leastAgreeing: 1 },
      { statement: 7, spread: 1, mostAgreeing: 1, leastAgreeing: 0 },
    ]);
    expect(result.votes[1]).toEqual([
      { agree: 5, disagree: 0, pass: 0 },
      { agree: 4, disagree: 0, pass: 0 },
      { agree: 0, disagree: 3, pass: 0 },
    ]);
  });

  it("says how each sector sits in each group; who voted too little is counted apart, who never voted not at all", () => {
    // A: rows 1 3 5 8 11 -> private, academia, government, academia, private.
    expect(result.sectors.groups[0]).toEqual({ government: 1, private: 2, community: 0, academia: 2, media: 0 });
    // B: rows 0 4 7 10 -> government, media, community, government.
    expect(result.sectors.groups[1]).toEqual({ government: 2, private: 0, community: 1, academia: 0, media: 1 });
    // C: rows 2 6 9 -> community, private, media.
    expect(result.sectors.groups[2]).toEqual({ government: 0, private: 1, community: 1, academia: 0, media: 1 });
    // Row 12 (community) is ungrouped; row 13 cast no vote and is nobody's.
    expect(result.sectors.ungrouped).toEqual({ government: 0, private: 0, community: 1, academia: 0, media: 0 });
  });

  it("groups nobody below 4 placed participants, and everybody in one group when all voted alike", () => {
    const three = groupOpinions({
      matrix: { participants: 3, statements: 8, cells: [...stances.A, ...stances.B, ...stances.C] },
      sectors: ["government", "private", "media"],
    });
    expect(three.groups).toEqual([]);
    expect(three.groupOf).toEqual([null, null, null]);
    expect(three.sectors.ungrouped).toEqual({ government: 1, private: 1, community: 0, academia: 0, media: 1 });

    const alike = groupOpinions({
      matrix: { participants: 4, statements: 8, cells: new Array(4).fill(stances.A).flat() },
      sectors: ["government", "private", "media", "media"],
    });
    expect(alike.groups.map((group) => group.members)).toEqual([[0, 1, 2, 3]]);
    expect(alike.silhouette).toBeNull();
    expect(alike.divisive).toEqual([]);
    expect(alike.consensus.map((entry) => `${entry.statement}:${entry.direction}`)).toEqual([
      "0:agree",
      "1:agree",
      "2:agree",
      "3:disagree",
      "4:disagree",
      "5:agree",
      "6:agree",
      "7:disagree",
    ]);
  });
});

describe("OpinionGrouper (worker thread)", () => {
  const grouper = new OpinionGrouper();
  afterAll(() => grouper.close());

  it("answers exactly what the grouping answers in-process, jobs in order", async () => {
    const other = {
      matrix: { participants: 4, statements: 8, cells: new Array(4).fill(stances.B).flat() },
      sectors: rowSectors.slice(0, 4),
    };
    const [first, second] = await Promise.all([grouper.group({ matrix, sectors: rowSectors }), grouper.group(other)]);
    expect(first.result).toEqual(groupOpinions({ matrix, sectors: rowSectors }));
    expect(second.result).toEqual(groupOpinions(other));
  });

  it("starts ahead of the first grouping with warm(), which groups an empty matrix", async () => {
    const warmed = new OpinionGrouper();
    try {
      await warmed.warm();
      const { result } = await warmed.group({ matrix, sectors: rowSectors });
      expect(result.groups.map((group) => group.members.length)).toEqual([5, 4, 3]);
    } finally {
      await warmed.close();
    }
  });

  it("refuses jobs once closed", async () => {
    const closed = new OpinionGrouper();
    await closed.close();
    await expect(closed.group({ matrix, sectors: rowSectors })).rejects.toThrow("opinion grouper: closed");
  });
});

// The benchmark's planted matrices: the generator plants what it says (group p mod groups, the share of
// cells voted), and the server's grouping recovers noisy planted groups with missing votes exactly.
import { groupOpinions } from "@mufakat/server";
import { missingVoteCell } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { plantedOpinionMatrix, recoveredShare } from "./plantedOpinions.ts";

const options = { participants: 300, statements: 60, groups: 3, votedShare: 0.6, noise: 0.15, seed: 7 };

describe("plantedOpinionMatrix", () => {
  it("plants participant p in group p mod groups, the same matrix for the same seed", () => {
    const planted = plantedOpinionMatrix(options);
    expect(planted.truth.slice(0, 7)).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(planted.matrix.cells).toEqual(plantedOpinionMatrix(options).matrix.cells);
    const voted = planted.matrix.cells.filter((cell) => cell !== missingVoteCell).length;
    // 18,000 cells at 60%: within 2 points of it.
    expect(Math.abs(voted / planted.matrix.cells.length - 0.6)).toBeLessThan(0.02);
  });
});

describe("groupOpinions on planted groups", () => {
  it("recovers noisy planted groups with missing votes exactly, and the same way every time", () => {
    const planted = plantedOpinionMatrix(options);
    const found = groupOpinions({ matrix: planted.matrix, sectors: planted.sectors });
    expect(found.groups).toHaveLength(3);
    for (const group of found.groups) {
      expect(group.members).toHaveLength(100);
      expect(new Set(group.members.map((row) => planted.truth[row])).size).toBe(1);
    }
    expect(recoveredShare(planted.truth, found.groupOf)).toBe(1);
    expect(groupOpinions({ matrix: planted.matrix, sectors: planted.sectors })).toEqual(found);
  });
});

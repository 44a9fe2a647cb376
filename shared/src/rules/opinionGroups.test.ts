// The counting around opinion groups on small hand-checked cases: the vote rule, per-group counts,
// consensus and divisive statements at and around their thresholds, and the sector composition.
import { describe, expect, it } from "vitest";
import {
  type GroupVoteCounts,
  agreementShare,
  countVotesByGroup,
  minVotesToGroup,
  missingVoteCell,
  sectorComposition,
  selectConsensusStatements,
  selectDivisiveStatements,
  votesCastPerParticipant,
} from "./opinionGroups.ts";

const c = (agree: number, disagree: number, pass: number): GroupVoteCounts => ({ agree, disagree, pass });

// Two groups; per statement [group 0, group 1]:
//   s0  3/0/1 (agree 3/4)   2/1/0 (agree 2/3)   -> both agree ≥ 3/5: consensus agree, weakest 2/3
//   s1  0/4/0 (disagree 1)  1/2/0 (disagree 2/3) -> consensus disagree, weakest 2/3; agree spread 1/3
//   s2  4/0/0 (agree 1)     0/3/0 (agree 0)     -> divisive, spread 1
//   s3  3/2/0 (agree 3/5)   3/0/2 (agree 3/5)   -> consensus agree exactly at 3/5
//   s4  2/1/1               no votes            -> neither: a group did not vote, only one group voted
//   s5  3/1/0 (agree 3/4)   1/3/0 (agree 1/4)   -> divisive exactly at spread 1/2
const counts: GroupVoteCounts[][] = [
  [c(3, 0, 1), c(2, 1, 0)],
  [c(0, 4, 0), c(1, 2, 0)],
  [c(4, 0, 0), c(0, 3, 0)],
  [c(3, 2, 0), c(3, 0, 2)],
  [c(2, 1, 1), c(0, 0, 0)],
  [c(3, 1, 0), c(1, 3, 0)],
];

describe("minVotesToGroup", () => {
  it("asks for 7 votes, or every statement when there are fewer, and at least one", () => {
    expect([0, 1, 3, 7, 8, 200].map(minVotesToGroup)).toEqual([1, 1, 3, 7, 7, 7]);
  });
});

describe("votesCastPerParticipant and countVotesByGroup", () => {
  // 4 participants × 3 statements; participant 3 is not grouped.
  const m = missingVoteCell;
  const matrix = { participants: 4, statements: 3, cells: [1, -1, 0, 1, m, 1, -1, -1, m, 1, 1, 1] };

  it("counts the votes each participant cast, passes included, missing cells not", () => {
    expect(votesCastPerParticipant(matrix)).toEqual([3, 2, 2, 3]);
  });

  it("counts each group's agrees, disagrees and passes per statement, leaving ungrouped votes out", () => {
    expect(countVotesByGroup(matrix, [0, 0, 1, null], 2)).toEqual([
      [c(2, 0, 0), c(0, 1, 0)],
      [c(0, 1, 0), c(0, 1, 0)],
      [c(1, 0, 1), c(0, 0, 0)],
    ]);
  });
});

describe("agreementShare", () => {
  it("is agrees over all votes, a pass counting as a vote that is not agreement", () => {
    expect(agreementShare(c(3, 0, 1))).toBe(0.75);
    expect(agreementShare(c(0, 0, 0))).toBeNull();
  });
});

describe("selectConsensusStatements", () => {
  it("lists statements every group agrees or disagrees with at 3/5 or more, strongest first", () => {
    expect(selectConsensusStatements(counts)).toEqual([
      { statement: 0, direction: "agree", minShare: 2 / 3 },
      { statement: 1, direction: "disagree", minShare: 2 / 3 },
      { statement: 3, direction: "agree", minShare: 0.6 },
    ]);
  });

  it("drops a statement one vote below the threshold, and keeps at most the limit", () => {
    const below = [[c(3, 2, 0), c(2, 0, 2)]]; // 3/5 and 2/4
    expect(selectConsensusStatements(below)).toEqual([]);
    expect(selectConsensusStatements(counts, { numerator: 3, denominator: 5 }, 1)).toEqual([
      { statement: 0, direction: "agree", minShare: 2 / 3 },
    ]);
  });
});

describe("selectDivisiveStatements", () => {
  it("lists statements whose groups' agreement differs by 1/2 or more, widest first", () => {
    expect(selectDivisiveStatements(counts)).toEqual([
      { statement: 2, spread: 1, mostAgreeing: 0, leastAgreeing: 1 },
      { statement: 5, spread: 0.5, mostAgreeing: 0, leastAgreeing: 1 },
    ]);
  });

  it("compares only the groups that voted, and names the most and least agreeing of three", () => {
    const three = [[c(1, 1, 0), c(0, 0, 0), c(0, 2, 0)]]; // 1/2, none, 0
    expect(selectDivisiveStatements(three)).toEqual([{ statement: 0, spread: 0.5, mostAgreeing: 0, leastAgreeing: 2 }]);
    expect(selectDivisiveStatements(three, { numerator: 51, denominator: 100 })).toEqual([]);
  });
});

describe("sectorComposition", () => {
  it("counts each sector in each group and among those not grouped, every sector present", () => {
    expect(
      sectorComposition(
        [
          { sector: "government", group: 0 },
          { sector: "community", group: 0 },
          { sector: "community", group: 1 },
          { sector: "media", group: null },
        ],
        2,
      ),
    ).toEqual({
      groups: [
        { government: 1, private: 0, community: 1, academia: 0, media: 0 },
        { government: 0, private: 0, community: 1, academia: 0, media: 0 },
      ],
      ungrouped: { government: 0, private: 0, community: 0, academia: 0, media: 1 },
    });
  });

  it("refuses a group number that is not below the group count", () => {
    expect(() => sectorComposition([{ sector: "media", group: 2 }], 2)).toThrow(RangeError);
  });
});

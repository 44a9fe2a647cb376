// countPoll joins the kinds: the answer checks as a ballot is cast, the quorum, and what leads under each
// sector weighting. Small hand-checked polls; values are asserted exactly.
import { describe, expect, it } from "vitest";
import type { Quorum } from "../schemas/motion.ts";
import type { PollResultView } from "../schemas/poll.ts";
import { type PollDefinition, type PollVoterAnswer, countPoll, pollAnswerIssues, rankingOfRanks } from "./pollCount.ts";

const quorum: Quorum = { minVoters: 3, minSectors: 2 };

function counted(
  poll: PollDefinition,
  answers: PollVoterAnswer[],
  sectorWeighting: "equal" | "byMember" = "equal",
): PollResultView {
  const result = countPoll(poll, answers, { quorum, sectorWeighting, eligibleCount: 10 });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

const ranked = (method: "schulze" | "instantRunoff"): PollDefinition => ({
  kind: "ranked",
  optionIds: ["o1", "o2", "o3"],
  method,
});

describe("pollAnswerIssues", () => {
  it("refuses an answer of another kind, naming the field the poll expects", () => {
    expect(pollAnswerIssues(ranked("schulze"), { sector: "government", answer: { scores: { o1: 1 } } })).toEqual([
      {
        path: "answer.ranks",
        code: "custom",
        rule: "invalidAnswer",
        message: 'a ranked poll is answered with "ranks"',
      },
    ]);
  });

  it("names the place of each problem under answer", () => {
    expect(
      pollAnswerIssues(ranked("schulze"), { sector: "government", answer: { ranks: { o1: 1, o9: 2, o2: 4 } } }),
    ).toEqual([
      { path: "answer.ranks.o9", code: "custom", rule: "unknownOption", message: "not an option of this poll" },
      { path: "answer.ranks.o2", code: "custom", rule: "invalidRank", message: "must be a whole number from 1 to 3" },
    ]);
    const score: PollDefinition = { kind: "score", optionIds: ["o1", "o2"], maxScore: 5 };
    expect(
      pollAnswerIssues(score, { sector: "private", answer: { scores: { o1: 6 } } }).map((i) => [i.path, i.rule]),
    ).toEqual([["answer.scores.o1", "scoreOutOfRange"]]);
    const dot: PollDefinition = { kind: "dot", optionIds: ["o1", "o2"], dots: 3 };
    expect(pollAnswerIssues(dot, { sector: "private", answer: { dots: { o1: 2, o2: 2 } } }).map((i) => i.rule)).toEqual(
      ["tooManyDots"],
    );
    expect(pollAnswerIssues(dot, { sector: "private", answer: { dots: { o1: 2, o2: 1 } } })).toEqual([]);
  });
});

describe("rankingOfRanks", () => {
  it("orders ranks best first, holds equal ranks together in the poll's order, and skips gaps", () => {
    expect(rankingOfRanks(["o1", "o2", "o3", "o4"], { o3: 1, o1: 5, o4: 5 })).toEqual([["o3"], ["o1", "o4"]]);
    expect(rankingOfRanks(["o1", "o2"], {})).toEqual([]);
  });
});

describe("countPoll", () => {
  // Four voters of three sectors: o1 > o2 > o3 twice, o2 > o3 > o1 once, o3 > o2 > o1 once.
  const answers: PollVoterAnswer[] = [
    { sector: "government", answer: { ranks: { o1: 1, o2: 2, o3: 3 } } },
    { sector: "government", answer: { ranks: { o1: 1, o2: 2, o3: 3 } } },
    { sector: "private", answer: { ranks: { o2: 1, o3: 2, o1: 3 } } },
    { sector: "community", answer: { ranks: { o3: 1, o2: 2, o1: 3 } } },
  ];

  it("counts a ranked poll by both methods and leads with the poll's own", () => {
    const schulze = counted(ranked("schulze"), answers);
    expect(schulze.count.kind).toBe("ranked");
    if (schulze.count.kind !== "ranked") return;
    // Pairwise: o1>o2 2 (the two government), o2>o1 2; o2>o3 3, o3>o2 1; o1>o3 2, o3>o1 2.
    expect(schulze.count.schulze.pairwise).toEqual([
      { option: "o1", over: [0, 2, 2] },
      { option: "o2", over: [2, 0, 3] },
      { option: "o3", over: [2, 1, 0] },
    ]);
    expect(schulze.count.schulze.ranking).toEqual([{ options: ["o1", "o2"] }, { options: ["o3"] }]);
    expect(schulze.count.schulze.winners).toEqual(["o1", "o2"]);
    expect(schulze.leading).toEqual(["o1", "o2"]);
    expect(schulze.outcome).toBe("decided");
    expect(schulze.count.overall.firstPreferences).toEqual([
      { option: "o1", votes: 2 },
      { option: "o2", votes: 1 },
      { option: "o3", votes: 1 },
    ]);
    expect(schulze.count.perSector.government).toEqual({
      ballots: 2,
      firstPreferences: [
        { option: "o1", votes: 2 },
        { option: "o2", votes: 0 },
        { option: "o3", votes: 0 },
      ],
      winners: ["o1"],
    });
    expect(schulze.count.perSector.media).toEqual({
      ballots: 0,
      firstPreferences: [
        { option: "o1", votes: 0 },
        { option: "o2", votes: 0 },
        { option: "o3", votes: 0 },
      ],
      winners: [],
    });

    const runoff = counted(ranked("instantRunoff"), answers);
    if (runoff.count.kind !== "ranked") return;
    // Round 1: o1 2, o2 1, o3 1; o3 is out (tied with o2, the later id). Round 2: o1 2, o2 2 of 4: no
    // majority; o2 is out (tied, later id). Round 3: every ballot falls to o1, 4 of 4: elected.
    expect(runoff.count.instantRunoff.rounds.map((r) => [r.counts.map((c) => c.exact), r.decision])).toEqual([
      [["2/1", "1/1", "1/1"], { type: "eliminated", option: "o3", reason: "lastById" }],
      [["2/1", "2/1"], { type: "eliminated", option: "o2", reason: expect.any(String) }],
      [["4/1"], { type: "elected", option: "o1", reason: null }],
    ]);
    expect(runoff.leading).toEqual(["o1"]);
  });

  it("leads with the sectors' mean under equal weighting, with the members' mean under byMember", () => {
    const score: PollDefinition = { kind: "score", optionIds: ["o1", "o2"], maxScore: 5 };
    // Four government voters give o1 5 and o2 1; one community voter gives o1 0 and o2 5.
    // byMember: o1 20/5 = 4, o2 9/5: o1. Equal: o1 (5 + 0) / 2 = 2.5, o2 (1 + 5) / 2 = 3: o2.
    const scores: PollVoterAnswer[] = [
      ...Array.from({ length: 4 }, () => ({ sector: "government" as const, answer: { scores: { o1: 5, o2: 1 } } })),
      { sector: "community", answer: { scores: { o1: 0, o2: 5 } } },
    ];
    expect(counted(score, scores, "byMember").leading).toEqual(["o1"]);
    expect(counted(score, scores, "equal").leading).toEqual(["o2"]);

    const dot: PollDefinition = { kind: "dot", optionIds: ["o1", "o2"], dots: 4 };
    // Government: 4 voters, all 4 dots on o1 (16 dots); community: 1 voter, 3 on o2 and 1 on o1.
    // byMember: o1 17, o2 3. Equal: o1 (16/16 + 1/4) / 2 = 5/8, o2 (0 + 3/4) / 2 = 3/8: still o1.
    // With the community's 4 dots on o2: o1 (1 + 0) / 2, o2 (0 + 1) / 2: level.
    const dots: PollVoterAnswer[] = [
      ...Array.from({ length: 4 }, () => ({ sector: "government" as const, answer: { dots: { o1: 4 } } })),
      { sector: "community", answer: { dots: { o2: 4 } } },
    ];
    expect(counted(dot, dots, "byMember").leading).toEqual(["o1"]);
    expect(counted(dot, dots, "equal").leading).toEqual(["o1", "o2"]);
  });

  it("leads with nothing without quorum, and says so", () => {
    const result = counted(ranked("schulze"), answers.slice(0, 2));
    expect(result).toMatchObject({
      outcome: "noQuorum",
      leading: [],
      quorumMet: false,
      votersCount: 2,
      eligibleCount: 10,
      sectorsRepresented: ["government"],
    });
  });

  it("leads a time poll with the best slots", () => {
    const time: PollDefinition = { kind: "time", optionIds: ["o1", "o2"] };
    const result = counted(time, [
      { sector: "government", answer: { answers: { o1: "yes", o2: "no" } } },
      { sector: "private", answer: { answers: { o1: "ifNeedBe", o2: "yes" } } },
      { sector: "community", answer: { answers: { o1: "yes" } } },
    ]);
    expect(result.leading).toEqual(["o1"]);
    expect(result.count.kind === "time" && result.count.overall.slots).toEqual([
      { slot: "o1", yes: 2, ifNeedBe: 1, no: 0, unanswered: 0 },
      { slot: "o2", yes: 1, ifNeedBe: 0, no: 1, unanswered: 1 },
    ]);
  });

  it("refuses malformed answers, listing each under its ballot", () => {
    const result = countPoll(ranked("schulze"), [answers[0]!, { sector: "media", answer: { ranks: { o7: 1 } } }], {
      quorum,
      sectorWeighting: "equal",
      eligibleCount: 2,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.details.map((d) => d.path)).toEqual(["ballots.1.answer.ranks.o7"]);
  });
});

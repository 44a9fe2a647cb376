// The worked examples of README.md ("Participation"), figure by figure, and the editing sessions.
import { describe, expect, it } from "vitest";
import type { Sector } from "../schemas/user.ts";
import { sectors } from "../schemas/user.ts";
import {
  type ActCounts,
  type SectorActivity,
  actsInWords,
  editSessions,
  emptyActCounts,
  participationBalance,
  periodDays,
} from "./participation.ts";

function activity(
  spec: Partial<Record<Sector, { members: number; acts?: Partial<ActCounts> }>>,
): Record<Sector, SectorActivity> {
  return Object.fromEntries(
    sectors.map((sector) => [
      sector,
      { members: spec[sector]?.members ?? 0, acts: { ...emptyActCounts(), ...spec[sector]?.acts } },
    ]),
  ) as Record<Sector, SectorActivity>;
}

/** The reported room: government's coordinator edits and opens motions; academia does nothing. */
const reportedRoom = activity({
  government: { members: 2, acts: { editingSessions: 3, motionsOpened: 2 } },
  private: { members: 2, acts: { editingSessions: 1, comments: 1, chatMessages: 4, votes: 2 } },
  community: { members: 2, acts: { chatMessages: 3, votes: 2, pledges: 1 } },
  academia: { members: 2 },
});

describe("participationBalance: the README's worked examples", () => {
  it("the reported room: government (edits, motions) is in proportion, academia (nothing) is flagged", () => {
    const balance = participationBalance(reportedRoom, 50);
    expect([balance.writingMembers, balance.roomActs, balance.minimumActs, balance.judged]).toEqual([8, 19, 10, true]);
    const rows = sectors.map((s) => {
      const f = balance.perSector[s];
      return [s, f.total, f.expectedActs, f.flaggedBelow, f.proportionPercent, f.quiet];
    });
    expect(rows).toEqual([
      ["government", 5, 4.75, 3, 105, false],
      ["private", 8, 4.75, 3, 168, false],
      ["community", 6, 4.75, 3, 126, false],
      ["academia", 0, 4.75, 3, 0, true],
      ["media", 0, 0, null, null, false],
    ]);
    expect(balance.perSector.government.actShare).toBe(5 / 19);
    expect(balance.perSector.government.memberShare).toBe(0.25);
    expect(balance.balanceIndex).toBeCloseTo(0.75, 12);
    expect(balance.warnings).toEqual([
      {
        type: "symbolicParticipation",
        sector: "academia",
        members: 2,
        writingMembers: 8,
        acts: emptyActCounts(),
        total: 0,
        roomActs: 19,
        flaggedBelow: 3,
        quietPercent: 50,
      },
    ]);
    expect(actsInWords(balance.warnings[0]!.acts)).toEqual({
      did: [],
      didNot: ["editingSessions", "comments", "chatMessages", "votes", "commitments", "pledges"],
    });
  });

  it("quiet, not silent: government with 1 vote of 20 acts is flagged, academia with 5 is not", () => {
    const balance = participationBalance(
      activity({
        government: { members: 2, acts: { votes: 1 } },
        private: { members: 2, acts: { chatMessages: 6, votes: 2 } },
        community: { members: 2, acts: { chatMessages: 4, votes: 2 } },
        academia: { members: 2, acts: { comments: 3, votes: 2 } },
      }),
      50,
    );
    expect(balance.roomActs).toBe(20);
    expect(balance.perSector.government).toMatchObject({ flaggedBelow: 3, proportionPercent: 20, quiet: true });
    expect(balance.perSector.academia).toMatchObject({ total: 5, proportionPercent: 100, quiet: false });
    expect(balance.warnings.map((w) => w.sector)).toEqual(["government"]);
    expect(actsInWords(balance.warnings[0]!.acts)).toEqual({
      did: [{ kind: "votes", count: 1 }],
      didNot: ["editingSessions", "comments", "chatMessages", "commitments", "pledges"],
    });
  });

  it("exactly at the line is not quiet: 2 of 4 expected acts is 50 %, 1 is 25 %", () => {
    const room = (communityActs: number) =>
      participationBalance(
        activity({
          government: { members: 1, acts: { chatMessages: 8 - communityActs } },
          private: { members: 1, acts: { chatMessages: 4 } },
          community: { members: 1, acts: { chatMessages: communityActs } },
          academia: { members: 1, acts: { chatMessages: 4 } },
        }),
        50,
      );
    expect(room(2).roomActs).toBe(16);
    expect(room(2).perSector.community).toMatchObject({
      expectedActs: 4,
      flaggedBelow: 2,
      proportionPercent: 50,
      quiet: false,
    });
    expect(room(1).perSector.community).toMatchObject({ flaggedBelow: 2, proportionPercent: 25, quiet: true });
    expect(room(1).warnings.map((w) => w.sector)).toEqual(["community"]);
  });

  it("too little to judge: 9 acts among 8 members flag nobody, not even a sector that did nothing", () => {
    const balance = participationBalance(
      activity({
        government: { members: 2, acts: { invites: 6 } },
        private: { members: 2, acts: { chatMessages: 3 } },
        community: { members: 2 },
        academia: { members: 2 },
      }),
      50,
    );
    expect([balance.roomActs, balance.minimumActs, balance.judged]).toEqual([9, 10, false]);
    expect(balance.warnings).toEqual([]);
    expect(balance.perSector.academia).toMatchObject({ flaggedBelow: null, proportionPercent: 0, quiet: false });
  });

  it("a room's own quiet percentage moves the line, and one outside 1–100 is refused", () => {
    // At 100 %, community (6 of 4.75 expected) stays; with 4 acts it would be flagged below 5.
    const strict = participationBalance(reportedRoom, 100);
    expect(strict.perSector.community.flaggedBelow).toBe(5);
    expect(strict.warnings.map((w) => w.sector)).toEqual(["academia"]);
    expect(() => participationBalance(reportedRoom, 0)).toThrow(RangeError);
    expect(() => participationBalance(reportedRoom, 101)).toThrow(RangeError);
    expect(() => participationBalance(reportedRoom, 12.5)).toThrow(RangeError);
  });

  it("without members or acts there is nothing to judge or share", () => {
    const empty = participationBalance(activity({ government: { members: 3 } }), 50);
    expect([empty.roomActs, empty.judged, empty.balanceIndex, empty.warnings]).toEqual([0, false, null, []]);
    expect(empty.perSector.government).toMatchObject({ actShare: null, proportionPercent: null });
    const observersOnly = participationBalance(activity({}), 50);
    expect([observersOnly.writingMembers, observersOnly.minimumActs, observersOnly.judged]).toEqual([0, 10, false]);
  });
});

describe("actsInWords: what a warning names", () => {
  it("names what was done in the order of the kinds, and only the member kinds not done", () => {
    expect(
      actsInWords({ ...emptyActCounts(), invites: 2, chatMessages: 1, editingSessions: 3, motionsOpened: 1 }),
    ).toEqual({
      did: [
        { kind: "editingSessions", count: 3 },
        { kind: "chatMessages", count: 1 },
        { kind: "motionsOpened", count: 1 },
        { kind: "invites", count: 2 },
      ],
      didNot: ["comments", "votes", "commitments", "pledges"],
    });
  });
});

describe("editSessions: one person's edits to one proposal with pauses under the gap", () => {
  const minute = 60_000;
  const at = (hh: number, mm: number) => Date.UTC(2026, 5, 1, hh, mm);
  const point = (userId: string, time: number, proposalId = "p1") => ({ proposalId, userId, from: time, to: time });

  it("10:00, 10:05, 10:19 and 10:34 are two sessions: a 15-minute pause starts a new one", () => {
    const sessions = editSessions(
      [point("a", at(10, 19)), point("a", at(10, 0)), point("a", at(10, 34)), point("a", at(10, 5))],
      15 * minute,
    );
    expect(sessions).toEqual([
      { proposalId: "p1", userId: "a", from: at(10, 0), to: at(10, 19) },
      { proposalId: "p1", userId: "a", from: at(10, 34), to: at(10, 34) },
    ]);
  });

  it("others' edits in between split nothing; another proposal is another session", () => {
    const sessions = editSessions(
      [point("a", at(10, 0)), point("b", at(10, 1)), point("a", at(10, 2)), point("a", at(10, 3), "p2")],
      15 * minute,
    );
    expect(sessions.map((s) => [s.proposalId, s.userId, s.from, s.to])).toEqual([
      ["p1", "a", at(10, 0), at(10, 2)],
      ["p1", "b", at(10, 1), at(10, 1)],
      ["p2", "a", at(10, 3), at(10, 3)],
    ]);
  });

  it("a session kept by compaction and the log's next edits merge into one", () => {
    const kept = { proposalId: "p1", userId: "a", from: at(9, 0), to: at(9, 50) };
    expect(editSessions([kept, point("a", at(10, 4)), point("a", at(9, 30))], 15 * minute)).toEqual([
      { proposalId: "p1", userId: "a", from: at(9, 0), to: at(10, 4) },
    ]);
  });
});

describe("periodDays", () => {
  it("counts a part-day as a day: 30 days, and 30 picked days ending at 23:59:59.999", () => {
    expect(periodDays("2026-05-02T03:00:00.000Z", "2026-06-01T03:00:00.000Z")).toBe(30);
    expect(periodDays("2026-05-03T00:00:00.000+07:00", "2026-06-01T23:59:59.999+07:00")).toBe(30);
    expect(periodDays("2026-06-01T00:00:00.000Z", "2026-06-01T00:00:00.001Z")).toBe(1);
  });
});

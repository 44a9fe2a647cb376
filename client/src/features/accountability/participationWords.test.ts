// The quiet sector's sentence and the disclosure's figures, in both languages, for the README's worked
// examples (shared/src/rules/README.md, "Participation").
import { type Participation, type Sector, emptyActCounts, participationBalance, sectors } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { type Locale, formatters, translator } from "../../i18n/translate.ts";
import { explanationBySector, explanationParagraphs, quietSectorSentence } from "./participationWords.ts";

const words = (locale: Locale) => ({ t: translator(locale), format: formatters(locale) });

type Warning = NonNullable<Participation["warnings"]>[number];
const warning = (sector: Sector, acts: Partial<ReturnType<typeof emptyActCounts>>): Warning => ({
  type: "symbolicParticipation",
  sector,
  members: 2,
  writingMembers: 8,
  acts: { ...emptyActCounts(), ...acts },
  total: Object.values(acts).reduce((sum, n) => sum + (n ?? 0), 0),
  roomActs: 19,
  flaggedBelow: 3,
  quietPercent: 50,
});

describe("quietSectorSentence", () => {
  it("says a silent sector did none of the member acts", () => {
    const silent = warning("academia", {});
    expect(quietSectorSentence(silent, 30, words("en").t, words("en").format)).toBe(
      "Academia: 2 of 8 members, no editing sessions, comments, chat, votes, commitments or pledges in 30 days.",
    );
    expect(quietSectorSentence(silent, 30, words("id").t, words("id").format)).toBe(
      "Akademisi: 2 dari 8 anggota, tanpa sesi penyuntingan, komentar, obrolan, suara, komitmen, atau janji sumber daya dalam 30 hari.",
    );
  });

  it("names what a quiet sector did, with its counts, then what it did not", () => {
    const oneVote = warning("government", { votes: 1 });
    expect(quietSectorSentence(oneVote, 30, words("en").t, words("en").format)).toBe(
      "Government: 2 of 8 members, 1 vote, no editing sessions, comments, chat, commitments or pledges in 30 days.",
    );
    const busy = warning("private", {
      editingSessions: 2,
      comments: 1,
      chatMessages: 1,
      votes: 3,
      commitments: 1,
      pledges: 1,
      invites: 1,
    });
    expect(quietSectorSentence({ ...busy, members: 1 }, 1, words("en").t, words("en").format)).toBe(
      "Private sector: 1 of 8 members, 2 editing sessions, 1 comment, 1 chat message, 3 votes, 1 commitment, 1 resource pledge, 1 invite in 1 day.",
    );
    expect(quietSectorSentence(oneVote, 7, words("id").t, words("id").format)).toBe(
      "Pemerintah: 2 dari 8 anggota, 1 suara, tanpa sesi penyuntingan, komentar, obrolan, komitmen, atau janji sumber daya dalam 7 hari.",
    );
  });
});

describe("the disclosure's figures", () => {
  it("works the reported room out sector by sector, as the README does", () => {
    const acts = (counts: Partial<ReturnType<typeof emptyActCounts>>) => ({ ...emptyActCounts(), ...counts });
    const activity = {
      government: { members: 2, acts: acts({ editingSessions: 3, motionsOpened: 2 }) },
      private: { members: 2, acts: acts({ editingSessions: 1, comments: 1, chatMessages: 4, votes: 2 }) },
      community: { members: 2, acts: acts({ chatMessages: 3, votes: 2, pledges: 1 }) },
      academia: { members: 2, acts: acts({}) },
      media: { members: 0, acts: acts({}) },
    };
    const balance = participationBalance(activity, 50);
    const participation = {
      quietPercent: 50,
      writingMembers: balance.writingMembers,
      roomActs: balance.roomActs,
      minimumActs: balance.minimumActs,
      sectors: sectors.map((sector) => ({
        sector,
        observers: 0,
        attendanceMs: 0,
        membersPresent: 0,
        ...balance.perSector[sector],
      })),
    } as unknown as Participation;
    expect(explanationBySector(participation, words("en").t, words("en").format).map((line) => line.text)).toEqual([
      "Government: 2 of 8 members → in proportion 4.75 of 19 acts; flagged below 3; made 5 (105% of proportion).",
      "Private sector: 2 of 8 members → in proportion 4.75 of 19 acts; flagged below 3; made 8 (168% of proportion).",
      "Community: 2 of 8 members → in proportion 4.75 of 19 acts; flagged below 3; made 6 (126% of proportion).",
      "Academia: 2 of 8 members → in proportion 4.75 of 19 acts; flagged below 3; made 0 (0% of proportion).",
    ]);
    expect(explanationBySector(participation, words("id").t, words("id").format)[0]?.text).toBe(
      "Pemerintah: 2 dari 8 anggota → secara proporsional 4,75 dari 19 tindakan; ditandai di bawah 3; membuat 5 (105% dari proporsi).",
    );
    expect(explanationParagraphs(participation, words("en").t).slice(1)).toEqual([
      "A sector holding m of the room's M writing members (coordinators and participants; observers are not counted) would, in proportion, make m/M of the acts. It is flagged when it made fewer than 50% of that.",
      "A period is judged only when the room made at least 10 acts (at least 10, and one per writing member).",
      "Decisions are made on whole numbers: “% of proportion” is rounded down and expected acts up, so no figure shown reaches a line the sector did not.",
      "In this period 8 writing members made 19 acts.",
    ]);
  });
});

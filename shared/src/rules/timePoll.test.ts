// The time poll on a small hand-checked poll: counts per slot overall and per sector, unanswered slots,
// the order of the slots and the best ones, and the refusals. Values are asserted exactly.
import { describe, expect, it } from "vitest";
import { countTimePoll, type TimeBallot, type TimePollResult } from "./timePoll.ts";

function counted(slots: readonly string[], ballots: readonly TimeBallot[]): TimePollResult {
  const result = countTimePoll(slots, ballots);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

const slots = ["senin-09", "selasa-14", "rabu-10", "kamis-16"];

describe("countTimePoll", () => {
  // Hand-checked per slot (yes / ifNeedBe / no / unanswered):
  //   senin-09   1 / 1 / 1 / 0  -> 2 can come, 1 gladly
  //   selasa-14  2 / 0 / 1 / 0  -> 2 can come, 2 gladly
  //   rabu-10    0 / 2 / 0 / 1  -> 2 can come, 0 gladly
  //   kamis-16   2 / 0 / 0 / 1  -> 2 can come, 2 gladly
  // So selasa-14 and kamis-16 lead (level on both counts, in the poll's order), then senin-09, then rabu-10.
  const ballots: TimeBallot[] = [
    {
      sector: "government",
      answers: { "senin-09": "yes", "selasa-14": "yes", "rabu-10": "ifNeedBe", "kamis-16": "yes" },
    },
    { sector: "community", answers: { "senin-09": "ifNeedBe", "selasa-14": "no", "rabu-10": "ifNeedBe" } },
    { sector: "community", answers: { "senin-09": "no", "selasa-14": "yes", "kamis-16": "yes" } },
  ];

  it("counts each slot overall and per sector, an unanswered slot apart from a no", () => {
    const result = counted(slots, ballots);
    expect(result.overall).toEqual({
      ballots: 3,
      slots: [
        { slot: "senin-09", yes: 1, ifNeedBe: 1, no: 1, unanswered: 0 },
        { slot: "selasa-14", yes: 2, ifNeedBe: 0, no: 1, unanswered: 0 },
        { slot: "rabu-10", yes: 0, ifNeedBe: 2, no: 0, unanswered: 1 },
        { slot: "kamis-16", yes: 2, ifNeedBe: 0, no: 0, unanswered: 1 },
      ],
    });
    expect(result.perSector.community).toEqual({
      ballots: 2,
      slots: [
        { slot: "senin-09", yes: 0, ifNeedBe: 1, no: 1, unanswered: 0 },
        { slot: "selasa-14", yes: 1, ifNeedBe: 0, no: 1, unanswered: 0 },
        { slot: "rabu-10", yes: 0, ifNeedBe: 1, no: 0, unanswered: 1 },
        { slot: "kamis-16", yes: 1, ifNeedBe: 0, no: 0, unanswered: 1 },
      ],
    });
    expect(result.perSector.media).toEqual({
      ballots: 0,
      slots: slots.map((slot) => ({ slot, yes: 0, ifNeedBe: 0, no: 0, unanswered: 0 })),
    });
  });

  it("orders slots by who can come, then who can come gladly, then the poll's order", () => {
    const result = counted(slots, ballots);
    expect(result.ranking).toEqual(["selasa-14", "kamis-16", "senin-09", "rabu-10"]);
    expect(result.best).toEqual(["selasa-14", "kamis-16"]);
  });

  it("names no best slot when nobody can come to any", () => {
    const result = counted(["a", "b"], [{ sector: "private", answers: { a: "no" } }]);
    expect(result.ranking).toEqual(["a", "b"]);
    expect(result.best).toEqual([]);
  });

  it("refuses unknown answers, slots and sectors, and repeated slot ids, with every issue named", () => {
    const result = countTimePoll(
      ["a", "b", "a"],
      [
        { sector: "private", answers: { a: "maybe" as never, c: "yes" } },
        { sector: "" as never, answers: {} },
      ],
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.details.map((d) => [d.path, d.rule])).toEqual([
        ["slots.2", "duplicateOptionId"],
        ["ballots.0.answers.c", "unknownOption"],
        ["ballots.0.answers.a", "invalidAnswer"],
        ["ballots.1.sector", "invalidSector"],
      ]);
    }
  });
});

// Reading decision records: named positions, anonymous reasons, and corrections under their record.
import type { DecisionRecord } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { groupDecisionLog, readDecision } from "./decisionLog.ts";

function record(seq: number, payload: Record<string, unknown>, corrects: number | null = null): DecisionRecord {
  return {
    roomId: "0123456789abcdef01234567",
    seq,
    kind: corrects === null ? "decision" : "correction",
    corrects,
    dedupeKey: corrects === null ? `motion:${seq}` : `correction:${corrects}:0:a`,
    at: `2026-11-29T10:0${seq}:00.000Z`,
    prevHash: "0".repeat(64),
    hash: `${seq}`.repeat(64),
    payload,
  };
}

const named = {
  type: "motionDecided",
  proposalTitle: "Jadwal air",
  outcome: "notAdopted",
  reasonCode: "objection",
  closeReason: "coordinator",
  earlyClose: true,
  secretBallot: false,
  positions: [
    {
      memberId: "a",
      displayName: "Siti",
      sector: "community",
      organisation: "Forum",
      position: "object",
      reason: "Bentrok",
    },
    {
      memberId: "b",
      displayName: "Budi",
      sector: "government",
      organisation: "Dinas",
      position: "support",
      reason: null,
    },
    { memberId: "c", displayName: "X", sector: "nowhere", organisation: "?", position: "support" },
  ],
};

describe("readDecision", () => {
  it("reads a named ballot's positions with reasons, skipping entries it cannot read", () => {
    const view = readDecision(record(1, named));
    expect(view).toMatchObject({
      seq: 1,
      readable: true,
      proposalTitle: "Jadwal air",
      outcome: "notAdopted",
      reasonCode: "objection",
      closeReason: "coordinator",
      earlyClose: true,
      tally: null,
      reasons: [],
    });
    expect(view.positions.map((p) => [p.displayName, p.position, p.reason])).toEqual([
      ["Siti", "object", "Bentrok"],
      ["Budi", "support", null],
    ]);
  });

  it("keeps only reasons, without names, for a secret ballot", () => {
    const view = readDecision(
      record(1, {
        ...named,
        secretBallot: true,
        positions: [
          { position: "block", reason: "Melanggar perda" },
          { position: "support", reason: "" },
        ],
      }),
    );
    expect(view.positions).toEqual([]);
    expect(view.reasons).toEqual([{ position: "block", reason: "Melanggar perda" }]);
  });

  it("marks a payload it cannot read instead of guessing", () => {
    expect(readDecision(record(1, { type: "somethingNew" })).readable).toBe(false);
  });
});

describe("groupDecisionLog", () => {
  it("lists decisions newest first with corrections (and corrections of corrections) under their record", () => {
    const records = [
      record(5, { type: "correction", note: "Typo lagi", correctedBy: { displayName: "Ani" } }, 4),
      record(4, { type: "correction", note: "Typo", correctedBy: { displayName: "Ani" } }, 1),
      record(3, { type: "correction", note: "Yatim", correctedBy: { displayName: "Ani" } }, 99),
      record(2, { ...named, proposalTitle: "Kedua" }),
      record(1, named),
    ];
    const grouped = groupDecisionLog(records);
    expect(grouped.map((d) => [d.seq, d.readable, d.corrections.map((c) => c.seq)])).toEqual([
      [3, false, [3]],
      [2, true, []],
      [1, true, [4, 5]],
    ]);
    expect(grouped[2]?.corrections[0]).toMatchObject({ note: "Typo", correctedBy: "Ani" });
  });
});

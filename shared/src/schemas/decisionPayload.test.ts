// Reading stored decision payloads: every shape the server writes, records from before versioning, and
// payloads that match nothing (altered, or from a newer server) read as "unknown" instead of throwing.
import { describe, expect, it } from "vitest";
import { redactTally, tallyMotion } from "../rules/tally.ts";
import {
  correctionPayloadSchema,
  motionDecidedPayloadSchema,
  parseDecisionPayload,
  storedDecisionPayloadSchema,
} from "./decisionPayload.ts";
import { type Ballot, type EligibleMember, defaultDecisionRule } from "./motion.ts";

const eligible: EligibleMember[] = [
  { memberId: "u1", sector: "community", organisation: "Forum" },
  { memberId: "u2", sector: "government", organisation: "Dinas" },
];
const ballots: Ballot[] = [
  { memberId: "u1", sector: "community", organisation: "Forum", position: "support" },
  { memberId: "u2", sector: "government", organisation: "Dinas", position: "object", reason: "Bentrok" },
];
const tally = redactTally(tallyMotion(ballots, defaultDecisionRule, eligible));

/** A payload exactly as commands/motions.ts wrote it before versioning: no `v`. */
const decided = {
  type: "motionDecided",
  motionId: "m1",
  proposalId: "p1",
  proposalTitle: "Jadwal air",
  frozenText: "Air mengalir Senin dan Kamis.",
  frozenTextHash: "ab".repeat(32),
  rule: defaultDecisionRule,
  secretBallot: false,
  outcome: tally.outcome,
  reasonCode: tally.reasonCode,
  tally,
  positions: [
    {
      memberId: "u1",
      displayName: "Siti",
      sector: "community",
      organisation: "Forum",
      position: "support",
      reason: null,
    },
    {
      memberId: "u2",
      displayName: "Budi",
      sector: "government",
      organisation: "Dinas",
      position: "object",
      reason: "",
    },
  ],
  openedAt: "2026-11-29T10:00:00.000Z",
  openedBy: { id: "u1", displayName: "Siti" },
  deadline: "2026-11-29T11:00:00.000Z",
  closedAt: "2026-11-29T10:30:00.000Z",
  closeReason: "allVoted",
  closedBy: null,
  earlyClose: false,
};

describe("parseDecisionPayload", () => {
  it("reads a decided motion written before versioning as version 1, every field typed", () => {
    const payload = parseDecisionPayload(decided);
    expect(payload.type).toBe("motionDecided");
    if (payload.type !== "motionDecided") return;
    expect(payload).toMatchObject({
      v: 1,
      motionId: "m1",
      proposalTitle: "Jadwal air",
      frozenTextHash: "ab".repeat(32),
      outcome: tally.outcome,
      reasonCode: tally.reasonCode,
      tally,
      closeReason: "allVoted",
      earlyClose: false,
      secretBallot: false,
    });
    expect(payload.positions).toEqual([
      {
        position: "support",
        reason: null,
        memberId: "u1",
        displayName: "Siti",
        sector: "community",
        organisation: "Forum",
      },
      {
        position: "object",
        reason: "",
        memberId: "u2",
        displayName: "Budi",
        sector: "government",
        organisation: "Dinas",
      },
    ]);
  });

  it("reads a secret ballot's detached reasons with no names", () => {
    const payload = parseDecisionPayload({
      ...decided,
      secretBallot: true,
      positions: [{ position: "block", reason: "Melanggar perda" }],
    });
    if (payload.type !== "motionDecided") throw new Error(`read as ${payload.type}`);
    expect(payload.positions).toEqual([
      {
        position: "block",
        reason: "Melanggar perda",
        memberId: null,
        displayName: null,
        sector: null,
        organisation: null,
      },
    ]);
  });

  it("shows what it can of a damaged decision: a bad field reads as empty, a bad position is left out", () => {
    const payload = parseDecisionPayload({
      ...decided,
      outcome: "won",
      tally: { outcome: tally.outcome },
      proposalTitle: 7,
      positions: [{ position: "support", sector: "nowhere" }, { position: "maybe" }, "x", { position: "standAside" }],
    });
    if (payload.type !== "motionDecided") throw new Error(`read as ${payload.type}`);
    expect(payload).toMatchObject({ outcome: null, tally: null, proposalTitle: "", frozenText: decided.frozenText });
    expect(payload.positions.map((p) => p.position)).toEqual(["standAside"]);
  });

  it("reads a correction, also one whose author has no id", () => {
    expect(
      parseDecisionPayload({ type: "correction", note: "Typo", correctedBy: { id: "u9", displayName: "Ani" } }),
    ).toEqual({ type: "correction", v: 1, note: "Typo", correctedBy: { id: "u9", displayName: "Ani" } });
    expect(parseDecisionPayload({ type: "correction", note: "Typo", correctedBy: { displayName: "Ani" } })).toEqual({
      type: "correction",
      v: 1,
      note: "Typo",
      correctedBy: { id: null, displayName: "Ani" },
    });
  });

  it("reads an unknown kind, a newer version or a non-object as unknown, keeping the raw value", () => {
    for (const raw of [{ type: "somethingNew" }, { ...decided, v: 2 }, { note: "no tag" }, null, "text", [decided]]) {
      expect(parseDecisionPayload(raw)).toEqual({ type: "unknown", raw });
    }
  });
});

describe("the stored shapes", () => {
  it("describe what the server writes, and the wire accepts any stored object as it is", () => {
    expect(motionDecidedPayloadSchema.safeParse(decided).success).toBe(true);
    expect(motionDecidedPayloadSchema.safeParse({ ...decided, v: 1 }).success).toBe(true);
    expect(
      correctionPayloadSchema.safeParse({ type: "correction", note: "n", correctedBy: { id: "u", displayName: "A" } })
        .success,
    ).toBe(true);
    const altered = { type: "motionDecided", outcome: "blocked" };
    expect(storedDecisionPayloadSchema.parse(altered)).toEqual(altered);
    expect(storedDecisionPayloadSchema.parse({ ...decided, extra: 1 })).toEqual({ ...decided, extra: 1 });
  });

  it("pass a stored payload on unchanged, filling in no default (the hash covers it as stored)", () => {
    const { organisationBalance: _added, ...ruleBeforeOrganisationBalance } = defaultDecisionRule;
    const stored = { ...decided, rule: ruleBeforeOrganisationBalance };
    expect(motionDecidedPayloadSchema.parse(stored).rule).toHaveProperty("organisationBalance", false);
    expect(storedDecisionPayloadSchema.parse(stored)).toStrictEqual(stored);
  });
});

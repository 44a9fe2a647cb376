// What the rule did with each sector, case by case: the user test's room (four sectors, one that voted 0 of
// 1), a quorum missed for want of a sector, a veto, an objection under consent, a supermajority, a sector
// that stood aside, and a decision record written before tallies carried explanations.
import { describe, expect, it } from "vitest";
import type { Ballot, DecisionRule, EligibleMember, Position, SectorExplanation } from "../schemas/motion.ts";
import { decisionRuleSchema, defaultDecisionRule, recordedPublicTallySchema } from "../schemas/motion.ts";
import type { Sector } from "../schemas/user.ts";
import { withSectorExplanations } from "./sectorExplanation.ts";
import { redactTally, tallyMotion } from "./tally.ts";

function member(memberId: string, sector: Sector): EligibleMember {
  return { memberId, sector, organisation: `org of ${memberId}` };
}

function ballot(of: EligibleMember, position: Position): Ballot {
  const needsReason = position === "supportWithReservations" || position === "object" || position === "block";
  return needsReason ? { ...of, position, reason: `reason of ${of.memberId}` } : { ...of, position };
}

const explanations = (perSector: Record<Sector, { explanation: SectorExplanation }>) =>
  Object.fromEntries(Object.entries(perSector).map(([sector, row]) => [sector, row.explanation]));

const rule = (input: unknown): DecisionRule => decisionRuleSchema.parse(input);

// The room of the user test: government, private, community and academia, one member each (no media).
const g = member("g1", "government");
const p = member("p1", "private");
const c = member("c1", "community");
const a = member("a1", "academia");
const room = [g, p, c, a];

describe("the explanation of each sector", () => {
  it("names the sector that voted 0 of 1 as not voting, and says it was not required, when three sectors carry it", () => {
    const tally = tallyMotion(
      [ballot(g, "support"), ballot(p, "support"), ballot(c, "supportWithReservations")],
      defaultDecisionRule,
      room,
    );
    expect([tally.outcome, tally.reasonCode]).toEqual(["adopted", "sectorConsensus"]);
    expect(tally.perSector.academia).toMatchObject({ voters: 0, eligible: 1, meetsThreshold: null });
    expect(explanations(tally.perSector)).toEqual({
      government: "reached",
      private: "reached",
      community: "reached",
      academia: "didNotVoteNotRequired",
      media: "noEligibleMembers",
    });
  });

  it("says a sector that did not vote mattered when the quorum of sectors was missed", () => {
    const tally = tallyMotion(
      [ballot(g, "support"), ballot(p, "support"), ballot(member("p2", "private"), "object")],
      defaultDecisionRule,
      [...room, member("p2", "private")],
    );
    expect([tally.outcome, tally.reasonCode]).toEqual(["noQuorum", "quorumSectors"]);
    expect(explanations(tally.perSector)).toEqual({
      government: "reached",
      private: "notReached",
      community: "didNotVoteQuorumMissed",
      academia: "didNotVoteQuorumMissed",
      media: "noEligibleMembers",
    });
  });

  it("names the sector whose block vetoed the motion, before its threshold", () => {
    const tally = tallyMotion(
      [ballot(g, "support"), ballot(p, "block"), ballot(c, "support"), ballot(a, "support")],
      defaultDecisionRule,
      room,
    );
    expect([tally.outcome, tally.reasonCode]).toEqual(["blocked", "blocked"]);
    expect(explanations(tally.perSector)).toMatchObject({
      government: "reached",
      private: "vetoed",
      community: "reached",
      academia: "reached",
    });
  });

  it("does not call a block a veto when it did not decide: without quorum, or where blocks do not veto", () => {
    const noQuorum = tallyMotion([ballot(g, "support"), ballot(p, "block")], defaultDecisionRule, room);
    expect(noQuorum.outcome).toBe("noQuorum");
    expect(noQuorum.perSector.private.explanation).toBe("notReached");
    const noVeto = tallyMotion(
      [ballot(g, "support"), ballot(p, "block"), ballot(c, "support")],
      rule({ consensus: { type: "supermajority", blockIsVeto: false } }),
      room,
    );
    expect([noVeto.outcome, noVeto.reasonCode]).toEqual(["adopted", "supermajority"]);
    expect(explanations(noVeto.perSector)).toMatchObject({ government: "voted", private: "voted", community: "voted" });
  });

  it("names the sector whose objection withheld consent, and a sector that only stood aside", () => {
    const tally = tallyMotion(
      [ballot(g, "support"), ballot(p, "standAside"), ballot(c, "object"), ballot(a, "support")],
      rule({ consensus: { type: "consent" } }),
      room,
    );
    expect([tally.outcome, tally.reasonCode]).toEqual(["notAdopted", "objection"]);
    expect(explanations(tally.perSector)).toEqual({
      government: "voted",
      private: "stoodAside",
      community: "objected",
      academia: "voted",
      media: "noEligibleMembers",
    });
  });

  it("leaves a sector of stand-asides out of sector consensus", () => {
    const tally = tallyMotion(
      [ballot(g, "support"), ballot(p, "support"), ballot(c, "standAside")],
      defaultDecisionRule,
      room,
    );
    expect(tally.perSector.community).toMatchObject({ meetsThreshold: null, explanation: "stoodAside" });
    expect(tally.perSector.academia.explanation).toBe("didNotVoteNotRequired");
  });
});

describe("withSectorExplanations", () => {
  const tally = redactTally(
    tallyMotion([ballot(g, "support"), ballot(p, "object"), ballot(c, "support")], defaultDecisionRule, room),
  );

  it("derives what a record from before explanations lacks, exactly as the tally would have said", () => {
    const before = {
      ...tally,
      perSector: Object.fromEntries(
        Object.entries(tally.perSector).map(([sector, { explanation: _new, ...row }]) => [sector, row]),
      ),
    };
    const recorded = recordedPublicTallySchema.parse(before);
    expect(recorded.perSector.academia.explanation).toBeUndefined();
    expect(withSectorExplanations(recorded)).toEqual(tally);
    expect(withSectorExplanations(recorded).perSector.private.explanation).toBe("notReached");
  });

  it("keeps an explanation the record holds", () => {
    expect(withSectorExplanations(tally)).toEqual(tally);
  });
});

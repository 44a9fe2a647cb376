// The tally with delegations: a delegated ballot counts like the delegator's own, in their sector; each
// sector says how much of its weight was direct and how much delegated; the secret-ballot view keeps only
// the counts; records from before delegation still read.
import { describe, expect, it } from "vitest";
import type { Ballot, EligibleMember } from "../schemas/motion.ts";
import { defaultDecisionRule, recordedPublicTallySchema } from "../schemas/motion.ts";
import { ballotsWithDelegations } from "./delegation.ts";
import { withSectorExplanations } from "./sectorExplanation.ts";
import { redactTally, tallyMotion } from "./tally.ts";

const zero = { support: 0, supportWithReservations: 0, standAside: 0, object: 0, block: 0 };
const eligible: EligibleMember[] = [
  { memberId: "g1", sector: "government", organisation: "Bappeda" },
  { memberId: "g2", sector: "government", organisation: "Dinas PU" },
  { memberId: "g3", sector: "government", organisation: "Dinas PU" },
  { memberId: "p1", sector: "private", organisation: "PT Air" },
  { memberId: "c1", sector: "community", organisation: "Forum Warga" },
  { memberId: "c2", sector: "community", organisation: "Forum Warga" },
];
const direct: Ballot[] = [
  { memberId: "g1", sector: "government", organisation: "Bappeda", position: "object", reason: "terlalu mahal" },
  { memberId: "p1", sector: "private", organisation: "PT Air", position: "support" },
  { memberId: "c1", sector: "community", organisation: "Forum Warga", position: "support" },
];

describe("a tally with delegations", () => {
  const ballots = ballotsWithDelegations({
    eligible,
    direct,
    delegations: [
      { delegatorId: "g2", delegateId: "g1", scope: "room" },
      { delegatorId: "g3", delegateId: "g2", scope: "motion" },
      { delegatorId: "c2", delegateId: "g1", scope: "room" },
    ],
    acrossSectors: false,
  });

  it("adds a ballot for each delegator whose chain reached a vote, in their own sector and organisation", () => {
    expect(ballots.slice(direct.length)).toEqual([
      { memberId: "g2", sector: "government", organisation: "Dinas PU", position: "object", delegate: "g1" },
      { memberId: "g3", sector: "government", organisation: "Dinas PU", position: "object", delegate: "g1" },
    ]);
  });

  it("counts them like the delegators' own ballots, and splits every sector's counts into direct and delegated", () => {
    const tally = tallyMotion(ballots, defaultDecisionRule, eligible);
    expect(tally.votersCount).toBe(5);
    expect(tally.totals).toEqual({ ...zero, support: 2, object: 3 });
    expect(tally.perSector.government).toMatchObject({
      voters: 3,
      counts: { ...zero, object: 3 },
      direct: { ...zero, object: 1 },
      delegated: { ...zero, object: 2 },
      eligible: 3,
    });
    // c2 delegated across sectors, which the room does not allow: not counted.
    expect(tally.perSector.community).toMatchObject({
      voters: 1,
      direct: { ...zero, support: 1 },
      delegated: zero,
    });
    expect(tally.perSector.academia).toMatchObject({ direct: zero, delegated: zero });
    expect(tally.ballots.find((b) => b.memberId === "g3")).toEqual({
      memberId: "g3",
      sector: "government",
      organisation: "Dinas PU",
      position: "object",
      delegate: "g1",
    });
  });

  it("shows only the counts in the secret-ballot view", () => {
    const view = redactTally(tallyMotion(ballots, defaultDecisionRule, eligible));
    expect(view.perSector.government.delegated).toEqual({ ...zero, object: 2 });
    expect(JSON.stringify(view)).not.toMatch(/g1|g2|g3|delegate"/);
  });

  it("reads a recorded tally from before delegation with every ballot direct", () => {
    const tally = redactTally(tallyMotion(direct, defaultDecisionRule, eligible));
    const before = {
      ...tally,
      perSector: Object.fromEntries(
        Object.entries(tally.perSector).map(([sector, { direct: _d, delegated: _g, explanation: _e, ...row }]) => [
          sector,
          row,
        ]),
      ),
    };
    const read = withSectorExplanations(recordedPublicTallySchema.parse(before));
    expect(read).toEqual(tally);
    expect(read.perSector.government).toMatchObject({ direct: { ...zero, object: 1 }, delegated: zero });
  });
});

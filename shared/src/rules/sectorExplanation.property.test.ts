// Properties of the per-sector explanation over generated rooms (members of any sectors, each voting or
// not) and rules: every sector appears, and each explanation is true of the counts and the outcome,
// checked against arithmetic written here apart from the implementation.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Ballot, DecisionRule, EligibleMember, Position, PositionCounts } from "../schemas/motion.ts";
import { positions, recordedPublicTallySchema } from "../schemas/motion.ts";
import type { Sector } from "../schemas/user.ts";
import { sectors } from "../schemas/user.ts";
import { withSectorExplanations } from "./sectorExplanation.ts";
import { decisionRuleArbitrary } from "./decisionRuleArbitrary.ts";
import { redactTally, tallyMotion } from "./tally.ts";

const numRuns = 1000;
fc.configureGlobal({ seed: 20261130 });

interface RoomMember {
  sector: Sector;
  organisation: string;
  /** null: did not vote. */
  position: Position | null;
}

const memberArb: fc.Arbitrary<RoomMember> = fc.record({
  sector: fc.constantFrom(...sectors),
  organisation: fc.constantFrom("Bappeda", "bappeda ", "Forum Warga", "PT Air"),
  position: fc.option(fc.constantFrom(...positions), { freq: 3 }),
});

interface Room {
  eligible: EligibleMember[];
  ballots: Ballot[];
}

const roomArb: fc.Arbitrary<Room> = fc.array(memberArb, { maxLength: 14 }).map((members) => {
  const eligible = members.map((m, i) => ({ memberId: `m${i}`, sector: m.sector, organisation: m.organisation }));
  const ballots = members.flatMap((m, i): Ballot[] => {
    if (m.position === null) return [];
    const base = { ...eligible[i]!, position: m.position };
    return m.position === "support" || m.position === "standAside" ? [base] : [{ ...base, reason: "karena" }];
  });
  return { eligible, ballots };
});

const ruleArb = decisionRuleArbitrary(6);

const supporters = (c: PositionCounts) => c.support + c.supportWithReservations;
const sided = (c: PositionCounts) => supporters(c) + c.object + c.block;

/** What the rule counted for a sector: members' ballots, or (organisation balance) the organisations' voices. */
function countedVoices(room: Room, rule: DecisionRule, sector: Sector, voices: PositionCounts): PositionCounts {
  if (rule.organisationBalance) return voices;
  const counts: PositionCounts = { support: 0, supportWithReservations: 0, standAside: 0, object: 0, block: 0 };
  for (const b of room.ballots) if (b.sector === sector) counts[b.position] += 1;
  return counts;
}

describe("per-sector explanation properties", () => {
  it("covers every sector, and a sector is 'no eligible members' exactly when the room has none of it", () => {
    fc.assert(
      fc.property(roomArb, ruleArb, (room, rule) => {
        const tally = tallyMotion(room.ballots, rule, room.eligible);
        expect(Object.keys(tally.perSector).sort()).toEqual([...sectors].sort());
        for (const sector of sectors) {
          const inRoom = room.eligible.some((m) => m.sector === sector);
          expect(tally.perSector[sector].explanation === "noEligibleMembers").toBe(!inRoom);
        }
      }),
      { numRuns },
    );
  });

  it("reports 'reached' only where the sector's votes meet the threshold, and 'not reached' only where they do not", () => {
    fc.assert(
      fc.property(roomArb, ruleArb, (room, rule) => {
        const tally = tallyMotion(room.ballots, rule, room.eligible);
        for (const sector of sectors) {
          const { explanation, voices } = tally.perSector[sector];
          if (explanation !== "reached" && explanation !== "notReached") continue;
          expect(rule.consensus.type).toBe("sectorConsensus");
          if (rule.consensus.type !== "sectorConsensus") return;
          const { numerator, denominator } = rule.consensus.threshold;
          const counted = countedVoices(room, rule, sector, voices);
          expect(sided(counted)).toBeGreaterThan(0);
          expect(supporters(counted) * denominator >= numerator * sided(counted)).toBe(explanation === "reached");
        }
      }),
      { numRuns },
    );
  });

  it("says 'did not vote' only of a sector with members and no ballot, and that it mattered exactly when quorum failed", () => {
    fc.assert(
      fc.property(roomArb, ruleArb, (room, rule) => {
        const tally = tallyMotion(room.ballots, rule, room.eligible);
        for (const sector of sectors) {
          const voted = room.ballots.some((b) => b.sector === sector);
          const inRoom = room.eligible.some((m) => m.sector === sector);
          const explanation = tally.perSector[sector].explanation;
          const didNotVote = explanation === "didNotVoteNotRequired" || explanation === "didNotVoteQuorumMissed";
          expect(didNotVote).toBe(inRoom && !voted);
          if (didNotVote) expect(explanation === "didNotVoteQuorumMissed").toBe(tally.outcome === "noQuorum");
        }
      }),
      { numRuns },
    );
  });

  it("a sector that did not vote and was not required changes nothing by leaving the room", () => {
    fc.assert(
      fc.property(roomArb, ruleArb, (room, rule) => {
        const tally = tallyMotion(room.ballots, rule, room.eligible);
        for (const sector of sectors) {
          if (tally.perSector[sector].explanation !== "didNotVoteNotRequired") continue;
          const without = tallyMotion(
            room.ballots,
            rule,
            room.eligible.filter((m) => m.sector !== sector),
          );
          expect([without.outcome, without.reasonCode]).toEqual([tally.outcome, tally.reasonCode]);
        }
      }),
      { numRuns },
    );
  });

  it("names a vetoing sector exactly when a block decided, and a sector below the threshold or objecting when that decided", () => {
    fc.assert(
      fc.property(roomArb, ruleArb, (room, rule) => {
        const tally = tallyMotion(room.ballots, rule, room.eligible);
        const named = (code: string) => sectors.filter((s) => tally.perSector[s].explanation === code);
        const withBlock = sectors.filter((s) => tally.perSector[s].voices.block > 0);
        expect(named("vetoed")).toEqual(tally.outcome === "blocked" ? withBlock : []);
        if (tally.outcome === "blocked") expect(named("vetoed").length).toBeGreaterThan(0);
        if (tally.reasonCode === "sectorBelowThreshold") expect(named("notReached").length).toBeGreaterThan(0);
        if (tally.reasonCode === "objection") expect(named("objected").length).toBeGreaterThan(0);
        if (tally.reasonCode !== "objection") expect(named("objected")).toEqual([]);
        if (tally.outcome === "adopted" && rule.consensus.type === "sectorConsensus") {
          expect(named("notReached")).toEqual([]);
        }
      }),
      { numRuns },
    );
  });

  it("derives for a record without explanations exactly what the tally said", () => {
    fc.assert(
      fc.property(roomArb, ruleArb, (room, rule) => {
        const tally = redactTally(tallyMotion(room.ballots, rule, room.eligible));
        const stripped = {
          ...tally,
          perSector: Object.fromEntries(
            Object.entries(tally.perSector).map(([sector, { explanation: _dropped, ...row }]) => [sector, row]),
          ),
        };
        expect(withSectorExplanations(recordedPublicTallySchema.parse(stripped))).toEqual(tally);
      }),
      { numRuns },
    );
  });
});

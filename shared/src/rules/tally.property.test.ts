// Properties of the tally over generated ballots and rules: order does not matter, blocks and objections
// never help, support never hurts, quorum is exactly the quorum, counts add up, the public view is the
// full tally minus identities, and every outcome agrees with a deliberately naive reference.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Ballot, DecisionRule, Position, Tally, TallyOutcome } from "../schemas/motion.ts";
import { positions, publicTallySchema, reasonOutcome, tallySchema } from "../schemas/motion.ts";
import type { Sector } from "../schemas/user.ts";
import { sectors } from "../schemas/user.ts";
import { organisationKey } from "./organisationBalance.ts";
import { decisionRuleArbitrary } from "./decisionRuleArbitrary.ts";
import { redactTally, TallyInputError, tallyMotion } from "./tally.ts";

const numRuns = 1000;
// A fixed seed keeps CI reproducible: a failure here is a failure every time, with its counterexample.
// Change the seed (or remove it locally) to explore new cases; 21 random-seed runs found only the
// organisation-balance case pinned below.
fc.configureGlobal({ seed: 20261129 });

// Variants of a few names, so organisation balance has organisations with several members.
const organisationNames = ["Bappeda", " bappeda", "BAPPEDA  ", "Forum  Warga", "forum warga", "PT Air Bersih"];

/** Positions leaning toward support, so adopted motions are common enough to test what keeps them adopted. */
const positionArb: fc.Arbitrary<Position> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Position>("support") },
  { weight: 2, arbitrary: fc.constant<Position>("supportWithReservations") },
  { weight: 2, arbitrary: fc.constant<Position>("standAside") },
  { weight: 1, arbitrary: fc.constant<Position>("object") },
  { weight: 1, arbitrary: fc.constant<Position>("block") },
);

interface Vote {
  sector: Sector;
  organisation: string;
  position: Position;
}

const voteArb: fc.Arbitrary<Vote> = fc.record({
  sector: fc.constantFrom(...sectors),
  organisation: fc.constantFrom(...organisationNames),
  position: positionArb,
});

function toBallot(vote: Vote, memberId: string): Ballot {
  const needsReason = vote.position !== "support" && vote.position !== "standAside";
  return needsReason ? { memberId, ...vote, reason: `because ${memberId} said so` } : { memberId, ...vote };
}

/** Member ids that cannot be confused with any other text in a tally. */
const ballotsArb: fc.Arbitrary<Ballot[]> = fc
  .array(voteArb, { maxLength: 18 })
  .map((votes) => votes.map((v, i) => toBallot(v, `member-${String(i).padStart(3, "0")}-id`)));

const ruleArb = decisionRuleArbitrary(12);

const newMember = "member-new-id";

// ---- A deliberately naive reference, written apart from the implementation and with plain numbers ----

const caution = (p: Position) => positions.indexOf(p);

function referenceOutcome(ballots: readonly Ballot[], rule: DecisionRule): TallyOutcome {
  const sectorsPresent = new Set(ballots.map((b) => b.sector));
  if (ballots.length < rule.quorum.minVoters || sectorsPresent.size < rule.quorum.minSectors) return "noQuorum";

  let voices: { sector: Sector; position: Position }[] = ballots.map((b) => ({
    sector: b.sector,
    position: b.position,
  }));
  if (rule.organisationBalance) {
    const groups = new Map<string, Ballot[]>();
    for (const b of ballots) {
      const key = `${b.sector}|${b.organisation.trim().toLowerCase().split(/\s+/).join(" ")}`;
      groups.set(key, [...(groups.get(key) ?? []), b]);
    }
    voices = [...groups.values()].map((members) => {
      const tally = (p: Position) => members.filter((m) => m.position === p).length;
      const best = [...positions].sort((a, b) => tally(b) - tally(a) || caution(b) - caution(a))[0]!;
      return { sector: members[0]!.sector, position: best };
    });
  }

  const has = (p: Position) => voices.some((v) => v.position === p);
  const isYes = (p: Position) => p === "support" || p === "supportWithReservations";
  const c = rule.consensus;
  const veto = c.type !== "supermajority" || c.blockIsVeto;
  if (veto && has("block")) return "blocked";

  const sectorCounts = sectors
    .map((s) => {
      const sidedVoices = voices.filter((v) => v.sector === s && v.position !== "standAside");
      return { yes: sidedVoices.filter((v) => isYes(v.position)).length, all: sidedVoices.length };
    })
    .filter((s) => s.all > 0);

  switch (c.type) {
    case "unanimity":
      return has("object") || has("block") || sectorCounts.length === 0 ? "notAdopted" : "adopted";
    case "consent":
      return has("object") || has("block") ? "notAdopted" : "adopted";
    case "sectorConsensus": {
      const { numerator: p, denominator: q } = c.threshold;
      if (sectorCounts.length === 0) return "notAdopted";
      return sectorCounts.every((s) => s.yes * q >= p * s.all) ? "adopted" : "notAdopted";
    }
    case "supermajority": {
      const { numerator: p, denominator: q } = c.threshold;
      if (sectorCounts.length === 0) return "notAdopted";
      if (rule.sectorWeighting === "byMember") {
        const yes = sectorCounts.reduce((n, s) => n + s.yes, 0);
        const all = sectorCounts.reduce((n, s) => n + s.all, 0);
        return yes * q >= p * all ? "adopted" : "notAdopted";
      }
      // mean(yes_i / all_i) >= p/q  <=>  q * sum(yes_i * L / all_i) >= p * k * L, with L the product of all_i.
      const L = sectorCounts.reduce((n, s) => n * s.all, 1);
      const sum = sectorCounts.reduce((n, s) => n + (s.yes * L) / s.all, 0);
      return q * sum >= p * sectorCounts.length * L ? "adopted" : "notAdopted";
    }
  }
}

function quorumMet(ballots: readonly Ballot[], rule: DecisionRule): boolean {
  return (
    ballots.length >= rule.quorum.minVoters && new Set(ballots.map((b) => b.sector)).size >= rule.quorum.minSectors
  );
}

function withNewVote(ballots: readonly Ballot[], vote: Vote): Ballot[] {
  return [...ballots, toBallot(vote, newMember)];
}

const sum = (counts: Record<Position, number>) => positions.reduce((n, p) => n + counts[p], 0);

describe("tallyMotion properties", () => {
  it("agrees with the naive reference on every outcome, and each reason code matches its outcome", () => {
    fc.assert(
      fc.property(ballotsArb, ruleArb, (ballots, rule) => {
        const tally = tallyMotion(ballots, rule);
        expect(tally.outcome).toBe(referenceOutcome(ballots, rule));
        expect(reasonOutcome[tally.reasonCode]).toBe(tally.outcome);
      }),
      { numRuns },
    );
  });

  it("does not depend on the order of the ballots", () => {
    fc.assert(
      fc.property(
        ballotsArb.chain((ballots) =>
          fc.tuple(fc.constant(ballots), fc.shuffledSubarray(ballots, { minLength: ballots.length })),
        ),
        ruleArb,
        ([ballots, shuffled], rule) => {
          expect(tallyMotion(shuffled, rule)).toEqual(tallyMotion(ballots, rule));
        },
      ),
      { numRuns },
    );
  });

  it("is noQuorum exactly when quorum is not met, naming voters before sectors", () => {
    fc.assert(
      fc.property(ballotsArb, ruleArb, (ballots, rule) => {
        const tally = tallyMotion(ballots, rule);
        const met = quorumMet(ballots, rule);
        expect(tally.outcome === "noQuorum").toBe(!met);
        expect(tally.quorumMet).toBe(met);
        if (!met) {
          expect(tally.reasonCode).toBe(ballots.length < rule.quorum.minVoters ? "quorumVoters" : "quorumSectors");
        }
      }),
      { numRuns },
    );
  });

  it("is blocked whenever quorum is met, blocks veto and some voice blocks", () => {
    fc.assert(
      fc.property(ballotsArb, ruleArb, (ballots, rule) => {
        const tally = tallyMotion(ballots, rule);
        const veto = rule.consensus.type !== "supermajority" || rule.consensus.blockIsVeto;
        expect(tally.outcome === "blocked").toBe(tally.quorumMet && veto && tally.voiceTotals.block > 0);
      }),
      { numRuns },
    );
  });

  it("never adopts a motion because of an added block, and keeps a blocked motion blocked", () => {
    fc.assert(
      fc.property(ballotsArb, ruleArb, voteArb, (ballots, rule, vote) => {
        const before = tallyMotion(ballots, rule);
        fc.pre(before.outcome === "blocked" || before.outcome === "notAdopted");
        const after = tallyMotion(withNewVote(ballots, { ...vote, position: "block" }), rule);
        expect(after.outcome).not.toBe("adopted");
        if (before.outcome === "blocked") expect(after.outcome).toBe("blocked");
      }),
      { numRuns },
    );
  });

  // Under organisation balance an organisation speaks with its most common position, so an objection
  // added to an organisation whose voice was a block (one block, one objection: the tie goes to block)
  // turns that voice into an objection, which does not veto a supermajority. That is the rule working as
  // documented, not a loophole; the property holds for every other added objection.
  it("never adopts a motion because of an added objection (unless it outvotes a block inside its own organisation)", () => {
    fc.assert(
      fc.property(ballotsArb, ruleArb, voteArb, (ballots, rule, vote) => {
        const before = tallyMotion(ballots, rule);
        fc.pre(before.outcome === "blocked" || before.outcome === "notAdopted");
        const added = { ...vote, position: "object" as const };
        const key = organisationKey(added.sector, added.organisation);
        fc.pre(
          !rule.organisationBalance ||
            !ballots.some((b) => b.position === "block" && organisationKey(b.sector, b.organisation) === key),
        );
        expect(tallyMotion(withNewVote(ballots, added), rule).outcome).not.toBe("adopted");
      }),
      { numRuns },
    );
  });

  it("lets an organisation's majority outvote one member's block under organisation balance (found by fast-check)", () => {
    const ballots: Ballot[] = [
      { memberId: "m0", sector: "community", organisation: "Bappeda", position: "block", reason: "tidak setuju" },
      { memberId: "m1", sector: "community", organisation: "Bappeda", position: "object", reason: "belum siap" },
      { memberId: "m2", sector: "government", organisation: "Bappeda", position: "support" },
    ];
    const rule: DecisionRule = {
      quorum: { minVoters: 1, minSectors: 1 },
      consensus: { type: "supermajority", threshold: { numerator: 1, denominator: 5 }, blockIsVeto: true },
      sectorWeighting: "equal",
      organisationBalance: true,
    };
    expect(tallyMotion(ballots, rule).outcome).toBe("blocked");
    const more: Ballot = {
      memberId: "m3",
      sector: "community",
      organisation: "Bappeda",
      position: "object",
      reason: "x",
    };
    expect(tallyMotion([...ballots, more], rule).outcome).toBe("adopted");
  });

  it("keeps an adopted motion adopted when someone else supports it, under every rule", () => {
    fc.assert(
      fc.property(
        ballotsArb,
        ruleArb,
        voteArb,
        fc.constantFrom<Position>("support", "supportWithReservations"),
        (ballots, rule, vote, position) => {
          fc.pre(tallyMotion(ballots, rule).outcome === "adopted");
          expect(tallyMotion(withNewVote(ballots, { ...vote, position }), rule).outcome).toBe("adopted");
        },
      ),
      { numRuns },
    );
  });

  it("keeps an adopted motion adopted when someone stands aside, without organisation balance", () => {
    fc.assert(
      fc.property(ballotsArb, ruleArb, voteArb, (ballots, rule, vote) => {
        const unbalanced = { ...rule, organisationBalance: false };
        fc.pre(tallyMotion(ballots, unbalanced).outcome === "adopted");
        const after = tallyMotion(withNewVote(ballots, { ...vote, position: "standAside" }), unbalanced);
        expect(after.outcome).toBe("adopted");
      }),
      { numRuns },
    );
  });

  it("under equal weighting, gives a sector no more say for sending more members", () => {
    fc.assert(
      fc.property(
        ballotsArb,
        ruleArb,
        fc.constantFrom(...sectors),
        fc.integer({ min: 2, max: 4 }),
        (ballots, rule, sector, times) => {
          const equal = { ...rule, sectorWeighting: "equal" as const };
          const before = tallyMotion(ballots, equal);
          fc.pre(before.quorumMet);
          // Every member of the sector brings (times - 1) colleagues from the same organisation who vote alike.
          const crowd = ballots.flatMap((b) =>
            b.sector !== sector
              ? []
              : Array.from({ length: times - 1 }, (_, i) => ({ ...b, memberId: `${b.memberId}-colleague-${i}` })),
          );
          const after = tallyMotion([...ballots, ...crowd], equal);
          expect(after.outcome).toBe(before.outcome);
          expect(after.weightedSupportShare).toBe(before.weightedSupportShare);
        },
      ),
      { numRuns },
    );
  });

  it("adds up: sectors to totals, totals to ballots, voices to organisations", () => {
    fc.assert(
      fc.property(ballotsArb, ruleArb, (ballots, rule) => {
        const tally = tallyMotion(ballots, rule);
        expect(tally.votersCount).toBe(ballots.length);
        expect(sum(tally.totals)).toBe(ballots.length);
        expect(sectors.reduce((n, s) => n + tally.perSector[s].voters, 0)).toBe(ballots.length);
        for (const s of sectors) expect(sum(tally.perSector[s].counts)).toBe(tally.perSector[s].voters);
        for (const p of positions) {
          expect(sectors.reduce((n, s) => n + tally.perSector[s].counts[p], 0)).toBe(tally.totals[p]);
          expect(sectors.reduce((n, s) => n + tally.perSector[s].voices[p], 0)).toBe(tally.voiceTotals[p]);
        }
        expect(sum(tally.voiceTotals)).toBe(rule.organisationBalance ? tally.organisationsCounted : ballots.length);
        if (!rule.organisationBalance) expect(tally.voiceTotals).toEqual(tally.totals);
        expect(tally.sectorsRepresented).toEqual(sectors.filter((s) => tally.perSector[s].voters > 0));
      }),
      { numRuns },
    );
  });

  it("redacts to exactly the full tally minus identities, with no member id left anywhere", () => {
    fc.assert(
      fc.property(ballotsArb, ruleArb, (ballots, rule) => {
        const full: Tally = tallyMotion(ballots, rule);
        expect(tallySchema.parse(full)).toEqual(full);
        const publicView = redactTally(full);
        const { ballots: _ballots, organisationVoices: _voices, ...withoutIdentities } = full;
        expect(publicView).toEqual(withoutIdentities);
        expect(publicTallySchema.parse(publicView)).toEqual(publicView);
        const json = JSON.stringify(publicView);
        expect(json).not.toMatch(/member-|because|bappeda|warga|air bersih/i);
      }),
      { numRuns },
    );
  });

  it("refuses a second ballot from any member already voting", () => {
    fc.assert(
      fc.property(
        ballotsArb.filter((b) => b.length > 0),
        ruleArb,
        voteArb,
        fc.nat(),
        (ballots, rule, vote, pick) => {
          const index = pick % ballots.length;
          const again = toBallot(vote, ballots[index]!.memberId);
          expect(() => tallyMotion([...ballots, again], rule)).toThrow(TallyInputError);
        },
      ),
      { numRuns },
    );
  });
});

// Properties of delegation over generated rooms (cycles, chains, both scopes, cross-sector hops): a direct
// vote is never overridden, no member counts twice, removing a delegation changes only the members whose
// chain passed through its delegator, every graph terminates, and the result agrees with a naive walk.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Ballot, defaultDecisionRule, positions } from "../schemas/motion.ts";
import { type Sector, sectors } from "../schemas/user.ts";
import {
  type DelegationEdge,
  type EffectiveBallot,
  ballotsWithDelegations,
  delegationsInForce,
  resolveDelegations,
} from "./delegation.ts";
import { redactTally, tallyMotion } from "./tally.ts";

const numRuns = 1000;
fc.configureGlobal({ seed: 20261203 });

interface Room {
  members: { memberId: string; sector: Sector }[];
  direct: Map<string, number>;
  delegations: DelegationEdge[];
  acrossSectors: boolean;
}

/** Up to 12 members in up to 3 sectors; some vote, some delegate (to members, or to a stranger "x"). */
const roomArb: fc.Arbitrary<Room> = fc
  .integer({ min: 1, max: 12 })
  .chain((size) => {
    const ids = Array.from({ length: size }, (_, i) => `m${String(i).padStart(2, "0")}`);
    const target = fc.constantFrom(...ids, ...ids, "x");
    return fc.record({
      members: fc.tuple(
        ...ids.map((id) => fc.constantFrom(...sectors.slice(0, 3)).map((sector) => ({ memberId: id, sector }))),
      ),
      votes: fc.tuple(...ids.map(() => fc.option(fc.integer({ min: 0, max: 4 }), { freq: 2 }))),
      roomScoped: fc.tuple(...ids.map(() => fc.option(target, { freq: 3 }))),
      motionScoped: fc.tuple(...ids.map(() => fc.option(target, { freq: 1 }))),
      acrossSectors: fc.boolean(),
    });
  })
  .map(({ members, votes, roomScoped, motionScoped, acrossSectors }) => {
    const direct = new Map<string, number>();
    const delegations: DelegationEdge[] = [];
    members.forEach((member, i) => {
      const vote = votes[i];
      if (vote !== null && vote !== undefined) direct.set(member.memberId, vote);
      const toRoom = roomScoped[i];
      if (toRoom) delegations.push({ delegatorId: member.memberId, delegateId: toRoom, scope: "room" });
      const toMotion = motionScoped[i];
      if (toMotion) delegations.push({ delegatorId: member.memberId, delegateId: toMotion, scope: "motion" });
    });
    return { members, direct, delegations, acrossSectors };
  });

/** The members a chain visits from `start` (start included), step by step, stopping after members+1 steps. */
function naiveWalk(room: Room, start: string): { visited: string[]; ballot: number | null } {
  const inForce = delegationsInForce(room.delegations);
  const sectorOf = new Map(room.members.map((m) => [m.memberId, m.sector]));
  const visited: string[] = [];
  let current = start;
  for (let step = 0; step <= room.members.length; step++) {
    visited.push(current);
    const own = room.direct.get(current);
    if (own !== undefined) return { visited, ballot: own };
    const next = inForce.get(current);
    if (next === undefined || !sectorOf.has(next)) return { visited, ballot: null };
    if (!room.acrossSectors && sectorOf.get(next) !== sectorOf.get(current)) return { visited, ballot: null };
    if (visited.includes(next)) return { visited, ballot: null };
    current = next;
  }
  throw new Error("the naive walk did not end");
}

const resolve = (room: Room) => resolveDelegations(room);
const ballotOf = (effective: EffectiveBallot<number>[], memberId: string) =>
  effective.find((e) => e.memberId === memberId)?.ballot ?? null;

describe("delegation properties", () => {
  it("never overrides a direct vote", () => {
    fc.assert(
      fc.property(roomArb, (room) => {
        const { effective } = resolve(room);
        for (const [memberId, ballot] of room.direct) {
          expect(effective.find((e) => e.memberId === memberId)).toEqual({
            memberId,
            sector: room.members.find((m) => m.memberId === memberId)?.sector,
            source: "direct",
            ballot,
          });
        }
      }),
      { numRuns },
    );
  });

  it("counts no member twice, and only members; a member is either counted, unresolved or neither", () => {
    fc.assert(
      fc.property(roomArb, (room) => {
        const { effective, unresolved } = resolve(room);
        const counted = effective.map((e) => e.memberId);
        expect(new Set(counted).size).toBe(counted.length);
        const ids = new Set(room.members.map((m) => m.memberId));
        for (const id of counted) expect(ids.has(id)).toBe(true);
        for (const { memberId } of unresolved) expect(counted).not.toContain(memberId);
        expect(effective.length).toBeLessThanOrEqual(room.members.length);
      }),
      { numRuns },
    );
  });

  it("terminates on every graph and agrees with a naive step-by-step walk", () => {
    fc.assert(
      fc.property(roomArb, (room) => {
        const { effective } = resolve(room);
        for (const member of room.members) {
          expect(ballotOf(effective, member.memberId)).toBe(naiveWalk(room, member.memberId).ballot);
        }
      }),
      { numRuns },
    );
  });

  it("carries a delegated ballot from a member who voted directly, in the delegator's sector", () => {
    fc.assert(
      fc.property(roomArb, (room) => {
        const sectorOf = new Map(room.members.map((m) => [m.memberId, m.sector]));
        for (const entry of resolve(room).effective) {
          expect(entry.sector).toBe(sectorOf.get(entry.memberId));
          if (entry.source !== "delegated") continue;
          expect(room.direct.get(entry.castBy)).toBe(entry.ballot);
          expect(room.direct.has(entry.memberId)).toBe(false);
          expect(entry.hops).toBe(naiveWalk(room, entry.memberId).visited.length - 1);
          if (!room.acrossSectors) expect(sectorOf.get(entry.castBy)).toBe(entry.sector);
        }
      }),
      { numRuns },
    );
  });

  it("changes, when a delegation is removed, only the votes of members whose chain passed through its delegator", () => {
    fc.assert(
      fc.property(
        roomArb.filter((room) => room.delegations.length > 0),
        fc.nat(),
        (room, pick) => {
          const removed = room.delegations[pick % room.delegations.length] as DelegationEdge;
          const after: Room = { ...room, delegations: room.delegations.filter((d) => d !== removed) };
          const before = resolve(room).effective;
          const then = resolve(after).effective;
          for (const member of room.members) {
            if (naiveWalk(room, member.memberId).visited.includes(removed.delegatorId)) continue;
            expect(ballotOf(then, member.memberId)).toBe(ballotOf(before, member.memberId));
          }
        },
      ),
      { numRuns },
    );
  });

  it("gives the same result whatever order the members and delegations come in", () => {
    fc.assert(
      fc.property(roomArb, fc.boolean(), (room, reverse) => {
        const shuffled: Room = {
          ...room,
          members: reverse ? [...room.members].reverse() : room.members,
          delegations: [...room.delegations].reverse(),
        };
        expect(resolve(shuffled)).toEqual(resolve(room));
      }),
      { numRuns },
    );
  });

  it("tallies every effective ballot once, in its member's sector, with direct + delegated = counts", () => {
    fc.assert(
      fc.property(roomArb, (room) => {
        const eligible = room.members.map((m) => ({ ...m, organisation: `org ${m.memberId}` }));
        const direct: Ballot[] = [...room.direct].map(([memberId, index]) => ({
          memberId,
          sector: room.members.find((m) => m.memberId === memberId)?.sector as Sector,
          organisation: `org ${memberId}`,
          position: positions[index] as Ballot["position"],
          reason: "r",
        }));
        const { delegations, acrossSectors } = room;
        const ballots = ballotsWithDelegations({ eligible, direct, delegations, acrossSectors });
        const tally = redactTally(tallyMotion(ballots, defaultDecisionRule, eligible));
        expect(tally.votersCount).toBe(resolve(room).effective.length);
        for (const sector of sectors) {
          const row = tally.perSector[sector];
          for (const position of positions) {
            expect(row.direct[position] + row.delegated[position]).toBe(row.counts[position]);
          }
          const delegatedHere = resolve(room).effective.filter((e) => e.sector === sector && e.source === "delegated");
          expect(Object.values(row.delegated).reduce((a, b) => a + b, 0)).toBe(delegatedHere.length);
        }
      }),
      { numRuns },
    );
  });
});

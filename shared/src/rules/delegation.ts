// Vote delegation: from the members' direct ballots and the delegations they gave to each member's
// effective ballot, marked direct or delegated. Pure and deterministic (no clock, no I/O); the server
// tallies with it and the client can explain with it. Why it works as it does is in docs/delegation.md.
//
// TRANSITIVE, with cycle detection. A member who delegates to someone who did not vote, but who delegated
// in turn, is carried by that person's delegate, and so on, until the chain reaches a member who voted
// directly. Chosen over one level because the people Mufakat serves delegate to a colleague who may
// themselves be away (an agency head to a deputy who hands on to the desk officer): with one level the
// first member's voice is silently lost whenever their delegate is absent, and they cannot know in advance
// whether that will be so. The usual worry about transitive delegation, weight gathering far from the
// delegator, is bounded here by the sector rule: unless the room allows it, every hop stays inside the
// delegator's sector, so a chain can only move a voice between members of one sector, and a delegated
// ballot always counts in the delegator's own sector.
//
// - A direct ballot always overrides a delegation: a member who voted is never carried by anyone.
// - A motion-scoped delegation replaces the room-scoped one for that motion (it is the member's choice for
//   this motion; the room-scoped one is not a fallback when the motion-scoped one cannot be counted).
// - A chain that comes back to a member already on it (a cycle) ends without a ballot: the members on it
//   and everyone whose chain leads into it who did not vote directly count as not voting.
// - A hop to another sector is not followed unless `acrossSectors`; a hop to someone who is not among the
//   members (not entitled to vote on this motion) is not followed. Either way the chain ends unvoted.
// - Each member has at most one effective ballot, their own: delegation moves positions, never weight.
import type { Ballot, EligibleMember } from "../schemas/motion.ts";
import type { Sector } from "../schemas/user.ts";

export const delegationScopes = ["room", "motion"] as const;
export type DelegationScope = (typeof delegationScopes)[number];

/** A delegation in force: `delegatorId` hands their vote to `delegateId`, room-wide or for this motion. */
export interface DelegationEdge {
  delegatorId: string;
  delegateId: string;
  scope: DelegationScope;
}

/** A member entitled to vote, with the sector their ballot counts in. */
export interface DelegationMember {
  memberId: string;
  sector: Sector;
}

/** Why a member who delegated has no effective ballot. */
export const unresolvedReasons = [
  /** The chain reached a member who neither voted nor delegated (further). */
  "delegateDidNotVote",
  /** The chain came back to a member already on it. */
  "cycle",
  /** A hop leads to another sector and the room does not allow that. */
  "acrossSectors",
  /** A hop leads to someone who is not entitled to vote on this motion. */
  "delegateNotEligible",
] as const;
export type UnresolvedReason = (typeof unresolvedReasons)[number];

export type EffectiveBallot<B> =
  | { memberId: string; sector: Sector; source: "direct"; ballot: B }
  | {
      memberId: string;
      sector: Sector;
      source: "delegated";
      /** The member this one delegated to (the first hop). */
      delegateId: string;
      /** The member whose direct ballot is counted for this one (the end of the chain). */
      castBy: string;
      /** Hops from this member to castBy (1: one's delegate voted). */
      hops: number;
      ballot: B;
    };

export interface DelegationResolution<B> {
  /** One per member who voted or whose delegation reached a direct ballot, in member-id order. */
  effective: EffectiveBallot<B>[];
  /** Members who delegated (and did not vote) whose chain reached no ballot, in member-id order. */
  unresolved: { memberId: string; reason: UnresolvedReason }[];
}

export class DelegationInputError extends Error {
  constructor(message: string) {
    super(`delegation input refused: ${message}`);
    this.name = "DelegationInputError";
  }
}

/**
 * The delegation each member has in force for this motion: the motion-scoped one where there is one,
 * otherwise the room-scoped one. Two delegations of one member in one scope are refused, as the tally
 * refuses two ballots of one member: the store keeps one per scope, so a second means a bug there.
 */
export function delegationsInForce(delegations: readonly DelegationEdge[]): Map<string, string> {
  const byScope = { room: new Map<string, string>(), motion: new Map<string, string>() };
  for (const edge of delegations) {
    const scoped = byScope[edge.scope];
    if (scoped.has(edge.delegatorId)) throw new DelegationInputError(`two ${edge.scope} delegations of one member`);
    scoped.set(edge.delegatorId, edge.delegateId);
  }
  const inForce = new Map(byScope.room);
  for (const [delegatorId, delegateId] of byScope.motion) inForce.set(delegatorId, delegateId);
  return inForce;
}

type Outcome<B> =
  | { type: "ballot"; castBy: string; hops: number; ballot: B }
  | { type: "none"; reason: UnresolvedReason };

const byMemberId = (a: { memberId: string }, b: { memberId: string }) =>
  a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;

/**
 * Resolves every member's effective ballot. `direct` holds the members' own ballots by member id; a
 * ballot of someone not among `members` is ignored, as is a delegation given by someone not among them.
 * Linear in members plus delegations: each member's chain is walked once and its end remembered for every
 * member on it.
 */
export function resolveDelegations<B>(props: {
  members: readonly DelegationMember[];
  direct: ReadonlyMap<string, B>;
  delegations: readonly DelegationEdge[];
  acrossSectors: boolean;
}): DelegationResolution<B> {
  const sectorOf = new Map<string, Sector>();
  for (const member of props.members) {
    if (sectorOf.has(member.memberId)) throw new DelegationInputError("a member listed twice");
    sectorOf.set(member.memberId, member.sector);
  }
  const inForce = delegationsInForce(props.delegations);
  // The end of each member's chain, once known: a ballot (with hops from that member) or none.
  const settled = new Map<string, Outcome<B>>();

  const settle = (start: string): Outcome<B> => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current = start;
    let end: Outcome<B>;
    for (;;) {
      const known = settled.get(current);
      if (known) {
        end = known;
        break;
      }
      const own = props.direct.get(current);
      if (own !== undefined) {
        end = { type: "ballot", castBy: current, hops: 0, ballot: own };
        settled.set(current, end);
        break;
      }
      const next = inForce.get(current);
      if (next === undefined) {
        // For `start` itself this means it neither voted nor delegated; the caller leaves such members out.
        end = { type: "none", reason: "delegateDidNotVote" };
        settled.set(current, end);
        break;
      }
      path.push(current);
      onPath.add(current);
      const nextSector = sectorOf.get(next);
      if (nextSector === undefined) {
        end = { type: "none", reason: "delegateNotEligible" };
        break;
      }
      if (!props.acrossSectors && nextSector !== sectorOf.get(current)) {
        end = { type: "none", reason: "acrossSectors" };
        break;
      }
      if (onPath.has(next)) {
        end = { type: "none", reason: "cycle" };
        break;
      }
      current = next;
    }
    // Everyone on the path shares the end; a ballot is that many hops further from each of them.
    for (let index = path.length - 1; index >= 0; index--) {
      const member = path[index] as string;
      const hopsToEnd = path.length - index;
      settled.set(member, end.type === "ballot" ? { ...end, hops: end.hops + hopsToEnd } : end);
    }
    return settled.get(start) ?? end;
  };

  const effective: EffectiveBallot<B>[] = [];
  const unresolved: DelegationResolution<B>["unresolved"] = [];
  for (const member of props.members) {
    const outcome = settle(member.memberId);
    if (outcome.type === "none") {
      if (inForce.has(member.memberId)) unresolved.push({ memberId: member.memberId, reason: outcome.reason });
      continue;
    }
    if (outcome.hops === 0) {
      effective.push({ memberId: member.memberId, sector: member.sector, source: "direct", ballot: outcome.ballot });
    } else {
      effective.push({
        memberId: member.memberId,
        sector: member.sector,
        source: "delegated",
        delegateId: inForce.get(member.memberId) as string,
        castBy: outcome.castBy,
        hops: outcome.hops,
        ballot: outcome.ballot,
      });
    }
  }
  return { effective: effective.sort(byMemberId), unresolved: unresolved.sort(byMemberId) };
}

/**
 * The ballots a tally counts once delegations are applied: every direct ballot as it is, and for each
 * eligible member whose delegation reaches a direct ballot, a ballot in that member's own sector and
 * organisation with the position of the member who cast it and `delegate` naming them. The delegate's
 * reason is not copied: it is theirs, and it is recorded once, with their own ballot.
 */
export function ballotsWithDelegations(props: {
  eligible: readonly EligibleMember[];
  direct: readonly Ballot[];
  delegations: readonly DelegationEdge[];
  acrossSectors: boolean;
}): Ballot[] {
  const resolution = resolveDelegations({
    members: props.eligible,
    direct: new Map(props.direct.map((ballot) => [ballot.memberId, ballot])),
    delegations: props.delegations,
    acrossSectors: props.acrossSectors,
  });
  const organisationOf = new Map(props.eligible.map((member) => [member.memberId, member.organisation]));
  const delegated = resolution.effective.flatMap((entry): Ballot[] =>
    entry.source === "delegated"
      ? [
          {
            memberId: entry.memberId,
            sector: entry.sector,
            organisation: organisationOf.get(entry.memberId) as string,
            position: entry.ballot.position,
            delegate: entry.castBy,
          },
        ]
      : [],
  );
  return [...props.direct, ...delegated];
}

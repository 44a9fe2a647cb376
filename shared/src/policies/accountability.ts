// Who may write commitments and pledges, beside the room-level rules of room.ts: participants write their
// own, coordinators act on any in their room, observers write none.
import type { CommitmentAbilities, PledgeAbilities } from "../schemas/abilities.ts";
import type { MemberRole } from "../schemas/room.ts";
import { type PolicyActor, hasAccess } from "./access.ts";

/** A participant names only themselves as a commitment's owner; a coordinator may name any member. */
export function mayNameCommitmentOwner(actor: PolicyActor, ownerUserId: string): boolean {
  return hasAccess(actor.role, "coordinate") || ownerUserId === actor.userId;
}

/** The commitment as its policies need it. */
export interface PolicyCommitment {
  createdBy: string;
  ownerUserId: string | null;
}

/** Its owner, its author, or a coordinator of the room (the caller's write access is checked before). */
export function ownsCommitment(actor: PolicyActor, commitment: PolicyCommitment): boolean {
  return (
    hasAccess(actor.role, "coordinate") ||
    commitment.createdBy === actor.userId ||
    commitment.ownerUserId === actor.userId
  );
}

export function commitmentAbilities(actor: PolicyActor, commitment: PolicyCommitment): CommitmentAbilities {
  const may = hasAccess(actor.role, "write") && ownsCommitment(actor, commitment);
  return { updateStatus: may, edit: may };
}

/** The pledge as its policies need it. */
export interface PolicyPledge {
  pledgedBy: string;
}

/** The member who pledged, or a coordinator recording a delivery or withdrawal. */
export function ownsPledge(actor: PolicyActor, pledge: PolicyPledge): boolean {
  return hasAccess(actor.role, "coordinate") || pledge.pledgedBy === actor.userId;
}

export function pledgeAbilities(actor: PolicyActor, pledge: PolicyPledge): PledgeAbilities {
  return { updateStatus: hasAccess(actor.role, "write") && ownsPledge(actor, pledge) };
}

/** Coordinators see the symbolic-participation warnings of a room's participation. */
export function maySeeParticipationWarnings(role: MemberRole | null): boolean {
  return hasAccess(role, "coordinate");
}

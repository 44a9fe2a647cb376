// Collective leadership: a coordinator changes members' roles alone, except that demoting or removing a
// coordinator waits for a second coordinator, who may not be the one who asked.
import type { MemberRole } from "../schemas/room.ts";
import { type PolicyActor, hasAccess } from "./access.ts";

/** A member who runs the room: a room keeps at least one. */
export function countsAsCoordinator(role: MemberRole): boolean {
  return hasAccess(role, "coordinate");
}

/** Demoting or removing a member with this role needs a second coordinator's confirmation. */
export function needsSecondCoordinator(targetRole: MemberRole): boolean {
  return countsAsCoordinator(targetRole);
}

/** A pending demotion or removal is confirmed by a coordinator other than its requester. */
export function confirmationRefusal(
  actor: Pick<PolicyActor, "userId">,
  pending: { requestedBy: string },
): "CONFIRMATION_BY_SAME_COORDINATOR" | null {
  return pending.requestedBy === actor.userId ? "CONFIRMATION_BY_SAME_COORDINATOR" : null;
}

// Collective leadership: a coordinator changes members' roles alone, except that demoting or removing a
// coordinator waits for a second coordinator, who may not be the one who asked.
import type { MemberRole } from "../schemas/room.ts";
import type { PolicyActor } from "./access.ts";

/** Demoting or removing a member with this role needs a second coordinator's confirmation. */
export function needsSecondCoordinator(targetRole: MemberRole): boolean {
  return targetRole === "coordinator";
}

/** A pending demotion or removal is confirmed by a coordinator other than its requester. */
export function confirmationRefusal(
  actor: Pick<PolicyActor, "userId">,
  pending: { requestedBy: string },
): "CONFIRMATION_BY_SAME_COORDINATOR" | null {
  return pending.requestedBy === actor.userId ? "CONFIRMATION_BY_SAME_COORDINATOR" : null;
}

// Who may vote on a motion and who may close it early. The eligible members are fixed when the motion
// opens; whether the motion is still open at the moment of a vote is the vote's own race, decided by
// the command that stores it (MOTION_CLOSED), not a policy.
import type { MotionAbilities } from "../schemas/abilities.ts";
import type { MemberRole } from "../schemas/room.ts";
import { type AccessRefusal, type PolicyActor, accessRefusal } from "./access.ts";
import { levelFor } from "./room.ts";

/** The motion as its policies need it. */
export interface PolicyMotion {
  status: "open" | "closing" | "closed";
  /** Member ids that could vote when the motion opened. */
  eligibleMemberIds: readonly string[];
}

/** A member who may write, and who could vote when the motion opened. */
export function voteRefusal(actor: PolicyActor, motion: PolicyMotion): AccessRefusal | "NOT_ELIGIBLE" | null {
  const refusal = accessRefusal(actor.role, levelFor("motion.vote"));
  if (refusal) return refusal;
  return motion.eligibleMemberIds.includes(actor.userId) ? null : "NOT_ELIGIBLE";
}

/** Only a coordinator closes a motion before its deadline. */
export function closeMotionRefusal(role: MemberRole | null): AccessRefusal | null {
  return accessRefusal(role, levelFor("motion.close"));
}

/** What the caller may do with a motion that has not closed yet; nothing, once it has. */
export function motionAbilities(actor: PolicyActor, motion: PolicyMotion): MotionAbilities {
  const running = motion.status !== "closed";
  return {
    vote: running && voteRefusal(actor, motion) === null,
    closeMotion: running && closeMotionRefusal(actor.role) === null,
  };
}

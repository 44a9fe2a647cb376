// The delegations a motion counts, read from the database: the room-wide ones of its room and its own.
// Read when a motion is loaded into memory, closed or viewed; never per vote (commands/voting.ts keeps a
// live motion's copy current from the delegationChanged events).
import type { DelegationEdge } from "@mufakat/shared";
import type { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import type { DelegationDoc } from "../models/delegations.ts";

/** A stored delegation as the rule reads it, for the motion `motionId`; null when it is another motion's. */
export function delegationEdge(
  doc: Pick<DelegationDoc, "delegatorId" | "delegateId" | "motionId">,
  motionId: Types.ObjectId,
  keyOf: (memberId: string) => string,
): DelegationEdge | null {
  if (doc.motionId && !doc.motionId.equals(motionId)) return null;
  return {
    delegatorId: keyOf(doc.delegatorId.toHexString()),
    delegateId: keyOf(doc.delegateId.toHexString()),
    scope: doc.motionId ? "motion" : "room",
  };
}

/**
 * The motion's delegations with member ids turned into the keys its ballots are stored under (an HMAC of
 * the id under a secret ballot), so the rule matches them with the ballots.
 */
export async function readDelegationEdges(
  ctx: AppContext,
  motion: { _id: Types.ObjectId; roomId: Types.ObjectId },
  keyOf: (memberId: string) => string,
): Promise<DelegationEdge[]> {
  const docs = await ctx.models.Delegation.find(
    { roomId: motion.roomId },
    { delegatorId: 1, delegateId: 1, motionId: 1 },
  ).lean();
  return docs.flatMap((doc) => {
    const edge = delegationEdge(doc, motion._id, keyOf);
    return edge ? [edge] : [];
  });
}

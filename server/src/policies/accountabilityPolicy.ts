// Stored commitments and pledges as the shared policies (policies/accountability.ts) see them.
import type { PolicyCommitment, PolicyPledge } from "@mufakat/shared";
import type { Types } from "mongoose";

export function policyCommitment(commitment: {
  createdBy: Types.ObjectId;
  ownerUserId?: Types.ObjectId | null;
}): PolicyCommitment {
  return { createdBy: commitment.createdBy.toHexString(), ownerUserId: commitment.ownerUserId?.toHexString() ?? null };
}

export function policyPledge(pledge: { userId: Types.ObjectId }): PolicyPledge {
  return { pledgedBy: pledge.userId.toHexString() };
}

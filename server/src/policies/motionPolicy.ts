// A stored motion as the shared motion policies (policies/motion.ts in @mufakat/shared) see it.
import type { PolicyMotion } from "@mufakat/shared";
import type { MotionDoc } from "../models/decisions.ts";

export function policyMotion(motion: Pick<MotionDoc, "status" | "eligible">): PolicyMotion {
  return {
    status: motion.status as PolicyMotion["status"],
    eligibleMemberIds: motion.eligible.map((member) => member.memberId),
  };
}

// Shapes motions, votes and decision records for the wire, keeping secret ballots secret.
import {
  type DecisionRecord,
  type DecisionRule,
  type Motion,
  type MotionAbilities,
  type PolicyActor,
  type Position,
  type Tally,
  motionAbilities,
  redactTally,
} from "@mufakat/shared";
import type { UserCard } from "../commands/userCards.ts";
import { type DecisionRecordDoc, type MotionDoc, servedDecisionRecord } from "../models/decisions.ts";
import { policyMotion } from "../policies/motionPolicy.ts";
import { formerUser, presentPublicUser } from "./users.ts";

export function presentMotion(
  motion: MotionDoc,
  tally: Tally,
  props: {
    openedBy: UserCard | undefined;
    displayNames: Map<string, string>;
    myPosition: string | null;
    viewer: PolicyActor;
  },
): Motion {
  return {
    id: motion._id.toHexString(),
    roomId: motion.roomId.toHexString(),
    proposalId: motion.proposalId.toHexString(),
    proposalTitle: motion.proposalTitle,
    frozenText: motion.frozenText ?? "",
    frozenTextHash: motion.frozenTextHash,
    rule: motion.rule as DecisionRule,
    secretBallot: motion.secretBallot,
    status: motion.status as Motion["status"],
    openedBy: props.openedBy ? presentPublicUser(props.openedBy) : formerUser(motion.openedBy.toHexString()),
    openedAt: motion.openedAt.toISOString(),
    deadline: motion.deadline.toISOString(),
    closedAt: motion.closedAt?.toISOString() ?? null,
    closeReason: (motion.closeReason ?? null) as Motion["closeReason"],
    eligibleCount: motion.eligible.length,
    tally: redactTally(tally),
    ballots: motion.secretBallot
      ? []
      : tally.ballots.map((ballot) => ({
          ...ballot,
          displayName: props.displayNames.get(ballot.memberId) ?? "(former member)",
        })),
    myPosition: (props.myPosition ?? null) as Position | null,
    decisionSeq: motion.decisionSeq ?? null,
    abilities: motionAbilitiesOf(motion, props.viewer),
  };
}

/** A record exactly as its hash covers it (servedDecisionRecord, docs/decision-log.md). */
export function presentDecisionRecord(record: DecisionRecordDoc): DecisionRecord {
  return servedDecisionRecord(record);
}

/** What the viewer may do with the motion, from the shared motion policies. */
function motionAbilitiesOf(motion: MotionDoc, viewer: PolicyActor): MotionAbilities {
  return motionAbilities(viewer, policyMotion(motion));
}

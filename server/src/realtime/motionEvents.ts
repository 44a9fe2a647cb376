// Where motion changes meet the live layer: a vote from HTTP or a socket is stored by castVote, then the
// room hears the new tally (per sector only), and the last eligible vote closes the motion.
import {
  type CastVoteInput,
  type MotionServerToClientEvents,
  type TallyOutcome,
  type VoteResult,
  redactTally,
} from "@mufakat/shared";
import { castVote, closeMotion, finishDueMotions } from "../commands/motions.ts";
import type { AppContext } from "../context.ts";
import type { MotionDoc } from "../models/decisions.ts";
import type { UserDoc } from "../models/index.ts";

/** Delivers a motion event to everyone in a deliberation room, on any process. */
export type MotionBroadcaster = <E extends keyof MotionServerToClientEvents>(
  roomId: string,
  event: E,
  payload: Parameters<MotionServerToClientEvents[E]>[0],
) => void;

export interface MotionEvents {
  vote(user: UserDoc, motionId: string, input: CastVoteInput): Promise<VoteResult>;
  opened(motion: MotionDoc): void;
  closed(motion: MotionDoc): void;
  /** Closes motions past their deadline (and finishes interrupted closes); returns how many. */
  sweep(): Promise<number>;
}

export function createMotionEvents(ctx: AppContext, broadcaster: () => MotionBroadcaster | null): MotionEvents {
  const closed = (motion: MotionDoc) => {
    const outcome = (motion.finalTally as { outcome?: TallyOutcome } | null)?.outcome ?? "noQuorum";
    broadcaster()?.(motion.roomId.toHexString(), "motion:closed", {
      motionId: motion._id.toHexString(),
      roomId: motion.roomId.toHexString(),
      proposalId: motion.proposalId.toHexString(),
      outcome,
      decisionSeq: motion.decisionSeq ?? null,
    });
  };

  return {
    async vote(user, motionId, input) {
      const outcome = await castVote(ctx, { user, motionId, input });
      const tally = redactTally(outcome.tally);
      const roomId = outcome.motion.roomId.toHexString();
      broadcaster()?.(roomId, "motion:tally", { motionId, roomId, tally });
      if (outcome.everyoneVoted) {
        try {
          closed(await closeMotion(ctx, { motionId, reason: "allVoted" }));
        } catch (error) {
          // Another vote or the sweeper closed it first; this vote is stored and was counted.
          if ((error as { code?: string }).code !== "MOTION_CLOSED") {
            ctx.logger.error({ err: error, motionId }, "closing the motion after the last vote failed");
          }
        }
      }
      return { motionId, position: input.position, replayed: outcome.replayed, tally };
    },
    opened(motion) {
      broadcaster()?.(motion.roomId.toHexString(), "motion:opened", {
        motionId: motion._id.toHexString(),
        roomId: motion.roomId.toHexString(),
        proposalId: motion.proposalId.toHexString(),
      });
    },
    closed,
    async sweep() {
      const done = await finishDueMotions(ctx);
      for (const motion of done) closed(motion);
      return done.length;
    },
  };
}

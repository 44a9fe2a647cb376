// Casting votes and tallying them, per app: a vote from HTTP or a socket is stored by storeVote, then the
// room hears the new tally (per sector only, through the tallyChanged event), and the last eligible vote
// closes the motion. Created once by createApp; the round and in-flight state below lives as long as the app.
//
// Tallies come in rounds, one per motion at a time: a round reads every vote of the motion, broadcasts the
// tally once and closes the motion when everyone has voted. A vote stored while a round runs waits for the
// next round, which starts after it and so counts it; every vote stored meanwhile shares that round. One
// read and one broadcast per vote made a burst of N votes cost N reads of up to N votes and N broadcasts
// to N members (the vote-burst benchmark never finished at 500 members); now it costs a few rounds.
import { type CastVoteInput, type Tally, type VoteResult, redactTally } from "@mufakat/shared";
import type { AppContext } from "../context.ts";
import type { MotionDoc } from "../models/decisions.ts";
import type { UserDoc } from "../models/index.ts";
import { closeMotion, currentTally, finishDueMotions, storeVote } from "./motions.ts";

export interface Voting {
  /** Stores a position (acknowledged only once stored) and counts it in the next tally round. */
  castVote(user: UserDoc, motionId: string, input: CastVoteInput): Promise<VoteResult>;
  /** Closes motions past their deadline (and finishes interrupted closes); returns how many. */
  sweep(): Promise<number>;
}

export function createVoting(ctx: AppContext): Voting {
  /** One round: read the votes, tell the room, close the motion if everyone has voted. */
  const tallyRound = async (motion: MotionDoc): Promise<Tally> => {
    const tally = await currentTally(ctx, motion);
    const motionId = motion._id.toHexString();
    const roomId = motion.roomId.toHexString();
    ctx.events.publish("tallyChanged", { motionId, roomId, tally: redactTally(tally) });
    if (tally.votersCount >= motion.eligible.length) {
      try {
        // closeMotion publishes motionClosed once the close is stored.
        await closeMotion(ctx, { motionId, reason: "allVoted" });
      } catch (error) {
        // Another process or the sweeper closed it first; the votes of this round are stored and counted.
        if ((error as { code?: string }).code !== "MOTION_CLOSED") {
          ctx.logger.error({ err: error, motionId }, "closing the motion after the last vote failed");
        }
      }
    }
    return tally;
  };

  const rounds = new Map<string, { running: Promise<Tally> | null; waiting: Promise<Tally> | null }>();
  /** The tally of a round that starts after this call (so it counts every vote stored before it). */
  const nextTally = (motion: MotionDoc): Promise<Tally> => {
    const key = motion._id.toHexString();
    const state = rounds.get(key) ?? { running: null, waiting: null };
    rounds.set(key, state);
    if (state.waiting) return state.waiting;
    const startRound = (): Promise<Tally> => {
      state.waiting = null;
      const round = tallyRound(motion);
      state.running = round;
      const settle = () => {
        if (state.running === round) state.running = null;
        if (!state.running && !state.waiting) rounds.delete(key);
      };
      round.then(settle, settle);
      return round;
    };
    if (!state.running) return startRound();
    state.waiting = state.running.then(startRound, startRound);
    return state.waiting;
  };

  const castAndTally = async (user: UserDoc, motionId: string, input: CastVoteInput): Promise<VoteResult> => {
    const outcome = await storeVote(ctx, { user, motionId, input });
    const tally = outcome.state === "closed" ? outcome.tally : await nextTally(outcome.motion);
    return { motionId, position: input.position, replayed: outcome.replayed, tally: redactTally(tally) };
  };

  /**
   * Votes being cast on this process, by voter and clientVoteId. A client that resends a vote before its
   * ack arrives (a slow network, a busy server) gets the answer of the send already under way, marked as
   * replayed, instead of a second pass through the database; in the vote-burst benchmark (each vote resent
   * up to 3 times) that was more than half of all database work.
   */
  const inFlight = new Map<string, Promise<VoteResult>>();

  return {
    async castVote(user, motionId, input) {
      const key = `${motionId} ${user._id.toHexString()} ${input.clientVoteId}`;
      const first = inFlight.get(key);
      if (first) return { ...(await first), replayed: true };
      const casting = castAndTally(user, motionId, input);
      inFlight.set(key, casting);
      try {
        return await casting;
      } finally {
        inFlight.delete(key);
      }
    },
    async sweep() {
      // finishDueMotions closes through closeMotion, which publishes motionClosed for each.
      const done = await finishDueMotions(ctx);
      return done.length;
    },
  };
}

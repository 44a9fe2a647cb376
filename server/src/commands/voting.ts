// Casting votes and tallying them, per app. Created once by createApp; what it holds lives as long as the app.
//
// Open motions are held in memory (LiveMotion): the motion with its frozen eligible voters, each voter's
// current position and the clientVoteIds already applied, loaded once from the ballot log and updated by
// every vote stored here (and, with several processes, by the ballots the others store: applyRemoteBallot).
// A vote is then: the voter's standing in the room (VoterStanding, the caller's cheapest check), the
// eligibility and resend checks in memory, one ballot record inserted with the other ballots that arrive
// with it (group commit, server/src/db/groupCommit.ts), and a share of the next tally round. The vote is
// acknowledged only once its ballot is stored and a round that started after that found the motion still
// open in the database, so the close (which flips the motion to "closing" before it reads the stored
// ballots, on whichever process closes it) counts every acknowledged vote.
//
// Tallies come in rounds, one per motion at a time: a round reads the motion's status (one query), counts
// the positions in memory with the shared rule, tells the room once and closes the motion when everyone
// has voted. Every vote stored while a round runs shares the next one.
//
// Delegations are read once with the motion and kept in LiveMotion, keyed like the ballots; the
// delegationChanged events of the delegation commands (and, with several processes, the others' relayed
// as motion:delegation) update them and start a round, so a vote reads nothing more than before. The
// close reads the stored delegations, so the decision counts them whatever a copy held. "Everyone has
// voted" counts delegated ballots too: every eligible voice is in.
import {
  type CastVoteInput,
  type DelegationEdge,
  type MemberRole,
  type Position,
  type RelayedBallot,
  type RelayedDelegation,
  type Tally,
  type VoteResult,
  redactTally,
  voteRefusal,
} from "@mufakat/shared";
import { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { GroupCommitWriter } from "../db/groupCommit.ts";
import { appError, isDuplicateKey } from "../errors.ts";
import type { MotionDoc } from "../models/decisions.ts";
import type { UserDoc } from "../models/index.ts";
import { policyMotion } from "../policies/motionPolicy.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";
import { delegationEdge, readDelegationEdges } from "./motionDelegations.ts";
import {
  type StoredBallot,
  closeMotion,
  eligibleVoters,
  finishDueMotions,
  readBallots,
  recordedFinalTally,
  tallyOfBallots,
  voterKeyFor,
} from "./motions.ts";
import { NextRun } from "./nextRun.ts";

/**
 * The voter's role in the motion's room now, or the refusal (NOT_A_MEMBER, READ_ONLY_ROLE, TOKEN_INVALID
 * for a banned user…). The frozen list of eligible voters is checked in memory after it; this is only "is
 * the voter still a member who may write". HTTP reads the membership (memberStanding); a socket that joined
 * the room answers from the role it holds (re-read in the background); a room cache can answer it too.
 */
export type VoterStanding = (roomId: string) => Promise<MemberRole>;

export interface Voter {
  userId: Types.ObjectId;
  standing: VoterStanding;
}

/** A user already loaded and checked as active (HTTP): their standing is read from their membership. */
export function memberVoter(ctx: AppContext, user: UserDoc): Voter {
  return {
    userId: user._id,
    standing: async (roomId) => (await loadRoomAccess(ctx, { roomId, userId: user._id, action: "motion.vote" })).role,
  };
}

/** One ballot as stored in the log (VoteEvent) and relayed to the other processes. */
export interface BallotRecord extends StoredBallot {
  motionId: Types.ObjectId;
  at: Date;
}

export interface Voting {
  /** Stores a position (acknowledged only once stored) and counts it in the next tally round. */
  castVote(voter: Voter, motionId: string, input: CastVoteInput): Promise<VoteResult>;
  /** Closes motions past their deadline (and finishes interrupted closes); returns how many. */
  sweep(): Promise<number>;
  /** A ballot another process stored: counted in this process's copy of the motion, if it holds one. */
  applyRemoteBallot(ballot: RelayedBallot): void;
  /** A delegation another process stored or removed: applied to this process's copies of open motions. */
  applyRemoteDelegation(change: RelayedDelegation): void;
  /** Open motions held in memory, and the ballot writer's counters (for tests and the benchmark). */
  resources(): { liveMotions: number; ballotWrites: GroupCommitWriter<BallotRecord>["stats"] };
  /** Waits for the ballots being stored. */
  idle(): Promise<void>;
}

/** An open motion as this process holds it. */
interface LiveMotion {
  ctx: AppContext;
  motion: MotionDoc;
  motionId: string;
  roomId: string;
  /** Frozen eligible voters by member id, with the key their ballots are stored under. */
  eligible: Map<string, { voterKey: string; sector: string; organisation: string }>;
  eligibleForTally: ReturnType<typeof eligibleVoters>;
  /** Each voter's latest ballot, by voter key. */
  positions: Map<string, StoredBallot>;
  /** `voterKey clientVoteId` of every ballot stored. */
  applied: Set<string>;
  /** The delegations in force for this motion, keyed like the ballots, by `scope delegatorKey`. */
  delegations: Map<string, DelegationEdge>;
  /** Dropped from the cache (closed, or a write failed): no longer the copy new votes use. */
  dropped: boolean;
  /** Its tally rounds, one at a time (nextRun.ts). */
  rounds: NextRun<RoundResult>;
}

type RoundResult = { state: "open"; tally: Tally } | { state: "closed"; motion: MotionDoc | null };

const appliedKey = (voterKey: string, clientVoteId: string) => `${voterKey} ${clientVoteId}`;
const delegationKey = (edge: Pick<DelegationEdge, "scope" | "delegatorId">) => `${edge.scope} ${edge.delegatorId}`;

/** The key a member's ballots (and delegations) are held under in this motion. */
const keyIn = (live: LiveMotion, memberId: string) =>
  live.eligible.get(memberId)?.voterKey ?? voterKeyFor(live.ctx, live.motion, memberId);

/** Keeps the later of two ballots of one voter (by _id): applying ballots in any order gives the same positions. */
function applyBallot(live: LiveMotion, ballot: StoredBallot): void {
  live.applied.add(appliedKey(ballot.voterKey, ballot.clientVoteId));
  const seen = live.positions.get(ballot.voterKey);
  if (!seen || seen._id.toHexString() < ballot._id.toHexString()) live.positions.set(ballot.voterKey, ballot);
}

export function createVoting(ctx: AppContext, options: { ballotWindowMs?: number } = {}): Voting {
  const ballots = new GroupCommitWriter<BallotRecord>({
    name: "ballots",
    windowMs: options.ballotWindowMs ?? 2,
    logger: ctx.logger,
    // ordered: a group is stored in arrival order and stops at the first failure, which fails the group.
    store: async (records) => {
      await ctx.models.VoteEvent.insertMany(records, { ordered: true, lean: true });
    },
  });

  const cache = new Map<string, Promise<LiveMotion | MotionDoc>>();

  const drop = (live: LiveMotion) => {
    live.dropped = true;
    const cached = cache.get(live.motionId);
    if (cached)
      void cached.then((held) => held === live && cache.get(live.motionId) === cached && cache.delete(live.motionId));
  };

  /** The motion held in memory when it is open, or the stored motion when it is not (not kept). */
  const load = (motionId: string): Promise<LiveMotion | MotionDoc> => {
    const held = cache.get(motionId);
    if (held) return held;
    const loading = (async (): Promise<LiveMotion | MotionDoc> => {
      const motion = Types.ObjectId.isValid(motionId) ? await ctx.models.Motion.findById(motionId).lean() : null;
      if (!motion) throw appError("MOTION_NOT_FOUND", "no such motion");
      if (motion.status !== "open") return motion;
      const eligibleForTally = eligibleVoters(ctx, motion);
      const live: LiveMotion = {
        ctx,
        motion,
        motionId,
        roomId: motion.roomId.toHexString(),
        eligible: new Map(
          motion.eligible.map((member, index) => [
            member.memberId,
            {
              voterKey: eligibleForTally[index]?.memberId ?? member.memberId,
              sector: member.sector,
              organisation: member.organisation,
            },
          ]),
        ),
        eligibleForTally,
        positions: new Map(),
        applied: new Set(),
        delegations: new Map(),
        dropped: false,
        rounds: new NextRun<RoundResult>(() => tallyRound(live)),
      };
      const [stored, delegations] = await Promise.all([
        readBallots(ctx, motion._id),
        readDelegationEdges(ctx, motion, (memberId) => keyIn(live, memberId)),
      ]);
      for (const ballot of stored) applyBallot(live, ballot);
      for (const edge of delegations) live.delegations.set(delegationKey(edge), edge);
      return live;
    })();
    cache.set(motionId, loading);
    loading.then(
      (held) => {
        // A motion that is not open is answered, not kept: it may reopen never, but closing is the other
        // process's to finish, and the next vote reads it again.
        if (!("positions" in held) && cache.get(motionId) === loading) cache.delete(motionId);
      },
      () => {
        if (cache.get(motionId) === loading) cache.delete(motionId);
      },
    );
    return loading;
  };

  /** One round: is the motion still open (stored), the tally from memory, tell the room, close when all voted. */
  const tallyRound = async (live: LiveMotion): Promise<RoundResult> => {
    // The round counts what was applied when it started: a ballot applied while its status read runs waits
    // for the next round, so a round that closes the motion has counted every ballot it acknowledges.
    const counted = [...live.positions.values()];
    const delegations = [...live.delegations.values()];
    const stored = await ctx.models.Motion.findById(live.motion._id, { status: 1, finalTally: 1 }).lean();
    if (stored?.status !== "open") {
      drop(live);
      return { state: "closed", motion: stored ? await ctx.models.Motion.findById(live.motion._id).lean() : null };
    }
    const tally = tallyOfBallots(live.motion, live.eligibleForTally, counted, delegations);
    ctx.events.publish("tallyChanged", { motionId: live.motionId, roomId: live.roomId, tally: redactTally(tally) });
    if (tally.votersCount >= live.eligible.size) {
      try {
        // closeMotion publishes motionClosed once the close is stored.
        await closeMotion(ctx, { motionId: live.motionId, reason: "allVoted" });
      } catch (error) {
        // Another process or the sweeper closed it first, or holds its close lock and is closing it now.
        // Either way this round's votes are acknowledged, not refused: each was stored before this round
        // read the motion open, and any closer flips it to "closing" before it reads the ballots, so the
        // close happening elsewhere counts them.
        if ((error as { code?: string }).code !== "MOTION_CLOSED") {
          ctx.logger.error({ err: error, motionId: live.motionId }, "closing the motion after the last vote failed");
        }
      }
    }
    return { state: "open", tally };
  };

  /**
   * A vote on a motion that is no longer open: a resend whose first send the close counted gets its
   * acknowledgement again (with the final tally); anything else is MOTION_CLOSED.
   */
  const answerClosed = async (
    motion: MotionDoc | null,
    voterKey: string,
    input: CastVoteInput,
    motionId: string,
  ): Promise<VoteResult> => {
    if (!motion) throw appError("MOTION_NOT_FOUND", "no such motion");
    const finalTally = recordedFinalTally(motion);
    const counted = finalTally?.ballots.some(
      (ballot) => ballot.memberId === voterKey && ballot.position === input.position,
    );
    if (finalTally && counted) {
      const applied = await ctx.models.VoteEvent.exists({
        motionId: motion._id,
        voterKey,
        clientVoteId: input.clientVoteId,
      });
      if (applied) return { motionId, position: input.position, replayed: true, tally: redactTally(finalTally) };
    }
    throw appError("MOTION_CLOSED", "the motion closed before this vote could be counted");
  };

  const castAndTally = async (
    voter: Voter,
    motionId: string,
    input: CastVoteInput,
    attempt = 0,
  ): Promise<VoteResult> => {
    const held = await load(motionId);
    const userId = voter.userId.toHexString();
    if (!("positions" in held)) {
      await voter.standing(held.roomId.toHexString());
      const entitled = policyMotion(held).eligibleMemberIds.includes(userId);
      if (!entitled)
        throw appError("NOT_ELIGIBLE", "only members who could vote when the motion opened can vote on it");
      return answerClosed(held, voterKeyFor(ctx, held, userId), input, motionId);
    }
    const live = held;
    const role = await voter.standing(live.roomId);
    const entitled = live.eligible.get(userId);
    if (!entitled || voteRefusal({ userId, role }, policyMotion(live.motion)))
      throw appError("NOT_ELIGIBLE", "only members who could vote when the motion opened can vote on it");
    if (live.motion.deadline <= ctx.now()) throw appError("MOTION_CLOSED", "this motion is closed");

    const { position, clientVoteId } = input;
    const replayed = live.applied.has(appliedKey(entitled.voterKey, clientVoteId));
    if (!replayed) {
      const ballot: BallotRecord = {
        _id: new Types.ObjectId(),
        motionId: live.motion._id,
        voterKey: entitled.voterKey,
        clientVoteId,
        sector: entitled.sector,
        organisation: entitled.organisation,
        position,
        reason: input.reason ?? null,
        at: ctx.now(),
      };
      try {
        await ballots.write(ballot);
      } catch (error) {
        // Part of the group may be stored: this copy no longer knows what the log holds, so the next vote
        // reads it again. A resend (or this clientVoteId stored by another process) is then recognised.
        drop(live);
        const cause = (error as { cause?: unknown }).cause;
        if (attempt === 0 && isDuplicateKey(cause)) return castAndTally(voter, motionId, input, 1);
        throw error;
      }
      applyBallot(live, ballot);
      // A copy loaded while this ballot was being stored may have missed it.
      const current = cache.get(motionId);
      if (current && live.dropped)
        void current.then(
          (other) => "positions" in other && applyBallot(other, ballot),
          () => undefined,
        );
      ctx.events.publish("ballotStored", {
        motionId,
        roomId: live.roomId,
        ballot: {
          id: ballot._id.toHexString(),
          motionId,
          voterKey: ballot.voterKey,
          clientVoteId,
          sector: ballot.sector,
          organisation: ballot.organisation,
          position,
          reason: ballot.reason,
        },
      });
      ctx.events.publish("voteCast", {
        motionId,
        roomId: live.roomId,
        voterId: userId,
        position: position as Position,
        clientVoteId,
      });
    }
    const round = await live.rounds.next();
    if (round.state === "closed") {
      // Only a resend of a vote the close counted is acknowledged: a first send may have missed the count.
      if (!replayed) throw appError("MOTION_CLOSED", "the motion closed before this vote could be counted");
      return answerClosed(round.motion, entitled.voterKey, input, motionId);
    }
    return { motionId, position, replayed, tally: redactTally(round.tally) };
  };

  /**
   * Votes being cast on this process, by voter and clientVoteId. A client that resends a vote before its
   * ack arrives (a slow network, a busy server) gets the answer of the send already under way, marked as
   * replayed; in the vote-burst benchmark each vote is resent up to 3 times.
   */
  const inFlight = new Map<string, Promise<VoteResult>>();

  // A closed motion leaves memory; the next vote on it reads it again (and is refused).
  ctx.events.subscribe("motionClosed", ({ motionId }) => {
    const held = cache.get(motionId);
    if (held)
      void held.then(
        (live) => "positions" in live && drop(live),
        () => undefined,
      );
  });

  /** A delegation given or taken back: the open motions it concerns update their copy and tally again. */
  const applyDelegation = (change: RelayedDelegation) => {
    for (const held of cache.values()) {
      void held.then(
        (live) => {
          if (!("positions" in live) || live.dropped || live.roomId !== change.roomId) return;
          if (change.motionId !== null && change.motionId !== live.motionId) return;
          const scope = change.motionId === null ? "room" : "motion";
          const delegatorId = keyIn(live, change.delegatorId);
          if (change.delegateId === null) live.delegations.delete(delegationKey({ scope, delegatorId }));
          else {
            const edge = delegationEdge(
              {
                delegatorId: new Types.ObjectId(change.delegatorId),
                delegateId: new Types.ObjectId(change.delegateId),
                motionId: change.motionId === null ? null : live.motion._id,
              },
              live.motion._id,
              (memberId) => keyIn(live, memberId),
            );
            if (edge) live.delegations.set(delegationKey(edge), edge);
          }
          live.rounds
            .next()
            .catch((error: unknown) =>
              ctx.logger.warn({ err: error, motionId: live.motionId }, "the tally after a delegation change failed"),
            );
        },
        () => undefined,
      );
    }
  };
  ctx.events.subscribe("delegationChanged", applyDelegation);

  return {
    async castVote(voter, motionId, input) {
      const key = `${motionId} ${voter.userId.toHexString()} ${input.clientVoteId}`;
      const first = inFlight.get(key);
      if (first) return { ...(await first), replayed: true };
      const casting = castAndTally(voter, motionId, input);
      inFlight.set(key, casting);
      try {
        return await casting;
      } finally {
        inFlight.delete(key);
      }
    },
    async sweep() {
      // Motions past their deadline leave memory here too (they are closed by whichever process flips them).
      const now = ctx.now();
      for (const held of cache.values()) {
        void held.then(
          (live) => "positions" in live && live.motion.deadline <= now && drop(live),
          () => undefined,
        );
      }
      // finishDueMotions closes through closeMotion, which publishes motionClosed for each.
      const done = await finishDueMotions(ctx);
      return done.length;
    },
    applyRemoteBallot(relayed) {
      const held = cache.get(relayed.motionId);
      if (!held || !Types.ObjectId.isValid(relayed.id)) return;
      const ballot: StoredBallot = {
        _id: new Types.ObjectId(relayed.id),
        voterKey: relayed.voterKey,
        clientVoteId: relayed.clientVoteId,
        sector: relayed.sector,
        organisation: relayed.organisation,
        position: relayed.position,
        reason: relayed.reason,
      };
      void held.then(
        (live) => "positions" in live && applyBallot(live, ballot),
        () => undefined,
      );
    },
    applyRemoteDelegation(relayed) {
      const ids = [relayed.delegatorId, relayed.delegateId, relayed.motionId].filter((id) => id !== null);
      if (!ids.every((id) => typeof id === "string" && Types.ObjectId.isValid(id))) return;
      applyDelegation(relayed);
    },
    resources: () => ({ liveMotions: cache.size, ballotWrites: { ...ballots.stats } }),
    idle: () => ballots.idle(),
  };
}

// Polls: ranked, score, dot and time polls, decided like a motion (eligible members frozen when it opens,
// a deadline, one close appended to the decision log) and counted by the kind's rule (countPoll,
// shared/src/rules/pollCount.ts). Per app, created once by createApp.
//
// Open polls are held in memory (LivePoll), as voting.ts holds open motions: the frozen eligible voters,
// each voter's latest answer and the clientVoteIds already stored, loaded once from the ballot log and
// updated by every ballot stored here (and, with several processes, by the ones the others store:
// applyRemoteBallot). A ballot is then: the voter's standing, the checks in memory, one record inserted
// with the others that arrive with it (group commit) and a share of the next result round. It is
// acknowledged only once stored and once a round that started after that found the poll still open in the
// database; the close flips the poll to "closing" before it reads the stored ballots, so it counts every
// acknowledged ballot.
import {
  type CastPollBallotInput,
  type CloseReason,
  type MemberRole,
  type OpenPollInput,
  type PollAnswer,
  type PollBallotResult,
  type PollDecidedPayload,
  type PollResultView,
  type Quorum,
  type RelayedPollBallot,
  type SectorWeighting,
  countPoll,
  levelFor,
  openPollInputSchema,
  pollAnswerIssues,
  pollDefinitionOf,
  rolesWith,
  voteRefusal,
} from "@mufakat/shared";
import { Types, trusted } from "mongoose";
import type { AppContext } from "../context.ts";
import { GroupCommitWriter } from "../db/groupCommit.ts";
import { appError, isDuplicateKey } from "../errors.ts";
import type { UserDoc } from "../models/index.ts";
import type { PollBallotDoc, PollDoc } from "../models/polls.ts";
import { appendDecisionRecord } from "./decisionLog.ts";
import { findRoom, loadRoomAccess } from "./loadRoomAccess.ts";
import { roomDecisionRule, voterKeyFor } from "./motions.ts";
import { recordAudit } from "./recordAudit.ts";
import type { Voter } from "./voting.ts";
import { NextRun } from "./nextRun.ts";

/** The latest answer of each voter, as the count takes them. */
interface CurrentAnswer {
  _id: Types.ObjectId;
  voterKey: string;
  clientVoteId: string;
  sector: string;
  answer: PollAnswer;
}

/** The result of the given current answers; stored answers were checked when cast, so this never refuses. */
export function resultOf(poll: PollDoc, answers: Iterable<Pick<CurrentAnswer, "sector" | "answer">>): PollResultView {
  const counted = countPoll(
    pollDefinitionOf(poll),
    [...answers].map(({ sector, answer }) => ({ sector: sector as never, answer })),
    {
      quorum: poll.quorum as Quorum,
      sectorWeighting: poll.sectorWeighting as SectorWeighting,
      eligibleCount: poll.eligible.length,
    },
  );
  if (!counted.ok) throw appError("INTERNAL", `a stored poll ballot does not fit its poll: ${counted.error.message}`);
  return counted.data;
}

function latestAnswers(records: Iterable<CurrentAnswer>): Map<string, CurrentAnswer> {
  const latest = new Map<string, CurrentAnswer>();
  for (const record of records) applyLatest(latest, record);
  return latest;
}

function applyLatest(latest: Map<string, CurrentAnswer>, record: CurrentAnswer): void {
  const seen = latest.get(record.voterKey);
  if (!seen || seen._id.toHexString() < record._id.toHexString()) latest.set(record.voterKey, record);
}

async function readPollBallots(ctx: AppContext, pollId: Types.ObjectId): Promise<CurrentAnswer[]> {
  return ctx.models.PollBallot.find(
    { pollId },
    { voterKey: 1, clientVoteId: 1, sector: 1, answer: 1 },
  ).lean() as Promise<CurrentAnswer[]>;
}

export async function findPoll(ctx: AppContext, pollId: string): Promise<PollDoc> {
  const poll = Types.ObjectId.isValid(pollId) ? await ctx.models.Poll.findById(pollId).lean() : null;
  if (!poll) throw appError("POLL_NOT_FOUND", "no such poll");
  return poll;
}

/** Options get ids in the order sent: "o1", "o2", …; a time poll's label is its slot as sent. */
export async function openPoll(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; input: OpenPollInput },
): Promise<PollDoc> {
  const input = openPollInputSchema.parse(props.input);
  const room = await findRoom(ctx, props.roomId);
  await loadRoomAccess(ctx, { roomId: props.roomId, userId: props.user._id, action: "motion.open" });
  const eligibleMembers = await ctx.models.Membership.find({
    roomId: room._id,
    role: trusted({ $in: rolesWith(levelFor("motion.vote")) }),
  }).lean();
  const rule = roomDecisionRule(room);
  const now = ctx.now();
  const poll = (
    await ctx.models.Poll.create({
      roomId: room._id,
      kind: input.kind,
      title: input.title,
      options: input.options.map((label, index) => ({ id: `o${index + 1}`, label })),
      method: input.kind === "ranked" ? input.method : null,
      maxScore: input.kind === "score" ? input.maxScore : null,
      dots: input.kind === "dot" ? input.dots : null,
      quorum: rule.quorum,
      sectorWeighting: rule.sectorWeighting,
      secretBallot: room.secretBallots ?? false,
      eligible: eligibleMembers.map((m) => ({
        memberId: m.userId.toHexString(),
        sector: m.sector,
        organisation: m.organisation,
      })),
      openedBy: props.user._id,
      openedAt: now,
      deadline: new Date(now.getTime() + input.durationMinutes * 60_000),
      status: "open",
    })
  ).toObject() as PollDoc;
  await recordAudit(ctx, {
    roomId: room._id,
    actorId: props.user._id,
    action: "poll.opened",
    target: poll._id.toHexString(),
    after: { kind: poll.kind, title: poll.title, options: poll.options.length },
  });
  ctx.events.publish("pollOpened", { pollId: poll._id.toHexString(), roomId: room._id.toHexString() });
  return poll;
}

/** As for motions: a close may take this long before the sweeper treats it as interrupted. */
const closeLockMs = 10_000;

/**
 * Closes a poll once, under its close lock (see closeMotion for why the flip alone is not enough on the
 * embedded database): open -> closing, the stored ballots counted, the decision appended, closed.
 */
export async function closePoll(
  ctx: AppContext,
  props: { pollId: string; reason: CloseReason; closedBy?: UserDoc | null; resumeStalled?: boolean },
): Promise<PollDoc> {
  const poll = await findPoll(ctx, props.pollId);
  if (props.reason === "coordinator") {
    if (!props.closedBy) throw appError("NOT_A_COORDINATOR", "only a coordinator of this room can close a poll");
    await loadRoomAccess(ctx, {
      roomId: poll.roomId.toHexString(),
      userId: props.closedBy._id,
      action: "motion.close",
    });
  }
  if (poll.status === "closed") throw appError("POLL_CLOSED", "this poll is already closed");
  const closing = await ctx.locks.withLock(`mufakat:poll-close:${poll._id.toHexString()}`, closeLockMs, async () => {
    const claimed = await ctx.models.Poll.findOneAndUpdate(
      { _id: poll._id, status: "open" },
      {
        $set: {
          status: "closing",
          closingAt: ctx.now(),
          closeReason: props.reason,
          closedBy: props.closedBy?._id ?? null,
        },
      },
      { returnDocument: "after" },
    ).lean();
    if (claimed) return finishClose(ctx, claimed);
    const current = await ctx.models.Poll.findById(poll._id).lean();
    if (current?.status === "closing" && props.resumeStalled) return finishClose(ctx, current);
    throw appError("POLL_CLOSED", "this poll is already closed");
  });
  if (closing.state === "busy") throw appError("POLL_CLOSED", "this poll is being closed");
  return closing.value;
}

async function finishClose(ctx: AppContext, poll: PollDoc): Promise<PollDoc> {
  const latest = latestAnswers(await readPollBallots(ctx, poll._id));
  const result = resultOf(poll, latest.values());
  const closedAt = poll.closingAt ?? ctx.now();
  const record = await appendDecisionRecord(ctx, {
    roomId: poll.roomId,
    dedupeKey: `poll:${poll._id.toHexString()}`,
    kind: "decision",
    payload: await decisionPayload(ctx, poll, result, latest, closedAt),
  });
  const closed = await ctx.models.Poll.findOneAndUpdate(
    { _id: poll._id },
    { $set: { status: "closed", closedAt, finalResult: JSON.parse(JSON.stringify(result)), decisionSeq: record.seq } },
    { returnDocument: "after" },
  ).lean();
  if (poll.closeReason === "coordinator" && poll.closedBy) {
    await recordAudit(ctx, {
      roomId: poll.roomId,
      actorId: poll.closedBy,
      action: "poll.closed",
      target: poll._id.toHexString(),
      before: { status: "open", deadline: poll.deadline.toISOString() },
      after: { status: "closed", outcome: result.outcome, decisionSeq: record.seq, early: closedAt < poll.deadline },
    });
  }
  const done = closed ?? poll;
  ctx.events.publish("pollClosed", {
    pollId: done._id.toHexString(),
    roomId: done.roomId.toHexString(),
    outcome: result.outcome,
    leading: result.leading,
    decisionSeq: done.decisionSeq ?? null,
  });
  return done;
}

async function decisionPayload(
  ctx: AppContext,
  poll: PollDoc,
  result: PollResultView,
  latest: Map<string, CurrentAnswer>,
  closedAt: Date,
): Promise<PollDecidedPayload> {
  const ids = [poll.openedBy, ...(poll.closedBy ? [poll.closedBy] : [])];
  const voterIds = poll.secretBallot ? [] : [...latest.keys()].filter(Types.ObjectId.isValid);
  const people = await ctx.models.User.find(
    { _id: trusted({ $in: [...ids, ...voterIds.map((id) => new Types.ObjectId(id))] }) },
    { displayName: 1 },
  ).lean();
  const nameOf = (id: string) => people.find((p) => p._id.toHexString() === id)?.displayName ?? "(former member)";
  const person = (id: Types.ObjectId) => ({ id: id.toHexString(), displayName: nameOf(id.toHexString()) });
  return {
    type: "pollDecided",
    pollId: poll._id.toHexString(),
    kind: poll.kind as PollDecidedPayload["kind"],
    title: poll.title,
    options: poll.options.map(({ id, label }) => ({ id, label })),
    method: (poll.method ?? null) as PollDecidedPayload["method"],
    maxScore: poll.maxScore ?? null,
    dots: poll.dots ?? null,
    quorum: poll.quorum as Quorum,
    sectorWeighting: poll.sectorWeighting as SectorWeighting,
    secretBallot: poll.secretBallot,
    outcome: result.outcome,
    leading: result.leading,
    result,
    answers: poll.secretBallot
      ? []
      : [...latest.values()]
          .sort((a, b) => (a.voterKey < b.voterKey ? -1 : 1))
          .map((answer) => ({
            memberId: answer.voterKey,
            displayName: nameOf(answer.voterKey),
            sector: answer.sector as PollDecidedPayload["answers"][number]["sector"],
            answer: answer.answer,
          })),
    openedAt: poll.openedAt.toISOString(),
    openedBy: person(poll.openedBy),
    deadline: poll.deadline.toISOString(),
    closedAt: closedAt.toISOString(),
    closeReason: (poll.closeReason ?? null) as CloseReason | null,
    closedBy: poll.closedBy ? person(poll.closedBy) : null,
    earlyClose: poll.closeReason === "coordinator" && closedAt < poll.deadline,
  };
}

/** Polls past their deadline closed, and closes a crash interrupted finished; safe from several processes. */
async function finishDuePolls(ctx: AppContext): Promise<PollDoc[]> {
  const now = ctx.now();
  const due = await ctx.models.Poll.find({ status: "open", deadline: trusted({ $lte: now }) })
    .limit(50)
    .lean();
  const stalled = await ctx.models.Poll.find({
    status: "closing",
    closingAt: trusted({ $lte: new Date(now.getTime() - closeLockMs) }),
  })
    .limit(50)
    .lean();
  const closed: PollDoc[] = [];
  for (const poll of [...due, ...stalled]) {
    try {
      closed.push(await closePoll(ctx, { pollId: poll._id.toHexString(), reason: "deadline", resumeStalled: true }));
    } catch (error) {
      if ((error as { code?: string }).code !== "POLL_CLOSED") throw error;
    }
  }
  return closed;
}

export async function listPolls(ctx: AppContext, props: { user: UserDoc; roomId: string }): Promise<PollDoc[]> {
  const { room } = await loadRoomAccess(ctx, { roomId: props.roomId, userId: props.user._id, action: "motion.view" });
  return ctx.models.Poll.find({ roomId: room._id }).sort({ openedAt: -1 }).limit(200).lean();
}

export async function loadPollForMember(
  ctx: AppContext,
  props: { user: UserDoc; pollId: string },
): Promise<{ poll: PollDoc; role: MemberRole }> {
  const poll = await findPoll(ctx, props.pollId);
  const { role } = await loadRoomAccess(ctx, {
    roomId: poll.roomId.toHexString(),
    userId: props.user._id,
    action: "motion.view",
  });
  return { poll, role };
}

/** One ballot as stored in the log (PollBallot) and relayed to the other processes. */
type PollBallotRecord = Omit<PollBallotDoc, "answer"> & { answer: PollAnswer };

/** An open poll as this process holds it. */
interface LivePoll {
  poll: PollDoc;
  pollId: string;
  roomId: string;
  /** Frozen eligible voters by member id, with the key their ballots are stored under. */
  eligible: Map<string, { voterKey: string; sector: string }>;
  answers: Map<string, CurrentAnswer>;
  /** `voterKey clientVoteId` of every ballot stored. */
  applied: Set<string>;
  dropped: boolean;
  /** Its result rounds, one at a time (nextRun.ts). */
  rounds: NextRun<RoundResult>;
}

type RoundResult = { state: "open"; result: PollResultView } | { state: "closed"; poll: PollDoc | null };

const appliedKey = (voterKey: string, clientVoteId: string) => `${voterKey} ${clientVoteId}`;

function applyBallot(live: LivePoll, ballot: CurrentAnswer): void {
  live.applied.add(appliedKey(ballot.voterKey, ballot.clientVoteId));
  applyLatest(live.answers, ballot);
}

/** What a viewer sees of a poll: its result now (from memory when it is open here) and their own answer. */
export interface PollView {
  poll: PollDoc;
  result: PollResultView;
  /** Named polls: each voter's current answer, by member id. */
  answers: Array<{ memberId: string; sector: string; answer: PollAnswer }>;
  myAnswer: PollAnswer | null;
  displayNames: Map<string, string>;
  openedBy: Pick<UserDoc, "_id" | "displayName" | "sector" | "organisation"> | undefined;
  role: MemberRole | null;
}

export interface Polling {
  /** Stores an answer (acknowledged only once stored) and counts it in the next result round. */
  castBallot(voter: Voter, pollId: string, input: CastPollBallotInput): Promise<PollBallotResult>;
  view(poll: PollDoc, viewer: UserDoc, role: MemberRole | null): Promise<PollView>;
  /** Closes polls past their deadline (and finishes interrupted closes); returns how many. */
  sweep(): Promise<number>;
  applyRemoteBallot(ballot: RelayedPollBallot): void;
  resources(): { livePolls: number };
  idle(): Promise<void>;
}

export function createPolling(ctx: AppContext, options: { ballotWindowMs?: number } = {}): Polling {
  const ballots = new GroupCommitWriter<PollBallotRecord>({
    name: "pollBallots",
    windowMs: options.ballotWindowMs ?? 2,
    logger: ctx.logger,
    store: async (records) => {
      await ctx.models.PollBallot.insertMany(records, { ordered: true, lean: true });
    },
  });
  const cache = new Map<string, Promise<LivePoll | PollDoc>>();

  const drop = (live: LivePoll) => {
    live.dropped = true;
    const cached = cache.get(live.pollId);
    if (cached)
      void cached.then((held) => held === live && cache.get(live.pollId) === cached && cache.delete(live.pollId));
  };

  const load = (pollId: string): Promise<LivePoll | PollDoc> => {
    const held = cache.get(pollId);
    if (held) return held;
    const loading = (async (): Promise<LivePoll | PollDoc> => {
      const poll = await findPoll(ctx, pollId);
      if (poll.status !== "open") return poll;
      const live: LivePoll = {
        poll,
        pollId,
        roomId: poll.roomId.toHexString(),
        eligible: new Map(
          poll.eligible.map((member) => [
            member.memberId,
            { voterKey: voterKeyFor(ctx, poll, member.memberId), sector: member.sector },
          ]),
        ),
        answers: new Map(),
        applied: new Set(),
        dropped: false,
        rounds: new NextRun<RoundResult>(() => resultRound(live)),
      };
      for (const ballot of await readPollBallots(ctx, poll._id)) applyBallot(live, ballot);
      return live;
    })();
    cache.set(pollId, loading);
    loading.then(
      (held) => {
        if (!("answers" in held) && cache.get(pollId) === loading) cache.delete(pollId);
      },
      () => {
        if (cache.get(pollId) === loading) cache.delete(pollId);
      },
    );
    return loading;
  };

  /** One round: is the poll still open (stored), the result from memory, tell the room, close when all voted. */
  const resultRound = async (live: LivePoll): Promise<RoundResult> => {
    const counted = [...live.answers.values()];
    const stored = await ctx.models.Poll.findById(live.poll._id, { status: 1 }).lean();
    if (stored?.status !== "open") {
      drop(live);
      return { state: "closed", poll: stored ? await ctx.models.Poll.findById(live.poll._id).lean() : null };
    }
    const result = resultOf(live.poll, counted);
    ctx.events.publish("pollResultChanged", { pollId: live.pollId, roomId: live.roomId, result });
    if (result.votersCount >= live.eligible.size) {
      try {
        await closePoll(ctx, { pollId: live.pollId, reason: "allVoted" });
      } catch (error) {
        // Closed elsewhere, or being closed: this round's ballots are counted by that close (see above).
        if ((error as { code?: string }).code !== "POLL_CLOSED") {
          ctx.logger.error({ err: error, pollId: live.pollId }, "closing the poll after the last ballot failed");
        }
      }
    }
    return { state: "open", result };
  };

  /** A resend whose first send the close counted gets its acknowledgement again; anything else is refused. */
  const answerClosed = async (poll: PollDoc | null, voterKey: string, input: CastPollBallotInput) => {
    if (!poll) throw appError("POLL_NOT_FOUND", "no such poll");
    if (poll.finalResult) {
      const stored = await ctx.models.PollBallot.find({ pollId: poll._id, voterKey }, { clientVoteId: 1 })
        .sort({ _id: -1 })
        .limit(1)
        .lean();
      if (stored[0]?.clientVoteId === input.clientVoteId) {
        return { pollId: poll._id.toHexString(), replayed: true, result: poll.finalResult as PollResultView };
      }
    }
    throw appError("POLL_CLOSED", "the poll closed before this ballot could be counted");
  };

  const castAndCount = async (
    voter: Voter,
    pollId: string,
    input: CastPollBallotInput,
    attempt = 0,
  ): Promise<PollBallotResult> => {
    const held = await load(pollId);
    const userId = voter.userId.toHexString();
    if (!("answers" in held)) {
      await voter.standing(held.roomId.toHexString());
      if (!held.eligible.some((member) => member.memberId === userId))
        throw appError("NOT_ELIGIBLE", "only members who could vote when the poll opened can answer it");
      return answerClosed(held, voterKeyFor(ctx, held, userId), input);
    }
    const live = held;
    const role = await voter.standing(live.roomId);
    const entitled = live.eligible.get(userId);
    if (!entitled || voteRefusal({ userId, role }, { status: "open", eligibleMemberIds: [...live.eligible.keys()] }))
      throw appError("NOT_ELIGIBLE", "only members who could vote when the poll opened can answer it");
    if (live.poll.deadline <= ctx.now()) throw appError("POLL_CLOSED", "this poll is closed");
    const issues = pollAnswerIssues(pollDefinitionOf(live.poll), {
      sector: entitled.sector as never,
      answer: input.answer,
    });
    if (issues.length > 0) {
      throw appError(
        "VALIDATION_FAILED",
        `the answer does not fit this poll: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
        issues,
      );
    }
    const replayed = live.applied.has(appliedKey(entitled.voterKey, input.clientVoteId));
    if (!replayed) {
      const ballot: PollBallotRecord = {
        _id: new Types.ObjectId(),
        pollId: live.poll._id,
        voterKey: entitled.voterKey,
        clientVoteId: input.clientVoteId,
        sector: entitled.sector,
        answer: input.answer,
        at: ctx.now(),
      };
      try {
        await ballots.write(ballot);
      } catch (error) {
        drop(live);
        const cause = (error as { cause?: unknown }).cause;
        if (attempt === 0 && isDuplicateKey(cause)) return castAndCount(voter, pollId, input, 1);
        throw error;
      }
      applyBallot(live, ballot);
      const current = cache.get(pollId);
      if (current && live.dropped)
        void current.then(
          (other) => "answers" in other && applyBallot(other, ballot),
          () => undefined,
        );
      ctx.events.publish("pollBallotStored", {
        roomId: live.roomId,
        ballot: {
          id: ballot._id.toHexString(),
          pollId,
          voterKey: ballot.voterKey,
          clientVoteId: ballot.clientVoteId,
          sector: ballot.sector,
          answer: ballot.answer,
        },
      });
    }
    const round = await live.rounds.next();
    if (round.state === "closed") {
      if (!replayed) throw appError("POLL_CLOSED", "the poll closed before this ballot could be counted");
      return answerClosed(round.poll, entitled.voterKey, input);
    }
    return { pollId, replayed, result: round.result };
  };

  const inFlight = new Map<string, Promise<PollBallotResult>>();

  ctx.events.subscribe("pollClosed", ({ pollId }) => {
    const held = cache.get(pollId);
    if (held)
      void held.then(
        (live) => "answers" in live && drop(live),
        () => undefined,
      );
  });

  return {
    async castBallot(voter, pollId, input) {
      const key = `${pollId} ${voter.userId.toHexString()} ${input.clientVoteId}`;
      const first = inFlight.get(key);
      if (first) return { ...(await first), replayed: true };
      const casting = castAndCount(voter, pollId, input);
      inFlight.set(key, casting);
      try {
        return await casting;
      } finally {
        inFlight.delete(key);
      }
    },
    async view(poll, viewer, role) {
      const viewerKey = voterKeyFor(ctx, poll, viewer._id.toHexString());
      let current: CurrentAnswer[];
      let result: PollResultView;
      if (poll.status === "closed" && poll.finalResult) {
        result = poll.finalResult as PollResultView;
        current = poll.secretBallot ? [] : [...latestAnswers(await readPollBallots(ctx, poll._id)).values()];
      } else {
        const held = await load(poll._id.toHexString());
        current =
          "answers" in held
            ? [...held.answers.values()]
            : [...latestAnswers(await readPollBallots(ctx, poll._id)).values()];
        result = resultOf(poll, current);
      }
      const mine =
        current.find((answer) => answer.voterKey === viewerKey) ??
        (poll.secretBallot && poll.status === "closed"
          ? (
              await ctx.models.PollBallot.find({ pollId: poll._id, voterKey: viewerKey }, { answer: 1 })
                .sort({ _id: -1 })
                .limit(1)
                .lean()
            )[0]
          : undefined);
      const named = poll.secretBallot ? [] : current;
      const people = await ctx.models.User.find(
        {
          _id: trusted({
            $in: [
              poll.openedBy,
              ...named.filter((a) => Types.ObjectId.isValid(a.voterKey)).map((a) => new Types.ObjectId(a.voterKey)),
            ],
          }),
        },
        { displayName: 1, sector: 1, organisation: 1 },
      ).lean();
      return {
        poll,
        result,
        answers: named
          .map((answer) => ({ memberId: answer.voterKey, sector: answer.sector, answer: answer.answer }))
          .sort((a, b) => (a.memberId < b.memberId ? -1 : 1)),
        myAnswer: (mine?.answer as PollAnswer | undefined) ?? null,
        displayNames: new Map(people.map((p) => [p._id.toHexString(), p.displayName])),
        openedBy: people.find((p) => p._id.equals(poll.openedBy)),
        role,
      };
    },
    async sweep() {
      const now = ctx.now();
      for (const held of cache.values()) {
        void held.then(
          (live) => "answers" in live && live.poll.deadline <= now && drop(live),
          () => undefined,
        );
      }
      return (await finishDuePolls(ctx)).length;
    },
    applyRemoteBallot(relayed) {
      const held = cache.get(relayed.pollId);
      if (!held || !Types.ObjectId.isValid(relayed.id)) return;
      const ballot: CurrentAnswer = {
        _id: new Types.ObjectId(relayed.id),
        voterKey: relayed.voterKey,
        clientVoteId: relayed.clientVoteId,
        sector: relayed.sector,
        answer: relayed.answer as PollAnswer,
      };
      void held.then(
        (live) => "answers" in live && applyBallot(live, ballot),
        () => undefined,
      );
    },
    resources: () => ({ livePolls: cache.size }),
    idle: () => ballots.idle(),
  };
}

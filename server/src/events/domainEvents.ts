// The domain events commands publish once a change is stored, and the per-app bus that carries them.
// Transports and caches subscribe (realtime/motionBroadcasts.ts tells the room); a command never knows
// who listens, and a listener never changes what the command stored or answered.
import type {
  CloseReason,
  CollaborationStage,
  MemberRole,
  PollOutcome,
  PollResultView,
  RelayedPollBallot,
  Position,
  PublicTally,
  RelayedBallot,
  TallyOutcome,
} from "@mufakat/shared";
import type { Logger } from "pino";

/** Every domain event by name, with its payload: plain ids and values, no database documents. */
export interface DomainEventMap {
  /** A motion was stored as open on a proposal's frozen text. */
  motionOpened: { motionId: string; roomId: string; proposalId: string; openedBy: string };
  /** A new position was stored (a resend of an applied clientVoteId is not a new one). */
  voteCast: { motionId: string; roomId: string; voterId: string; position: Position; clientVoteId: string };
  /**
   * A ballot was stored in the motion's ballot log (every new position, not a resend): the other processes
   * count it in their copy of the open motion (realtime/server.ts relays it with REDIS_URL).
   */
  ballotStored: {
    motionId: string;
    roomId: string;
    ballot: RelayedBallot;
  };
  /** A tally round counted the motion's votes: once per round, not per vote (see commands/voting.ts). */
  tallyChanged: { motionId: string; roomId: string; tally: PublicTally };
  /** A motion was closed and its decision appended to the log. */
  motionClosed: {
    motionId: string;
    roomId: string;
    proposalId: string;
    outcome: TallyOutcome;
    decisionSeq: number | null;
    closeReason: CloseReason;
  };
  /** A record was appended to a room's decision log (not when a dedupe key found it already there). */
  decisionRecorded: { roomId: string; seq: number; kind: "decision" | "correction"; hash: string };
  /** A member joined (or created the room), left or changed role; role null when they left. */
  membershipChanged: { roomId: string; userId: string; role: MemberRole | null };
  /** An administrator banned a user (banUser): their tokens stop working and their open sockets end. */
  userBanned: { userId: string };
  /** A user changed their profile (updateProfile): their name or organisation as others see it. */
  userChanged: { userId: string };
  /** A proposal was stored as created, renamed, put to a motion or decided (its list entry changed). */
  proposalChanged: { roomId: string; proposalId: string };
  /** A room moved to another stage of its deliberation. */
  roomStageChanged: { roomId: string; stage: CollaborationStage; previousStage: CollaborationStage };
  /** A commitment was recorded or its follow-up changed. */
  commitmentChanged: { roomId: string; commitmentId: string };
  /** A resource pledge was recorded or its follow-up changed. */
  pledgeChanged: { roomId: string; pledgeId: string };
  /** A poll was stored as open. */
  pollOpened: { pollId: string; roomId: string };
  /** A poll ballot was stored (not a resend): the other processes count it in their copy of the poll. */
  pollBallotStored: { roomId: string; ballot: RelayedPollBallot };
  /** A result round counted the poll's answers: once per round, not per ballot (see commands/polls.ts). */
  pollResultChanged: { pollId: string; roomId: string; result: PollResultView };
  /** A poll was closed and its decision appended to the log. */
  pollClosed: { pollId: string; roomId: string; outcome: PollOutcome; leading: string[]; decisionSeq: number | null };
  /**
   * A member gave (delegateId) or took back (null) a delegation, room-wide (motionId null) or for one
   * motion: the open motions held in memory update their copy and tally again (commands/voting.ts).
   */
  delegationChanged: { roomId: string; delegatorId: string; motionId: string | null; delegateId: string | null };
}

export type DomainEventName = keyof DomainEventMap;
export type DomainEventListener<E extends DomainEventName> = (event: DomainEventMap[E]) => void;

/**
 * One bus per app (created in createApp, held by AppContext), so two apps in one process never hear
 * each other. Listeners run synchronously in subscription order; one that throws is logged and the
 * others still run, because the change it reports is already stored and acknowledged.
 */
export class DomainEventBus {
  readonly #listeners = new Map<DomainEventName, Set<(event: never) => void>>();

  constructor(private readonly logger: Logger) {}

  /** Returns the unsubscribe function. */
  subscribe<E extends DomainEventName>(name: E, listener: DomainEventListener<E>): () => void {
    const listeners = this.#listeners.get(name) ?? new Set();
    this.#listeners.set(name, listeners);
    listeners.add(listener as (event: never) => void);
    return () => {
      listeners.delete(listener as (event: never) => void);
    };
  }

  publish<E extends DomainEventName>(name: E, event: DomainEventMap[E]): void {
    for (const listener of this.#listeners.get(name) ?? []) {
      try {
        (listener as DomainEventListener<E>)(event);
      } catch (error) {
        this.logger.error({ err: error, event: name }, "a domain event listener failed");
      }
    }
  }
}

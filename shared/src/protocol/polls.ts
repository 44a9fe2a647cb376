// The live side of polls: a ballot cast over the socket (same command and ack as POST
// /api/polls/:id/ballots), and what the room hears: a poll opened, a new result, a poll closed.
// Clients fetch GET /api/polls/:id for the full view; these events carry only what changed.
import type { z } from "zod";
import {
  type PollBallotResult,
  type PollOutcome,
  type PollResultView,
  castPollBallotInputSchema,
} from "../schemas/poll.ts";
import { idSchema } from "../schemas/room.ts";
import type { AckCallback } from "./ack.ts";

export const pollBallotPayloadSchema = castPollBallotInputSchema.extend({ pollId: idSchema });
export type PollBallotPayload = z.infer<typeof pollBallotPayloadSchema>;

export interface PollOpenedEvent {
  pollId: string;
  roomId: string;
}

export interface PollResultEvent {
  pollId: string;
  roomId: string;
  /** Per-sector counts; never who answered what. */
  result: PollResultView;
}

export interface PollClosedEvent {
  pollId: string;
  roomId: string;
  outcome: PollOutcome;
  leading: string[];
  decisionSeq: number | null;
}

/** One poll ballot as the server processes relay it to each other. */
export interface RelayedPollBallot {
  id: string;
  pollId: string;
  voterKey: string;
  clientVoteId: string;
  sector: string;
  answer: unknown;
}

export interface PollClientToServerEvents {
  "poll:ballot": (payload: PollBallotPayload, ack: AckCallback<PollBallotResult>) => void;
}

export interface PollServerToClientEvents {
  "poll:opened": (event: PollOpenedEvent) => void;
  "poll:result": (event: PollResultEvent) => void;
  "poll:closed": (event: PollClosedEvent) => void;
}

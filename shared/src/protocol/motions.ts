// The live side of motions: a vote cast over the socket (same command and ack as POST
// /api/motions/:id/votes), and what the room hears: a motion opened, a new tally, a motion closed.
// Clients fetch GET /api/motions/:id for the full view; these events carry only what changed.
import { z } from "zod";
import { castVoteInputSchema, type VoteResult } from "../schemas/decision.ts";
import type { PublicTally, TallyOutcome } from "../schemas/motion.ts";
import { idSchema } from "../schemas/room.ts";
import type { AckCallback } from "./ack.ts";

export const motionVotePayloadSchema = z.intersection(castVoteInputSchema, z.object({ motionId: idSchema }));
export type MotionVotePayload = z.infer<typeof motionVotePayloadSchema>;

export interface MotionOpenedEvent {
  motionId: string;
  roomId: string;
  proposalId: string;
}

export interface MotionTallyEvent {
  motionId: string;
  roomId: string;
  /** Per-sector counts; never who chose what. */
  tally: PublicTally;
}

export interface MotionClosedEvent {
  motionId: string;
  roomId: string;
  proposalId: string;
  outcome: TallyOutcome;
  decisionSeq: number | null;
}

export interface MotionClientToServerEvents {
  "motion:vote": (payload: MotionVotePayload, ack: AckCallback<VoteResult>) => void;
}

export interface MotionServerToClientEvents {
  "motion:opened": (event: MotionOpenedEvent) => void;
  "motion:tally": (event: MotionTallyEvent) => void;
  "motion:closed": (event: MotionClosedEvent) => void;
}

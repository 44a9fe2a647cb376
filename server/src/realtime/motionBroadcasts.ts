// Tells a deliberation room, on any process, what happened to its motions: the voting commands publish
// domain events once the change is stored, and this turns them into motion:opened, motion:tally and
// motion:closed on the room's channel (per-sector tallies only; who chose what never leaves here), and
// the same for polls (poll:opened, poll:result, poll:closed).
import type { DomainEventBus } from "../events/domainEvents.ts";
import { type LiveServer, roomChannel } from "./types.ts";

/** Subscribes the room broadcasts; returns the function that unsubscribes them. */
export function installMotionBroadcasts(io: LiveServer, events: DomainEventBus): () => void {
  const unsubscribes = [
    events.subscribe("motionOpened", ({ motionId, roomId, proposalId }) => {
      io.to(roomChannel(roomId)).emit("motion:opened", { motionId, roomId, proposalId });
    }),
    events.subscribe("tallyChanged", ({ motionId, roomId, tally }) => {
      io.to(roomChannel(roomId)).emit("motion:tally", { motionId, roomId, tally });
    }),
    events.subscribe("motionClosed", ({ motionId, roomId, proposalId, outcome, decisionSeq }) => {
      io.to(roomChannel(roomId)).emit("motion:closed", { motionId, roomId, proposalId, outcome, decisionSeq });
    }),
    // Polls, the same way: a result per round, never who answered what.
    events.subscribe("pollOpened", ({ pollId, roomId }) => {
      io.to(roomChannel(roomId)).emit("poll:opened", { pollId, roomId });
    }),
    events.subscribe("pollResultChanged", ({ pollId, roomId, result }) => {
      io.to(roomChannel(roomId)).emit("poll:result", { pollId, roomId, result });
    }),
    events.subscribe("pollClosed", ({ pollId, roomId, outcome, leading, decisionSeq }) => {
      io.to(roomChannel(roomId)).emit("poll:closed", { pollId, roomId, outcome, leading, decisionSeq });
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

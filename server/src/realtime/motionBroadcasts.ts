// Tells a deliberation room, on any process, what happened to its motions: the voting commands publish
// domain events once the change is stored, and this turns them into motion:opened, motion:tally and
// motion:closed on the room's channel (per-sector tallies only; who chose what never leaves here).
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
  ];
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

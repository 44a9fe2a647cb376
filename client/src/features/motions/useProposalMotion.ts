// The latest motion on a proposal, kept current: live events from the socket, polling as a fallback
// while a vote runs; after the viewer's own vote the motion is read again.
import type { Motion, VoteResult } from "@mufakat/shared";
import { useCallback, useEffect, useRef } from "react";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { getMotion, listRoomMotions } from "./motionEndpoints.ts";
import { useMotionEvents } from "./useMotionEvents.ts";

/** Polling while a vote runs: often without a live socket, rarely with one (a missed event heals). */
const pollMs = { offline: 2_000, live: 10_000 };

export function useProposalMotion(roomId: string, proposalId: string) {
  const query = useApiQuery(`motion-of/${roomId}/${proposalId}`, async (): Promise<Motion | null> => {
    // Newest first: the first one on this proposal is the one that matters now.
    const motions = await listRoomMotions(roomId);
    return motions.find((motion) => motion.proposalId === proposalId) ?? null;
  });
  const { setData } = query;
  const motion = query.result.state === "loaded" ? query.result.data : null;
  const latest = useRef<Motion | null>(motion);
  latest.current = motion;

  /**
   * Reads the motion again without a loading state, so forms and bars stay on screen; `newest` looks for
   * a motion opened since (the one on screen may be an earlier, closed one).
   */
  const refresh = useCallback(
    async (newest = false) => {
      const current = latest.current;
      try {
        if (current && !newest) {
          setData(await getMotion(current.id));
        } else {
          const motions = await listRoomMotions(roomId);
          setData(motions.find((m) => m.proposalId === proposalId) ?? null);
        }
      } catch (error) {
        // The motion on screen stays as last read; the next event or poll tries again.
        console.warn("could not refresh the motion", error);
      }
    },
    [roomId, proposalId, setData],
  );

  const { live } = useMotionEvents(roomId, {
    onOpened: (event) => {
      if (event.proposalId === proposalId) void refresh(true);
    },
    onTally: (event) => {
      const current = latest.current;
      if (current && event.motionId === current.id && current.status === "open") {
        setData({ ...current, tally: event.tally });
      }
    },
    onClosed: (event) => {
      if (event.motionId === latest.current?.id) void refresh();
    },
  });

  const open = motion?.status === "open" || motion?.status === "closing";
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => void refresh(), live ? pollMs.live : pollMs.offline);
    return () => clearInterval(timer);
  }, [live, open, refresh]);

  const applyVote = useCallback(
    (result: VoteResult) => {
      const current = latest.current;
      if (current && current.id === result.motionId) {
        setData({ ...current, tally: result.tally, myPosition: result.position });
      }
      // The full view (named ballots, and the close if this was the last vote) comes from the server.
      void refresh();
    },
    [setData, refresh],
  );

  return { ...query, motion, refresh, applyVote, setMotion: setData };
}

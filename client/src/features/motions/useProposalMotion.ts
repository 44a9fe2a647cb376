// The latest motion on a proposal, from the room's cached motions (kept current by live events, see
// motionCache.ts), with polling as a fallback while a vote runs; after the viewer's own vote the motion is
// read again.
import type { Motion, VoteResult } from "@mufakat/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { motionsQuery } from "../../api/queries.ts";
import { mergeMotion, refreshMotion } from "./motionCache.ts";
import { useMotionEvents } from "./useMotionEvents.ts";

/** Polling while a vote runs: often without a live socket, rarely with one (a missed event heals). */
const pollMs = { offline: 2_000, live: 10_000 };

export function useProposalMotion(roomId: string, proposalId: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    ...motionsQuery(roomId),
    // Newest first: the first one on this proposal is the one that matters now.
    select: (motions: Motion[]) => motions.find((motion) => motion.proposalId === proposalId) ?? null,
  });
  const motion = query.data ?? null;
  const latest = useRef<Motion | null>(motion);
  latest.current = motion;

  /** Reads the motion on screen again without a loading state, so forms and bars stay on screen. */
  const refresh = useCallback(async () => {
    const current = latest.current;
    if (current) await refreshMotion(queryClient, roomId, current.id);
  }, [queryClient, roomId]);

  const { live } = useMotionEvents(roomId, {});

  const open = motion?.status === "open" || motion?.status === "closing";
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => void refresh(), live ? pollMs.live : pollMs.offline);
    return () => clearInterval(timer);
  }, [live, open, refresh]);

  const setMotion = useCallback((next: Motion) => mergeMotion(queryClient, roomId, next), [queryClient, roomId]);

  const applyVote = useCallback(
    (result: VoteResult) => {
      const current = latest.current;
      if (current && current.id === result.motionId) {
        setMotion({ ...current, tally: result.tally, myPosition: result.position });
      }
      // The full view (named ballots, and the close if this was the last vote) comes from the server.
      void refresh();
    },
    [setMotion, refresh],
  );

  return { query, motion, refresh, applyVote, setMotion };
}

// The room's motions in the server-state cache: one list per room (newest first) that the motion panel
// reads; motions read alone, votes and live events are merged into it, and a closed motion marks the
// decision log stale (it has a new record).
import type { Motion } from "@mufakat/shared";
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../api/queryKeys.ts";
import { getMotion } from "./motionEndpoints.ts";
import { useMotionEvents } from "./useMotionEvents.ts";

/** Puts a motion in the room's cached list: in place by id, or first (the newest) when new. */
export function mergeMotion(queryClient: QueryClient, roomId: string, motion: Motion): void {
  queryClient.setQueryData(queryKeys.motions(roomId), (motions: Motion[] | undefined) =>
    motions?.some((m) => m.id === motion.id)
      ? motions.map((m) => (m.id === motion.id ? motion : m))
      : [motion, ...(motions ?? [])],
  );
}

/** Reads one motion again into the list; the one on screen stays as last read when that fails. */
export async function refreshMotion(queryClient: QueryClient, roomId: string, motionId: string): Promise<void> {
  try {
    mergeMotion(queryClient, roomId, await getMotion(motionId));
  } catch (error) {
    // The next event or poll tries again.
    console.warn("could not refresh the motion", error);
  }
}

/** Keeps the cached motions and decision log of `roomId` current from the room's live events. */
export function useMotionCacheSync(roomId: string): void {
  const queryClient = useQueryClient();
  useMotionEvents(roomId, {
    onOpened: () => void queryClient.invalidateQueries({ queryKey: queryKeys.motions(roomId) }),
    onTally: (event) =>
      queryClient.setQueryData(queryKeys.motions(roomId), (motions: Motion[] | undefined) =>
        motions?.map((m) => (m.id === event.motionId && m.status === "open" ? { ...m, tally: event.tally } : m)),
      ),
    onClosed: (event) => {
      void refreshMotion(queryClient, roomId, event.motionId);
      // Also covers the verification and the adopted decisions that commitments and pledges name.
      void queryClient.invalidateQueries({ queryKey: queryKeys.decisions(roomId) });
    },
  });
}

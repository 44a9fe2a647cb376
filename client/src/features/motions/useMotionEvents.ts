// The room's live motion events (opened, new tally, closed) for a component; `live` says whether they flow.
import type { MotionClosedEvent, MotionOpenedEvent, MotionTallyEvent } from "@mufakat/shared";
import { useCallback, useRef } from "react";
import { useLiveEvent, useLiveSocket } from "../../realtime/index.ts";

export interface MotionEventHandlers {
  onOpened?(event: MotionOpenedEvent): void;
  onTally?(event: MotionTallyEvent): void;
  onClosed?(event: MotionClosedEvent): void;
}

/**
 * Listens on the tab's live socket (joined to the room by the room's own hook) and passes on the events
 * of `roomId` only. `live` is false while the socket is not connected: callers then poll the REST API.
 */
export function useMotionEvents(roomId: string, handlers: MotionEventHandlers): { live: boolean } {
  const latest = useRef(handlers);
  latest.current = handlers;
  const { status } = useLiveSocket();
  useLiveEvent(
    "motion:opened",
    useCallback(
      (event: MotionOpenedEvent) => {
        if (event.roomId === roomId) latest.current.onOpened?.(event);
      },
      [roomId],
    ),
  );
  useLiveEvent(
    "motion:tally",
    useCallback(
      (event: MotionTallyEvent) => {
        if (event.roomId === roomId) latest.current.onTally?.(event);
      },
      [roomId],
    ),
  );
  useLiveEvent(
    "motion:closed",
    useCallback(
      (event: MotionClosedEvent) => {
        if (event.roomId === roomId) latest.current.onClosed?.(event);
      },
      [roomId],
    ),
  );
  return { live: status.state === "connected" };
}

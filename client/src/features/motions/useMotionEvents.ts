// The room's live motion events (opened, new tally, closed) for a component; `live` says whether they flow.
import type { MotionClosedEvent, MotionOpenedEvent, MotionTallyEvent } from "@mufakat/shared";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { liveConnection } from "../../realtime/index.ts";

export interface MotionEventHandlers {
  onOpened?(event: MotionOpenedEvent): void;
  onTally?(event: MotionTallyEvent): void;
  onClosed?(event: MotionClosedEvent): void;
}

/**
 * Listens on the tab's live socket for the events of `roomId`. It does not open the connection: the room
 * page's channel opens it and joins the room; without one, `live` is false and callers poll the REST API.
 */
export function useMotionEvents(roomId: string, handlers: MotionEventHandlers): { live: boolean } {
  const latest = useRef(handlers);
  latest.current = handlers;
  const connection = liveConnection();
  const { socket, status } = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  useEffect(() => {
    if (!socket) return;
    const onOpened = (event: MotionOpenedEvent) => {
      if (event.roomId === roomId) latest.current.onOpened?.(event);
    };
    const onTally = (event: MotionTallyEvent) => {
      if (event.roomId === roomId) latest.current.onTally?.(event);
    };
    const onClosed = (event: MotionClosedEvent) => {
      if (event.roomId === roomId) latest.current.onClosed?.(event);
    };
    socket.on("motion:opened", onOpened);
    socket.on("motion:tally", onTally);
    socket.on("motion:closed", onClosed);
    return () => {
      socket.off("motion:opened", onOpened);
      socket.off("motion:tally", onTally);
      socket.off("motion:closed", onClosed);
    };
  }, [socket, roomId]);
  return { live: socket !== null && status.state === "connected" };
}

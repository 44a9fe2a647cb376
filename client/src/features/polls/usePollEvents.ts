// The room's live poll events (opened, new result, closed) for a component, as useMotionEvents does for
// motions; without a live socket nothing arrives and the list is as last read.
import type { PollClosedEvent, PollOpenedEvent, PollResultEvent } from "@mufakat/shared";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { liveConnection } from "../../realtime/index.ts";

export interface PollEventHandlers {
  onOpened?(event: PollOpenedEvent): void;
  onResult?(event: PollResultEvent): void;
  onClosed?(event: PollClosedEvent): void;
}

export function usePollEvents(roomId: string, handlers: PollEventHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  const connection = liveConnection();
  const { socket } = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  useEffect(() => {
    if (!socket) return;
    const onOpened = (event: PollOpenedEvent) => {
      if (event.roomId === roomId) latest.current.onOpened?.(event);
    };
    const onResult = (event: PollResultEvent) => {
      if (event.roomId === roomId) latest.current.onResult?.(event);
    };
    const onClosed = (event: PollClosedEvent) => {
      if (event.roomId === roomId) latest.current.onClosed?.(event);
    };
    socket.on("poll:opened", onOpened);
    socket.on("poll:result", onResult);
    socket.on("poll:closed", onClosed);
    return () => {
      socket.off("poll:opened", onOpened);
      socket.off("poll:result", onResult);
      socket.off("poll:closed", onClosed);
    };
  }, [socket, roomId]);
}

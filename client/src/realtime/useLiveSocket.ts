// React access to the tab's live connection: mounting a user opens it, the last unmount closes it.
import { useEffect, useSyncExternalStore } from "react";
import type { ServerToClientEvents } from "@mufakat/shared";
import { type LiveSnapshot, liveConnection } from "./liveConnection.ts";

/**
 * The socket (typed, the same object across reconnects; null until it exists) and its status. Listen with
 * `socket.on(...)` in an effect that depends on `socket`, or with useLiveEvent.
 */
export function useLiveSocket(): LiveSnapshot {
  const connection = liveConnection();
  useEffect(() => connection.acquire(), [connection]);
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot);
}

/** Calls `listener` for every `event` the server sends while the component is mounted. */
export function useLiveEvent<E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]): void {
  const { socket } = useLiveSocket();
  useEffect(() => {
    if (!socket) return;
    // socket.io's typed `on` cannot relate a generic event name to its listener; the pair is checked above.
    const on = socket.on.bind(socket) as (event: string, listener: (...args: never[]) => void) => void;
    const off = socket.off.bind(socket) as (event: string, listener: (...args: never[]) => void) => void;
    on(event, listener);
    return () => off(event, listener);
  }, [socket, event, listener]);
}

// React view of the in-memory session store.
import { useSyncExternalStore } from "react";
import { type SessionState, getSessionState, subscribeToSession } from "./session.ts";

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeToSession, getSessionState);
}

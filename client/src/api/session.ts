// The session as the app sees it: who is signed in, and the access token, kept in memory only.
import type { Session, User } from "@mufakat/shared";

export type SessionState = { state: "restoring" } | { state: "anonymous" } | { state: "signed-in"; user: User };

let current: SessionState = { state: "restoring" };
let accessToken: string | null = null;
const listeners = new Set<() => void>();

function publish(next: SessionState): void {
  current = next;
  for (const listener of listeners) listener();
}

export function getSessionState(): SessionState {
  return current;
}

export function subscribeToSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function beginSession(session: Session): void {
  accessToken = session.accessToken;
  publish({ state: "signed-in", user: session.user });
}

export function endSession(): void {
  accessToken = null;
  publish({ state: "anonymous" });
}

/** The server's readable `mufakat_session` cookie: set beside the httpOnly refresh cookie, cleared with it. */
export function hasSessionHint(): boolean {
  return typeof document !== "undefined" && document.cookie.split("; ").includes("mufakat_session=1");
}

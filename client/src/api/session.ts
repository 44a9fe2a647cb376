// The session as the app sees it: who is signed in, and the access token, kept in memory only.
import type { Session, User } from "@mufakat/shared";
import { forgetLastJoins } from "../realtime/lastJoin.ts";
import { deviceStorage } from "./deviceStorage.ts";

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

/** Who was signed in last on this device, so the app opens offline for them (no token is kept). */
const lastUserKey = "mufakat.lastUser";
/** The service worker's cache of API answers (client/vite.config.ts): one user's, dropped when they leave. */
export const apiCacheName = "mufakat-api";

function forgetCachedAnswers(): void {
  if (typeof caches !== "undefined") void caches.delete(apiCacheName).catch(() => undefined);
  forgetLastJoins();
}

export function beginSession(session: Session): void {
  const previous = storedUser();
  if (previous && previous.id !== session.user.id) forgetCachedAnswers();
  deviceStorage()?.setItem(lastUserKey, JSON.stringify(session.user));
  accessToken = session.accessToken;
  publish({ state: "signed-in", user: session.user });
}

export function endSession(): void {
  accessToken = null;
  deviceStorage()?.removeItem(lastUserKey);
  forgetCachedAnswers();
  publish({ state: "anonymous" });
}

function storedUser(): User | null {
  try {
    const text = deviceStorage()?.getItem(lastUserKey);
    const value: unknown = text ? JSON.parse(text) : null;
    return value && typeof value === "object" && typeof (value as User).id === "string" ? (value as User) : null;
  } catch {
    return null;
  }
}

/**
 * Without a network the session cannot be refreshed: the last signed-in user (while the server's hint
 * says their session lives) sees what this device kept (the service worker's cached answers, the
 * proposals' offline copies) until the network is back and the session is refreshed. False when there is
 * no one to resume.
 */
export function resumeOffline(): boolean {
  const user = hasSessionHint() ? storedUser() : null;
  if (!user) return false;
  accessToken = null;
  publish({ state: "signed-in", user });
  return true;
}

/** The server's readable `mufakat_session` cookie: set beside the httpOnly refresh cookie, cleared with it. */
export function hasSessionHint(): boolean {
  return typeof document !== "undefined" && document.cookie.split("; ").includes("mufakat_session=1");
}

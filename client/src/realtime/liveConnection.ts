// One socket.io connection per tab, open while some component needs it: the handshake carries the session's
// access token and the protocol version; TOKEN_EXPIRED is refreshed over HTTP and reconnected; the
// connection re-authenticates before its token expires; its status is published for the UI.
import {
  type ClientToServerEvents,
  type ConnectRefusal,
  type ServerToClientEvents,
  isConnectRefusal,
  protocolVersion,
  wireParser,
} from "@mufakat/shared";
import { type Socket, io } from "socket.io-client";
import { ApiError } from "../api/ApiError.ts";
import { refreshSession } from "../api/http.ts";
import { getAccessToken, getSessionState, subscribeToSession } from "../api/session.ts";
import { reauthenticateDelay, tokenExpiry } from "./tokenExpiry.ts";

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type LiveStatus =
  /** No socket: nothing on the page needs one, or nobody is signed in. */
  | { state: "idle" }
  | { state: "connecting" }
  | { state: "connected" }
  /** Lost; socket.io is trying again. */
  | { state: "reconnecting" }
  /** Lost while the browser says it has no network. */
  | { state: "offline" }
  /** The server refused the handshake for a reason retrying cannot fix (reload, try later, log in). */
  | { state: "refused"; code: ConnectRefusal };

export interface LiveSnapshot {
  /** The same socket object across reconnects; null while there is none. */
  socket: LiveSocket | null;
  status: LiveStatus;
}

/** Refusals after which retrying with the same app and session cannot succeed. */
const finalRefusals: ReadonlySet<string> = new Set([
  "PROTOCOL_TOO_OLD",
  "PROTOCOL_TOO_NEW",
  "TOKEN_INVALID",
  "TOO_MANY_CONNECTIONS",
]);
const retryAfterMs = 3_000;
/** Refreshes in a row that the server still answers with TOKEN_EXPIRED before giving up (clock trouble). */
const maxRefreshesInARow = 3;

export class LiveConnection {
  private snapshot: LiveSnapshot = { socket: null, status: { state: "idle" } };
  private readonly listeners = new Set<() => void>();
  private users = 0;
  private everConnected = false;
  private refusal: ConnectRefusal | null = null;
  /** The token the server last accepted for this socket (handshake or session:reauthenticate). */
  private authenticatedToken: string | null = null;
  private refreshesInARow = 0;
  private sessionExpired = false;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Rooms no component uses any more: left once the page settles, unless the connection closes anyway. */
  private readonly roomsToLeave = new Set<string>();
  private reauthTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly url: string) {
    subscribeToSession(() => this.sessionChanged());
    window.addEventListener("online", () => this.publish());
    window.addEventListener("offline", () => this.publish());
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LiveSnapshot => this.snapshot;

  /** Keeps the connection open until the returned release is called. */
  acquire(): () => void {
    this.users += 1;
    this.ensureSocket();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users -= 1;
      this.scheduleSettle();
    };
  }

  /** A component uses this room (again): a pending leave is cancelled. */
  retainRoom(roomId: string): void {
    this.roomsToLeave.delete(roomId);
  }

  /**
   * Leaves a room once the page has settled: not at all when the connection closes then (disconnecting
   * leaves every room; a leave sent first could only come back refused, say with an expired token).
   */
  releaseRoom(roomId: string): void {
    this.roomsToLeave.add(roomId);
    this.scheduleSettle();
  }

  // Not at once: a component remounting (React StrictMode, a route change) takes things straight back.
  private scheduleSettle(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.settle(), 0);
  }

  private settle(): void {
    if (this.users === 0) {
      this.close();
      return;
    }
    const socket = this.snapshot.socket;
    for (const roomId of this.roomsToLeave) {
      if (socket?.connected) socket.emit("room:leave", { roomId }, () => undefined);
    }
    this.roomsToLeave.clear();
  }

  private ensureSocket(): void {
    if (this.snapshot.socket || getSessionState().state !== "signed-in") return;
    const socket: LiveSocket = io(this.url, {
      // A function, so every (re)connection presents the newest token.
      auth: (send) => {
        this.authenticatedToken = getAccessToken();
        send({ token: this.authenticatedToken ?? "", protocolVersion });
      },
      // WebSocket only: no sticky sessions needed behind a load balancer with several server processes.
      transports: ["websocket"],
      parser: wireParser,
      autoConnect: false,
    });
    socket.on("connect", () => {
      this.everConnected = true;
      this.refusal = null;
      this.sessionExpired = false;
      this.scheduleReauthentication();
      this.publish();
    });
    socket.on("disconnect", (reason) => {
      clearTimeout(this.reauthTimer);
      this.publish();
      // The server ended it: an expired session (announced by session:expired) or a kick; come back.
      if (reason === "io server disconnect") void this.refreshAndReconnect(this.sessionExpired);
    });
    socket.on("session:expired", () => {
      this.sessionExpired = true;
    });
    socket.on("connect_error", (error) => this.connectRefused(error.message));
    socket.io.on("reconnect_attempt", () => this.publish());
    this.snapshot = { socket, status: { state: "connecting" } };
    this.publish();
    socket.connect();
  }

  private connectRefused(message: string): void {
    const socket = this.snapshot.socket;
    if (!socket) return;
    if (message === "TOKEN_EXPIRED") {
      void this.refreshAndReconnect(true);
    } else if (isConnectRefusal(message) && finalRefusals.has(message)) {
      this.refusal = message;
    } else if (!socket.active) {
      // Refused by the server for a passing reason (database down): socket.io does not retry these itself.
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.snapshot.socket?.connect(), retryAfterMs);
    }
    this.publish();
  }

  private async refreshAndReconnect(refresh: boolean): Promise<void> {
    const socket = this.snapshot.socket;
    if (!socket) return;
    try {
      if (refresh) {
        this.refreshesInARow += 1;
        if (this.refreshesInARow > maxRefreshesInARow) {
          this.refusal = "TOKEN_EXPIRED";
          this.publish();
          return;
        }
        // An HTTP request may have refreshed meanwhile: then its token is already the new one.
        if (getAccessToken() === this.authenticatedToken) await refreshSession();
      }
      if (this.snapshot.socket === socket && !socket.connected) socket.connect();
    } catch (error) {
      // A refused refresh ended the session: sessionChanged() closes the socket. Otherwise try again.
      if (error instanceof ApiError && error.status === 401) return;
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.refreshAndReconnect(refresh), retryAfterMs);
    }
  }

  private scheduleReauthentication(): void {
    clearTimeout(this.reauthTimer);
    const expiresAt = this.authenticatedToken ? tokenExpiry(this.authenticatedToken) : null;
    if (expiresAt === null) return;
    this.reauthTimer = setTimeout(
      () => {
        // The new session arrives through sessionChanged(), which sends it to the server.
        refreshSession().catch((error: unknown) => {
          if (!(error instanceof ApiError && error.status === 401)) {
            console.warn("could not refresh the session for the live connection", error);
            this.reauthTimer = setTimeout(() => this.scheduleReauthentication(), retryAfterMs);
          }
        });
      },
      reauthenticateDelay(expiresAt, Date.now()),
    );
  }

  private sessionChanged(): void {
    const session = getSessionState();
    if (session.state === "anonymous") {
      this.close();
      return;
    }
    if (session.state !== "signed-in") return;
    if (!this.snapshot.socket) {
      if (this.users > 0) this.ensureSocket();
      return;
    }
    const token = getAccessToken();
    const socket = this.snapshot.socket;
    if (token && socket.connected && token !== this.authenticatedToken) void this.reauthenticate(socket, token);
  }

  private async reauthenticate(socket: LiveSocket, token: string): Promise<void> {
    try {
      const ack = await socket.timeout(10_000).emitWithAck("session:reauthenticate", { token });
      if (ack.ok) {
        this.authenticatedToken = token;
        this.refreshesInARow = 0;
        this.scheduleReauthentication();
      } else {
        // Another user's token (signed in again as someone else): start a fresh connection as them.
        socket.disconnect();
        socket.connect();
      }
    } catch {
      // No answer: the connection dropped; the reconnect's handshake carries the new token.
    }
  }

  private close(): void {
    clearTimeout(this.settleTimer);
    this.roomsToLeave.clear();
    clearTimeout(this.reauthTimer);
    clearTimeout(this.retryTimer);
    const socket = this.snapshot.socket;
    if (!socket) return;
    socket.removeAllListeners();
    socket.io.removeAllListeners();
    socket.disconnect();
    this.everConnected = false;
    this.refusal = null;
    this.refreshesInARow = 0;
    this.authenticatedToken = null;
    this.snapshot = { socket: null, status: { state: "idle" } };
    for (const listener of this.listeners) listener();
  }

  private publish(): void {
    const socket = this.snapshot.socket;
    const status = this.statusOf(socket);
    if (status.state === "connected") this.refreshesInARow = 0;
    const previous = this.snapshot.status;
    if (
      previous.state === status.state &&
      (previous as { code?: string }).code === (status as { code?: string }).code
    ) {
      return;
    }
    this.snapshot = { socket, status };
    for (const listener of this.listeners) listener();
  }

  private statusOf(socket: LiveSocket | null): LiveStatus {
    if (!socket) return { state: "idle" };
    if (this.refusal) return { state: "refused", code: this.refusal };
    if (socket.connected) return { state: "connected" };
    if (typeof navigator !== "undefined" && navigator.onLine === false) return { state: "offline" };
    return this.everConnected ? { state: "reconnecting" } : { state: "connecting" };
  }
}

let connection: LiveConnection | null = null;

/** The tab's connection, created on first use. */
export function liveConnection(): LiveConnection {
  connection ??= new LiveConnection(window.location.origin);
  return connection;
}

// Handshake (protocol version, then access token) and the session of a connected socket: it lasts until
// the access token expires, unless `session:reauthenticate` brings a fresh token for the same user.
// Decisions use the injected clock (ctx.now); a real timer only schedules the check.
import {
  type ConnectRefusal,
  type ConnectRefusalData,
  type ErrorCode,
  handshakeAuthSchema,
  isConnectRefusal,
  limits,
  protocolCompatibility,
  minSupportedProtocolVersion,
  protocolVersion,
  withoutNilFields,
} from "@mufakat/shared";
import { accessTokenExpiry } from "../auth/tokens.ts";
import { authenticateUser } from "../commands/authenticateUser.ts";
import { AppError, appError, fieldIssues, isDatabaseUnavailable } from "../errors.ts";
import { userChannel } from "./discussionHandlers.ts";
import type { ClientConnection } from "./clientConnection.ts";
import { handleEvent, type SessionGuard } from "./dispatch.ts";
import type { LiveServer, LiveSocket, RealtimeDeps } from "./types.ts";

function refusal(code: ConnectRefusal, message: string, details?: ConnectRefusalData["details"]) {
  const error = new Error(code) as Error & { data: ConnectRefusalData };
  error.data = { code, message, ...(details ? { details } : {}) };
  return error;
}

const versionDetails = { serverVersion: protocolVersion, minSupportedVersion: minSupportedProtocolVersion };

/** Installs the handshake; returns its connection cap, which lives as long as the app's socket.io server. */
export function installHandshake(deps: RealtimeDeps, io: LiveServer): ConnectionCap {
  const connectionCap = new ConnectionCap(deps);
  io.use((socket, next) => {
    // A nil field is an absent one here too (payloads.ts), so `protocolVersion: None` is "too old".
    const auth = (withoutNilFields(socket.handshake.auth) ?? {}) as Record<string, unknown>;
    // A client from before versioning sends no version: it is too old by definition.
    if (auth.protocolVersion === undefined) {
      next(refusal("PROTOCOL_TOO_OLD", "this app is out of date; reload the page", { ...versionDetails }));
      return;
    }
    const parsed = handshakeAuthSchema.safeParse(auth);
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error.issues);
      const missingToken = issues.every((issue) => issue.path === "token") && !auth.token;
      if (missingToken) next(refusal("UNAUTHENTICATED", "log in first: no access token was sent"));
      else next(refusal("VALIDATION_FAILED", "handshake auth must be { token, protocolVersion }", issues));
      return;
    }
    const compatibility = protocolCompatibility(parsed.data.protocolVersion);
    if (compatibility !== "ok") {
      const details = { ...versionDetails, clientVersion: parsed.data.protocolVersion };
      next(
        compatibility === "tooOld"
          ? refusal("PROTOCOL_TOO_OLD", "this app is out of date; reload the page", details)
          : refusal("PROTOCOL_TOO_NEW", "the server is older than this app; try again in a moment", details),
      );
      return;
    }
    let reserved: string | null = null;
    // The user (not deleted, not banned) from the live users in memory: a reconnect reads no user.
    authenticateUser(deps.ctx, { accessToken: parsed.data.token }, (userId) => deps.activeUsers.get(userId))
      .then(async (user) => {
        const userId = user._id.toHexString();
        reserved = userId;
        connectionCap.reserve(userId);
        if ((await connectionCap.count(userId)) > limits.maxConnectionsPerUser) {
          throw appError(
            "TOO_MANY_CONNECTIONS",
            `at most ${limits.maxConnectionsPerUser} live connections per user; close a tab and reload`,
          );
        }
        socket.data.userId = userId;
        socket.data.displayName = user.displayName;
        socket.data.expiresAt = accessTokenExpiry(parsed.data.token);
        socket.data.rooms = {};
        next();
      })
      .catch((error: unknown) => {
        if (error instanceof AppError && isConnectRefusal(error.code)) {
          next(refusal(error.code, error.message));
        } else if (isDatabaseUnavailable(error)) {
          next(refusal("DATABASE_UNAVAILABLE", "the database is unavailable; try again shortly"));
        } else {
          deps.ctx.logger.error({ err: error }, "handshake failed");
          next(refusal("TOKEN_INVALID", "access token could not be checked"));
        }
      })
      .finally(() => {
        // By the next macrotask socket.io has run "connection" (after a nextTick), where the socket joined
        // its user channel and is counted there; a refused one is gone.
        if (reserved) setImmediate(() => connectionCap.release(reserved as string));
      });
  });
  return connectionCap;
}

/**
 * Live connections per user: sockets in the user's channel (on every process, through the adapter) plus
 * handshakes this process is completing for them, so a burst of simultaneous connects cannot slip past.
 */
export class ConnectionCap {
  private readonly pending = new Map<string, number>();

  constructor(private readonly deps: RealtimeDeps) {}

  /** Handshakes under way (each released a moment after it ends). */
  get pendingHandshakes(): number {
    return this.pending.size;
  }

  reserve(userId: string): void {
    this.pending.set(userId, (this.pending.get(userId) ?? 0) + 1);
  }

  release(userId: string): void {
    const left = (this.pending.get(userId) ?? 1) - 1;
    if (left > 0) this.pending.set(userId, left);
    else this.pending.delete(userId);
  }

  async count(userId: string): Promise<number> {
    const { deps } = this;
    const local = () => deps.io.local.in(userChannel(userId)).fetchSockets();
    let sockets: Awaited<ReturnType<typeof local>>;
    try {
      // With Redis unreachable the other processes cannot be asked in time: count this one's only.
      sockets = deps.multiProcess
        ? await Promise.race([
            deps.io.in(userChannel(userId)).fetchSockets(),
            new Promise<never>((_, reject) =>
              setTimeout(() => reject(new Error("connection count timed out")), 1000).unref(),
            ),
          ])
        : await local();
    } catch (error) {
      deps.ctx.logger.warn({ err: error, userId }, "connection count across processes failed; counting locally");
      sockets = await local();
    }
    return sockets.length + (this.pending.get(userId) ?? 0);
  }
}

/** Ends a socket whose token expired: it is told why first, so it refreshes and reconnects. */
function expireSession(socket: LiveSocket): void {
  if (socket.disconnected) return;
  socket.emit("session:expired", {
    reason: "SESSION_EXPIRED",
    message: "your access token expired; refresh it and reconnect",
  });
  socket.disconnect(true);
}

/** Refuses writes (and reads) of a socket whose token expired, and ends it. */
export function sessionGuard(deps: RealtimeDeps): SessionGuard {
  return (socket) => {
    if (deps.ctx.now().getTime() < socket.data.expiresAt) return null;
    // Disconnect after the ack of the refused event is on its way.
    setImmediate(() => expireSession(socket));
    return appError("TOKEN_EXPIRED" satisfies ErrorCode, "your access token expired; refresh it and reconnect");
  };
}

const maxTimerMs = 2_147_483_647;

function scheduleExpiry(deps: RealtimeDeps, socket: LiveSocket, client: ClientConnection): void {
  if (client.sessionTimer) clearTimeout(client.sessionTimer);
  client.sessionTimer = null;
  const remaining = socket.data.expiresAt - deps.ctx.now().getTime();
  if (remaining <= 0) {
    expireSession(socket);
    return;
  }
  client.sessionTimer = setTimeout(() => scheduleExpiry(deps, socket, client), Math.min(remaining + 5, maxTimerMs));
  client.sessionTimer.unref();
}

/** The session of one socket; its expiry timer is the ClientConnection's, cleared when the socket goes. */
export function installSessionHandlers(
  deps: RealtimeDeps & { sessionGuard: SessionGuard },
  socket: LiveSocket,
  client: ClientConnection,
): void {
  scheduleExpiry(deps, socket, client);

  handleEvent(deps, socket, "session:reauthenticate", async ({ token }) => {
    const user = await authenticateUser(deps.ctx, { accessToken: token });
    if (user._id.toHexString() !== socket.data.userId) {
      throw appError("TOKEN_INVALID", "the new token belongs to another user; reconnect instead");
    }
    socket.data.expiresAt = accessTokenExpiry(token);
    // A socket that disconnected meanwhile keeps no timer.
    if (socket.connected) scheduleExpiry(deps, socket, client);
    return { expiresAt: new Date(socket.data.expiresAt).toISOString() };
  });
}

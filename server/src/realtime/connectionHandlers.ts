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
} from "@mufakat/shared";
import { accessTokenExpiry } from "../auth/tokens.ts";
import { authenticateUser } from "../commands/authenticateUser.ts";
import { AppError, appError, fieldIssues, isDatabaseUnavailable } from "../errors.ts";
import { userChannel } from "./discussionHandlers.ts";
import { handleEvent, type SessionGuard } from "./dispatch.ts";
import type { LiveServer, LiveSocket, RealtimeDeps } from "./types.ts";

function refusal(code: ConnectRefusal, message: string, details?: ConnectRefusalData["details"]) {
  const error = new Error(code) as Error & { data: ConnectRefusalData };
  error.data = { code, message, ...(details ? { details } : {}) };
  return error;
}

const versionDetails = { serverVersion: protocolVersion, minSupportedVersion: minSupportedProtocolVersion };

export function installHandshake(deps: RealtimeDeps, io: LiveServer): void {
  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
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
    authenticateUser(deps.ctx, { accessToken: parsed.data.token })
      .then(async (user) => {
        const userId = user._id.toHexString();
        reserved = userId;
        connectionCap.reserve(userId);
        if ((await connectionCap.count(deps, userId)) > limits.maxConnectionsPerUser) {
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
}

/**
 * Live connections per user: sockets in the user's channel (on every process, through the adapter) plus
 * handshakes this process is completing for them, so a burst of simultaneous connects cannot slip past.
 */
const connectionCap = {
  pending: new Map<string, number>(),
  reserve(userId: string): void {
    this.pending.set(userId, (this.pending.get(userId) ?? 0) + 1);
  },
  release(userId: string): void {
    const left = (this.pending.get(userId) ?? 1) - 1;
    if (left > 0) this.pending.set(userId, left);
    else this.pending.delete(userId);
  },
  async count(deps: RealtimeDeps, userId: string): Promise<number> {
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
  },
};

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

function scheduleExpiry(deps: RealtimeDeps, socket: LiveSocket, timers: WeakMap<LiveSocket, NodeJS.Timeout>): void {
  const previous = timers.get(socket);
  if (previous) clearTimeout(previous);
  const remaining = socket.data.expiresAt - deps.ctx.now().getTime();
  if (remaining <= 0) {
    expireSession(socket);
    return;
  }
  const timer = setTimeout(() => scheduleExpiry(deps, socket, timers), Math.min(remaining + 5, maxTimerMs));
  timer.unref();
  timers.set(socket, timer);
}

export function installSessionHandlers(deps: RealtimeDeps, socket: LiveSocket): void {
  const timers = sessionTimers;
  scheduleExpiry(deps, socket, timers);
  socket.on("disconnect", () => {
    const timer = timers.get(socket);
    if (timer) clearTimeout(timer);
    timers.delete(socket);
  });

  handleEvent({ ...deps, sessionGuard: sessionGuard(deps) }, socket, "session:reauthenticate", async ({ token }) => {
    const user = await authenticateUser(deps.ctx, { accessToken: token });
    if (user._id.toHexString() !== socket.data.userId) {
      throw appError("TOKEN_INVALID", "the new token belongs to another user; reconnect instead");
    }
    socket.data.expiresAt = accessTokenExpiry(token);
    scheduleExpiry(deps, socket, timers);
    return { expiresAt: new Date(socket.data.expiresAt).toISOString() };
  });
}

const sessionTimers = new WeakMap<LiveSocket, NodeJS.Timeout>();

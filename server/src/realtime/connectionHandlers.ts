// Handshake (protocol version, then access token) and the session of a connected socket: it lasts until
// the access token expires, unless `session:reauthenticate` brings a fresh token for the same user.
// Decisions use the injected clock (ctx.now); a real timer only schedules the check.
import {
  type ConnectRefusal,
  type ConnectRefusalData,
  type ErrorCode,
  handshakeAuthSchema,
  isConnectRefusal,
  protocolCompatibility,
  minSupportedProtocolVersion,
  protocolVersion,
} from "@mufakat/shared";
import { accessTokenExpiry } from "../auth/tokens.ts";
import { authenticateUser } from "../commands/authenticateUser.ts";
import { AppError, appError, fieldIssues, isDatabaseUnavailable } from "../errors.ts";
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
    authenticateUser(deps.ctx, { accessToken: parsed.data.token })
      .then((user) => {
        socket.data.userId = user._id.toHexString();
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
      });
  });
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

// Named reasons the server refuses or ends a real-time connection. A refused handshake arrives on the
// client as `connect_error` whose `message` is one of connectRefusals and whose `data` is an ErrorBody.
// A connection the server ends because its token expired (or its account was banned) gets `session:expired`
// first, carrying the reason;
// one ended by a server shutdown just closes (socket.io reason "io server disconnect"): reconnect.
import type { ErrorBody } from "../errors.ts";

export const connectRefusals = [
  /** The handshake sent no protocolVersion, or one below minSupportedProtocolVersion: reload the app. */
  "PROTOCOL_TOO_OLD",
  /** The client is newer than this server (a deploy in progress): retry later. */
  "PROTOCOL_TOO_NEW",
  /** No access token in `auth.token`. */
  "UNAUTHENTICATED",
  /** The access token expired: refresh it over HTTP and reconnect. */
  "TOKEN_EXPIRED",
  /** Forged, foreign or for a deleted/banned user: log in again. */
  "TOKEN_INVALID",
  /** The handshake auth was not an object of the expected shape. */
  "VALIDATION_FAILED",
  /** The server could not check the token (database down): retry. */
  "DATABASE_UNAVAILABLE",
  /** The user already holds limits.maxConnectionsPerUser live connections: close a tab. */
  "TOO_MANY_CONNECTIONS",
] as const;
export type ConnectRefusal = (typeof connectRefusals)[number];

/** What `connect_error.data` holds when the server refused the handshake. */
export type ConnectRefusalData = ErrorBody & { code: ConnectRefusal };

export const disconnectReasons = [
  /** The access token expired while connected and no `session:reauthenticate` came in time. */
  "SESSION_EXPIRED",
  /** The account was banned while connected: every socket of the user is ended, and its tokens no longer work. */
  "ACCOUNT_BANNED",
] as const;
export type DisconnectReason = (typeof disconnectReasons)[number];

export function isConnectRefusal(message: string): message is ConnectRefusal {
  return (connectRefusals as readonly string[]).includes(message);
}

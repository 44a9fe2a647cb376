// Emits a client event and resolves with its ack's data; a refusal becomes an ApiError with the server's code.
import type { AckCallback, ClientToServerEvents, ErrorBody, FieldIssue } from "@mufakat/shared";
import { ApiError } from "../api/ApiError.ts";
import type { LiveSocket } from "./liveConnection.ts";

export type LiveEvent = keyof ClientToServerEvents;
export type LivePayload<E extends LiveEvent> = Parameters<ClientToServerEvents[E]>[0];
export type LiveAckData<E extends LiveEvent> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

type LiveAck<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

const defaultTimeoutMs = 10_000;

export function ackError(error: ErrorBody): ApiError {
  const issues = Array.isArray(error.details)
    ? (error.details as unknown[]).filter(
        (issue): issue is FieldIssue =>
          typeof issue === "object" && issue !== null && typeof (issue as FieldIssue).path === "string",
      )
    : [];
  return new ApiError(0, error.code, error.message, issues);
}

/**
 * Not sent while disconnected: socket.io would buffer it and send it after the reconnect, long after the
 * caller was told it failed.
 */
export async function liveRequest<E extends LiveEvent>(
  socket: LiveSocket,
  event: E,
  payload: LivePayload<E>,
  timeoutMs = defaultTimeoutMs,
): Promise<LiveAckData<E>> {
  if (!socket.connected) throw new ApiError(0, "NETWORK_ERROR", "not connected");
  const timed = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<LiveAck<LiveAckData<E>>>;
  };
  let ack: LiveAck<LiveAckData<E>>;
  try {
    ack = await timed.emitWithAck(event, payload);
  } catch (error) {
    throw new ApiError(0, "NETWORK_ERROR", error instanceof Error ? error.message : "no answer");
  }
  if (!ack.ok) throw ackError(ack.error);
  return ack.data;
}

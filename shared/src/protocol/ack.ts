// Every acknowledgement of a client event has this one shape.
import type { ErrorBody, ErrorCode, FieldIssue } from "../errors.ts";

export type AckOk<T> = { ok: true; data: T };
export type AckError = { ok: false; error: ErrorBody };
export type Ack<T> = AckOk<T> | AckError;

/** The callback a client passes as the last argument of an emit. */
export type AckCallback<T> = (ack: Ack<T>) => void;

export function ackOk<T>(data: T): AckOk<T> {
  return { ok: true, data };
}

export function ackError(code: ErrorCode, message: string, details?: FieldIssue[] | Record<string, unknown>): AckError {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}

export function isAckOk<T>(ack: Ack<T>): ack is AckOk<T> {
  return ack.ok;
}

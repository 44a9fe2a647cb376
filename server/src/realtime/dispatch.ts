// The one way a client event becomes a command call: check the ack callback, refuse an expired session,
// parse the payload with its shared schema, run, and answer with an Ack. Nothing internal leaks.
import {
  type Ack,
  type AckCallback,
  type ClientToServerEvents,
  type InboundEvent,
  ackError,
  ackOk,
  inboundPayloadSchemas,
} from "@mufakat/shared";
import type { z } from "zod";
import { AppError, isDatabaseUnavailable, validationError } from "../errors.ts";
import type { LiveSocket, RealtimeDeps } from "./types.ts";

export type AckData<E extends InboundEvent> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

type Payload<E extends InboundEvent> = z.output<(typeof inboundPayloadSchemas)[E]>;

export type SessionGuard = (socket: LiveSocket) => AppError | null;

type Listener = (name: string, listener: (...args: unknown[]) => void) => void;

/**
 * Listens for one event whose payload schema is `schemas[event]`: refuses an expired session (except
 * for re-authentication itself), parses, runs, and answers with an Ack. Feature modules with their own
 * payload table (discussion) use this directly; the core events go through handleEvent.
 */
export function listenFor<S extends Record<string, z.ZodType>, E extends keyof S & string, R>(
  deps: RealtimeDeps & { sessionGuard: SessionGuard },
  socket: LiveSocket,
  schemas: S,
  event: E,
  run: (payload: z.output<S[E]>) => Promise<R>,
): void {
  // A method call, not socket.on.bind(socket): a bound function per event per socket is memory every
  // connection carries for its whole life (heap snapshots, tests/bench/memory.ts).
  (socket as unknown as { on: Listener }).on(event, (payload: unknown, callback: unknown) => {
    void answer(deps, socket, schemas, event, payload, run).then((ack) => {
      if (typeof callback === "function") (callback as (ack: Ack<R>) => void)(ack);
    });
  });
}

export function handleEvent<E extends InboundEvent>(
  deps: RealtimeDeps & { sessionGuard: SessionGuard },
  socket: LiveSocket,
  event: E,
  run: (payload: Payload<E>) => Promise<AckData<E>>,
): void {
  listenFor(deps, socket, inboundPayloadSchemas, event, run);
}

async function answer<S extends Record<string, z.ZodType>, E extends keyof S & string, R>(
  deps: RealtimeDeps & { sessionGuard: SessionGuard },
  socket: LiveSocket,
  schemas: S,
  event: E,
  payload: unknown,
  run: (payload: z.output<S[E]>) => Promise<R>,
): Promise<Ack<R>> {
  try {
    if (event !== "session:reauthenticate") {
      const refusal = deps.sessionGuard(socket);
      if (refusal) throw refusal;
    }
    const parsed = (schemas[event] as z.ZodType).safeParse(payload);
    if (!parsed.success) throw validationError(parsed.error.issues, { value: payload });
    return ackOk(await run(parsed.data as z.output<S[E]>));
  } catch (error) {
    return toAck(deps, socket, event, error);
  }
}

function toAck(deps: RealtimeDeps, socket: LiveSocket, event: string, error: unknown): Ack<never> {
  if (error instanceof AppError) return ackError(error.code, error.message, error.details);
  if (isDatabaseUnavailable(error)) {
    deps.ctx.logger.warn({ err: error, event }, "database unavailable");
    return ackError("DATABASE_UNAVAILABLE", "the database is unavailable; nothing was saved, try again shortly");
  }
  deps.ctx.logger.error({ err: error, event, socketId: socket.id }, "unhandled error in socket handler");
  return ackError("INTERNAL", "something went wrong on our side");
}

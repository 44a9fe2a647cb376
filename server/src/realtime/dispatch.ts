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

export function handleEvent<E extends InboundEvent>(
  deps: RealtimeDeps & { sessionGuard: SessionGuard },
  socket: LiveSocket,
  event: E,
  run: (payload: Payload<E>) => Promise<AckData<E>>,
): void {
  const listen = socket.on.bind(socket) as unknown as (name: string, listener: (...args: unknown[]) => void) => void;
  listen(event, (payload: unknown, callback: unknown) => {
    const reply = (ack: Ack<AckData<E>>) => {
      if (typeof callback === "function") (callback as (ack: unknown) => void)(ack);
    };
    void answer(deps, socket, event, payload, run).then(reply);
  });
}

async function answer<E extends InboundEvent>(
  deps: RealtimeDeps & { sessionGuard: SessionGuard },
  socket: LiveSocket,
  event: E,
  payload: unknown,
  run: (payload: Payload<E>) => Promise<AckData<E>>,
): Promise<Ack<AckData<E>>> {
  try {
    if (event !== "session:reauthenticate") {
      const refusal = deps.sessionGuard(socket);
      if (refusal) throw refusal;
    }
    const parsed = inboundPayloadSchemas[event].safeParse(payload);
    if (!parsed.success) throw validationError(parsed.error.issues);
    return ackOk(await run(parsed.data as Payload<E>));
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

// What every command receives: the models, the clock, the secrets and the domain event bus. Built once
// by createApp.
import type { Logger } from "pino";
import type { DomainEventBus } from "./events/domainEvents.ts";
import type { Locks } from "./locks.ts";
import type { Models } from "./models/index.ts";

export interface AppContext {
  models: Models;
  jwtSecret: string;
  /** The clock; tests inject one to move time (token expiry, invite expiry). */
  now: () => Date;
  logger: Logger;
  /** Where commands publish what they changed, once it is stored; transports subscribe. */
  events: DomainEventBus;
  /** Locks across the server processes (Redis with a Redis URL; with one process every lock is granted). */
  locks: Locks;
}

// What every command receives: the models, the clock and the secrets. Built once by createApp.
import type { Logger } from "pino";
import type { Models } from "./models/index.ts";

export interface AppContext {
  models: Models;
  jwtSecret: string;
  /** The clock; tests inject one to move time (token expiry, invite expiry). */
  now: () => Date;
  logger: Logger;
}

// Short-lived locks that span the server processes, so that work one process must do alone (closing a
// motion) is done by one. With several processes (a Redis URL) a lock is a Redis key set with NX and an
// expiry; with one process there is nothing to exclude across processes and every lock is granted (what
// runs in one process is kept to one by the command itself: its single database connection serialises the
// open -> closing flip).
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { createClient } from "redis";

export type LockOutcome<T> = { state: "held"; value: T } | { state: "busy" };

export interface Locks {
  /**
   * Runs `work` while holding `key`, released once `work` settles (or after `ttlMs`, should the process
   * die holding it). "busy" when another holder has it: the caller's work is being done elsewhere.
   */
  withLock<T>(key: string, ttlMs: number, work: () => Promise<T>): Promise<LockOutcome<T>>;
  close(): Promise<void>;
}

/** One process: nothing to exclude across processes. */
export const singleProcessLocks: Locks = {
  withLock: async (_key, _ttlMs, work) => ({ state: "held", value: await work() }),
  close: async () => undefined,
};

// Deletes the key only while it still holds this holder's token: a lock that expired and was taken by
// another holder is not released by the first.
const releaseScript =
  'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end';

/**
 * Locks in Redis. Its own client, without an offline queue: while Redis is down a lock request fails at
 * once instead of waiting for the reconnect, and the work then runs without the lock (logged). Each process
 * keeps serving its own clients during an outage; what the lock protects is also kept to one stored record
 * by the database (the decision log's unique dedupe key), so an outage can at worst repeat a broadcast.
 */
export async function redisLocks(url: string, logger: Logger): Promise<Locks> {
  const client = createClient({ url, disableOfflineQueue: true });
  client.on("error", (error: unknown) => logger.warn({ err: error }, "redis lock client error"));
  await client.connect();
  return {
    async withLock(key, ttlMs, work) {
      const token = randomUUID();
      let taken: boolean;
      try {
        taken = (await client.set(key, token, { NX: true, PX: ttlMs })) === "OK";
      } catch (error) {
        logger.warn({ err: error, key }, "redis lock unavailable; running without it");
        return { state: "held", value: await work() };
      }
      if (!taken) return { state: "busy" };
      try {
        return { state: "held", value: await work() };
      } finally {
        await client
          .eval(releaseScript, { keys: [key], arguments: [token] })
          .catch((error: unknown) => logger.warn({ err: error, key }, "releasing a redis lock failed; it expires"));
      }
    },
    async close() {
      await client.quit().catch(() => undefined);
    },
  };
}

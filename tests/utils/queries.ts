// Counts the database operations one server's connection issues, through mongoose's per-connection debug
// hook (every model operation: find, findOne, insertOne, updateOne, ...), so a test can assert how many
// reads a path costs.
import type { Connection } from "mongoose";

export interface QueryLog {
  /** Every operation since start, in order: collection and method. */
  readonly entries: ReadonlyArray<{ collection: string; method: string }>;
  /** Operations on one collection (all methods, or one). */
  count(collection: string, method?: string): number;
  /** Forgets what was counted so far. */
  reset(): void;
  stop(): void;
}

export function countQueries(connection: Connection): QueryLog {
  const entries: Array<{ collection: string; method: string }> = [];
  connection.set("debug", (collection: string, method: string) => {
    entries.push({ collection, method });
  });
  return {
    entries,
    count: (collection, method) =>
      entries.filter((entry) => entry.collection === collection && (!method || entry.method === method)).length,
    reset: () => {
      entries.length = 0;
    },
    stop: () => {
      connection.set("debug", false);
    },
  };
}

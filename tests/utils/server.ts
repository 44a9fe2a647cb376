// startServer(): the real app on port 0, against a fresh database on the run's real database server.
import { randomBytes } from "node:crypto";
import type { Connection } from "mongoose";
import { inject } from "vitest";
import { type AppDeps, type MufakatApp, connectMongoose, createApp } from "@mufakat/server";

export interface TestServer {
  url: string;
  port: number;
  app: MufakatApp;
  connection: Connection;
  databaseName: string;
  /** Stops the HTTP server; the database is dropped unless keepDatabase. */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

export interface StartServerOptions extends Partial<Omit<AppDeps, "connection">> {
  /** Reuse a database (for restart tests); a fresh one by default. */
  databaseName?: string;
  mongoUri?: string;
}

export const testJwtSecret = "test-secret-that-is-long-enough-for-hs256-0123456789";

export function freshDatabaseName(): string {
  return `t_${randomBytes(6).toString("hex")}`;
}

export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const { databaseName = freshDatabaseName(), mongoUri = inject("mongoUri"), ...deps } = options;
  const connection = await connectMongoose(mongoUri, databaseName);
  const app = await createApp({
    jwtSecret: testJwtSecret,
    authRateLimit: { limit: 10_000, windowMs: 60_000 },
    ...deps,
    // Tests post many messages back to back; the abuse tests pass the real per-socket limit.
    realtime: { discussionWritesPerSecond: 10_000, ...deps.realtime },
    connection,
  });
  const { port, url } = await app.listen(0);
  return {
    url,
    port,
    app,
    connection,
    databaseName,
    close: async ({ keepDatabase = false } = {}) => {
      await app.close();
      if (!keepDatabase) await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    },
  };
}

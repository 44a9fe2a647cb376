// startServer(): the real app on port 0, against a fresh database on the run's real database server;
// serverForSuite(): the same server started before a file's (or describe block's) tests and stopped after.
import { randomBytes } from "node:crypto";
import type { Connection } from "mongoose";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
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

/**
 * Starts the real server in a beforeAll and stops it (dropping its database) in an afterAll, registered
 * where this is called: at the top of a file for the whole file, inside a describe for that block. The
 * handle reads the running server, so it can be declared at module level and used in tests and hooks;
 * reading it before the beforeAll ran (or after the afterAll) throws. Options given as a function are
 * read when the server starts, so they may use what the file sets up later.
 *
 * Vitest runs after-hooks in reverse order of registration, so fixtures registered after this one (such
 * as socketsClosedAfterAll) finish before the server stops.
 */
export function serverForSuite(options: StartServerOptions | (() => StartServerOptions) = {}): TestServer {
  return serverFixture(options, beforeAll, afterAll);
}

/** The same handle as serverForSuite, but a new server with a fresh database for every test. */
export function serverForEachTest(options: StartServerOptions | (() => StartServerOptions) = {}): TestServer {
  return serverFixture(options, beforeEach, afterEach);
}

function serverFixture(
  options: StartServerOptions | (() => StartServerOptions),
  before: (hook: () => Promise<void>) => void,
  after: (hook: () => Promise<void>) => void,
): TestServer {
  let running: TestServer | null = null;
  const current = (): TestServer => {
    if (!running) {
      throw new Error("the test server is not running here; read it inside a test or a hook after its start");
    }
    return running;
  };
  before(async () => {
    running = await startServer(typeof options === "function" ? options() : options);
  });
  after(async () => {
    const server = running;
    running = null;
    await server?.close();
  });
  return {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    get app() {
      return current().app;
    },
    get connection() {
      return current().connection;
    },
    get databaseName() {
      return current().databaseName;
    },
    close: async (closeOptions) => {
      const server = current();
      running = null;
      await server.close(closeOptions);
    },
  };
}

// The real server outside vitest, for scripts (the Lighthouse benchmark, the README's screenshots, the
// schemathesis run): the embedded FerretDB in a temporary folder (or MONGODB_URI), createApp on 127.0.0.1
// port 0 (serving the built client unless told not to), a fresh database; stop() removes all of it.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  type EmbeddedDatabase,
  type MufakatApp,
  connectMongoose,
  createApp,
  executableSearchPath,
  loadEnv,
  locateOrBuildFerretDb,
  startFerretDb,
  userCacheDir,
} from "@mufakat/server";
import { builtClientDir } from "./browser.ts";

export interface StandaloneServer {
  url: string;
  app: MufakatApp;
  stop(): Promise<void>;
}

export interface StandaloneOptions {
  /** Serve the built client beside the API (default true; it must be built). */
  serveClient?: boolean;
  /** Logins and registrations allowed per address a minute: scripts sign in many times. */
  authLimitPerMinute?: number;
  /** Names the temporary database folder and the database, so a leftover says which script left it. */
  purpose?: string;
}

export async function startStandaloneServer({
  serveClient = true,
  authLimitPerMinute = 10_000,
  purpose = "script",
}: StandaloneOptions = {}): Promise<StandaloneServer> {
  const env = loadEnv();
  let embedded: EmbeddedDatabase | null = null;
  let dataDir: string | null = null;
  let mongoUri = env.MONGODB_URI ?? "";
  if (!mongoUri) {
    const binary = await locateOrBuildFerretDb({
      explicitBinary: env.FERRETDB_BIN,
      searchPath: executableSearchPath(),
      cacheDir: userCacheDir(),
    });
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `mufakat-${purpose}-db-`));
    embedded = await startFerretDb({ binary, dataDir });
    mongoUri = embedded.uri;
  }
  const connection = await connectMongoose(mongoUri, `${purpose}_${randomUUID().slice(0, 8)}`);
  const app = await createApp({
    connection,
    jwtSecret: "script-secret-that-is-long-enough-for-hs256-0123456789",
    ...(serveClient ? { clientDir: builtClientDir() } : {}),
    authRateLimit: { limit: authLimitPerMinute, windowMs: 60_000 },
    motionSweepMs: 0,
  });
  const { url } = await app.listen(0, "127.0.0.1");
  return {
    url,
    app,
    stop: async () => {
      await app.close();
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
      await embedded?.stop();
      if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

// Starts one real database for the whole run: FerretDB built and launched exactly as the server does
// it, or the MongoDB at MONGODB_URI. Each test file then uses a fresh database on it.
// Also starts Debian's redis-server on a free loopback port for the multi-process tests ("redisUrl",
// empty when redis-server is not installed: those tests then skip, saying why).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import {
  type EmbeddedDatabase,
  executableSearchPath,
  loadEnv,
  locateOrBuildFerretDb,
  startFerretDb,
  userCacheDir,
} from "@mufakat/server";
import { type RedisServer, redisServerInstalled, startRedisServer } from "./redis.ts";

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    ferretDbBinary: string;
    /** redis://127.0.0.1:<port> of the run's Redis, or "" when redis-server is not installed. */
    redisUrl: string;
  }
}

let embedded: EmbeddedDatabase | null = null;
let redis: RedisServer | null = null;
let dataDir: string | null = null;

export async function setup(project: TestProject): Promise<void> {
  const env = loadEnv();
  const binary = env.MONGODB_URI
    ? ""
    : await locateOrBuildFerretDb({
        explicitBinary: env.FERRETDB_BIN,
        searchPath: executableSearchPath(),
        cacheDir: userCacheDir(),
      });
  if (env.MONGODB_URI) {
    project.provide("mongoUri", env.MONGODB_URI);
  } else {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "mufakat-test-db-"));
    embedded = await startFerretDb({ binary, dataDir });
    project.provide("mongoUri", embedded.uri);
  }
  project.provide("ferretDbBinary", binary);
  redis = redisServerInstalled() ? await startRedisServer() : null;
  project.provide("redisUrl", redis?.url ?? "");
}

export async function teardown(): Promise<void> {
  await redis?.stop();
  await embedded?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
}

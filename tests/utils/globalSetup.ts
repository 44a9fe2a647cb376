// Starts one real database for the whole run: FerretDB built and launched exactly as the server does
// it, or the MongoDB at MONGODB_URI. Each test file then uses a fresh database on it.
// Also starts Debian's redis-server on a free loopback port for the multi-process tests ("redisUrl",
// empty when redis-server is not installed: those tests then skip, saying why).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import {
  type EmbeddedDatabase,
  executableSearchPath,
  findFreePort,
  loadEnv,
  locateOrBuildFerretDb,
  startFerretDb,
  userCacheDir,
} from "@mufakat/server";

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    ferretDbBinary: string;
    /** redis://127.0.0.1:<port> of the run's Redis, or "" when redis-server is not installed. */
    redisUrl: string;
  }
}

let embedded: EmbeddedDatabase | null = null;
let redis: ChildProcess | null = null;
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
  project.provide("redisUrl", await startRedis());
}

const redisBinary = "/usr/bin/redis-server";

/** redis-server without persistence on a free loopback port; resolves once it answers PING. */
async function startRedis(): Promise<string> {
  if (!existsSync(redisBinary)) return "";
  const port = await findFreePort();
  redis = spawn(redisBinary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(port))) {
    if (Date.now() > deadline || redis.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return `redis://127.0.0.1:${port}`;
}

function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setTimeout(500);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function teardown(): Promise<void> {
  if (redis && redis.exitCode === null) {
    const exited = new Promise((resolve) => redis?.once("exit", resolve));
    redis.kill("SIGTERM");
    await exited;
  }
  await embedded?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
}

// The servers under benchmark, each in a child process pinned to the server core, and what they need:
// the embedded FerretDB (pinned to the same core: it is part of Mufakat's cost) and redis-server.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  executableSearchPath,
  findFreePort,
  loadEnv,
  locateOrBuildFerretDb,
  startFerretDb,
  userCacheDir,
} from "@mufakat/server";
import type { ProbeStats } from "../children/probe.ts";
import type { MufakatChildOptions } from "../children/mufakat.ts";
import { redisServerInstalled, startRedisServer } from "../../utils/redis.ts";
import { cpuSecondsOf, pinProcess, pinnedCommand, processTree } from "./procfs.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../../..");
export const serverCore = 0;
export const generatorCore = 1;
export const benchJwtSecret = "bench-secret-that-is-long-enough-for-hs256-0123456789";

export type ServerKind = "mufakat" | "hocuspocus" | "y-websocket";

export interface ServerChild {
  kind: ServerKind;
  pid: number;
  port: number;
  url: string;
  request<T = unknown>(type: string, payload?: Record<string, unknown>): Promise<T>;
  stats(reset?: boolean): Promise<ProbeStats>;
  stop(): Promise<void>;
}

export interface ChildOptions {
  /** Folder for a V8 CPU profile of this process (node --cpu-prof), written when it exits. */
  cpuProfileDir?: string | undefined;
  /** More node flags for the server processes (the memory profile's --expose-gc). */
  nodeFlags?: string[];
}

const childFiles: Record<ServerKind, string> = {
  mufakat: "mufakat.ts",
  hocuspocus: "hocuspocus.ts",
  "y-websocket": "yWebsocket.ts",
};

export async function startServerChild(
  kind: ServerKind,
  config: Record<string, unknown>,
  options: ChildOptions = {},
): Promise<ServerChild> {
  const nodeArgs = [
    ...(options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    ...(options.nodeFlags ?? []),
    "--import",
    "tsx",
    path.join(here, "../children", childFiles[kind]),
    JSON.stringify(config),
  ];
  const { command, args } = pinnedCommand(serverCore, process.execPath, nodeArgs);
  const child = spawn(command, args, { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe", "ipc"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // A send to a process stopped under a workload that ran out of time is answered by its rejection, not a crash.
  child.on("error", () => undefined);
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start in 60 s: ${stderr}`)), 60_000);
    child.on("message", (message: { id: number; ok: boolean; body?: unknown; error?: string }) => {
      if (message.id === 0) {
        clearTimeout(timer);
        resolve((message.body as { port: number }).port);
        return;
      }
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.body);
      else waiter.reject(new Error(`${kind}: ${message.error}`));
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited before listening: ${stderr}`));
      for (const waiter of pending.values()) waiter.reject(new Error(`${kind} exited: ${stderr}`));
    });
  });
  const port = await ready;
  const request = <T>(type: string, payload: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${kind}: no answer to ${type} in 120 s`));
      }, 120_000);
      pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      if (!child.connected) {
        pending.delete(id);
        clearTimeout(timer);
        reject(new Error(`${kind}: the process is gone`));
        return;
      }
      child.send({ type, id, ...payload }, (error) => {
        if (!error) return;
        pending.delete(id);
        clearTimeout(timer);
        reject(error);
      });
    });
  return {
    kind,
    pid: child.pid ?? -1,
    port,
    url: `http://127.0.0.1:${port}`,
    request,
    stats: (reset = false) => request<ProbeStats>("stats", { reset }),
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // SIGINT lets node write its CPU profile; SIGKILL if it lingers.
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

export interface BenchDatabase {
  uri: string;
  dataDir: string;
  cpuSeconds(): number;
  diskBytes(): Promise<number>;
  stop(): Promise<void>;
}

let ferretBinary: string | null = null;

/** A fresh embedded FerretDB (SQLite files in a temporary folder), pinned to the server core. */
export async function startDatabase(): Promise<BenchDatabase> {
  const env = loadEnv();
  if (env.MONGODB_URI) throw new Error("the bench measures the embedded FerretDB; unset MONGODB_URI");
  ferretBinary ??= await locateOrBuildFerretDb({
    explicitBinary: env.FERRETDB_BIN,
    searchPath: executableSearchPath(),
    cacheDir: userCacheDir(),
  });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "mufakat-bench-db-"));
  const database = await startFerretDb({ binary: ferretBinary, dataDir });
  const tree = () => processTree(database.pid);
  for (const pid of tree()) pinProcess(pid, serverCore);
  return {
    uri: database.uri,
    dataDir,
    cpuSeconds: () => tree().reduce((sum, pid) => sum + cpuSecondsOf(pid), 0),
    diskBytes: () => folderBytes(dataDir),
    stop: async () => {
      await database.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await fs.stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

export interface BenchRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export function redisAvailable(): boolean {
  return redisServerInstalled();
}

/** redis-server without persistence on a free loopback port, pinned to the server core. */
export function startRedis(): Promise<BenchRedis> {
  return startRedisServer({ wrap: (command, args) => pinnedCommand(serverCore, command, args) });
}

/** A server to co-edit on: Mufakat with its database, or a y-protocols server with its storage. */
export interface ServerUnderTest {
  kind: ServerKind;
  children: ServerChild[];
  database: BenchDatabase | null;
  /** Server-side CPU seconds now (node processes + database), for differences. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const running = new Set<ServerUnderTest>();

/** Stops every server still running (a workload that ran out of its time budget leaves its own behind). */
export async function stopAllServers(): Promise<void> {
  await Promise.allSettled([...running].map((sut) => sut.stop()));
}

export async function startServerUnderTest(
  kind: ServerKind,
  options: ChildOptions & {
    processes?: number;
    redisUrl?: string;
    mufakat?: Partial<MufakatChildOptions>;
    /** Reuse a database (restart on the same data). */
    database?: BenchDatabase;
    databaseName?: string;
    sqliteFile?: string;
  } = {},
): Promise<ServerUnderTest> {
  const children: ServerChild[] = [];
  let database: BenchDatabase | null = null;
  let ownsDatabase = false;
  if (kind === "mufakat") {
    database = options.database ?? (await startDatabase());
    ownsDatabase = !options.database;
    const config: MufakatChildOptions = {
      mongoUri: database.uri,
      databaseName: options.databaseName ?? "bench",
      jwtSecret: benchJwtSecret,
      ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
      ...options.mufakat,
    };
    for (let i = 0; i < (options.processes ?? 1); i++) {
      children.push(await startServerChild("mufakat", { ...config }, options));
    }
  } else if (kind === "hocuspocus") {
    const file =
      options.sqliteFile ?? path.join(await fs.mkdtemp(path.join(os.tmpdir(), "hocuspocus-bench-")), "db.sqlite");
    children.push(await startServerChild("hocuspocus", { port: await findFreePort(), database: file }, options));
  } else {
    children.push(await startServerChild("y-websocket", { port: await findFreePort() }, options));
  }
  const cpuSeconds = () =>
    children.reduce((sum, child) => sum + cpuSecondsOf(child.pid), 0) + (database?.cpuSeconds() ?? 0);
  let stopped: Promise<void> | null = null;
  const sut: ServerUnderTest = {
    kind,
    children,
    database,
    cpuSeconds,
    stop: () => {
      stopped ??= (async () => {
        running.delete(sut);
        await Promise.all(children.map((child) => child.stop()));
        if (ownsDatabase) await database?.stop();
      })();
      return stopped;
    },
  };
  await running.add(sut);
  return sut;
}

// spawnServer(): the real server in a child process (tests/utils/serverEntry.ts) on a given database, so a
// test can SIGKILL it mid-edit and start another on the same data.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import { testJwtSecret } from "./server.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** SIGKILL: no shutdown hook runs, nothing is flushed. Resolves once the process is gone. */
  kill(): Promise<void>;
}

export async function spawnServer(options: {
  databaseName: string;
  mongoUri?: string;
  redisUrl?: string;
  compactAfterUpdates?: number;
}): Promise<ServerProcess> {
  const config = {
    mongoUri: options.mongoUri ?? inject("mongoUri"),
    databaseName: options.databaseName,
    jwtSecret: testJwtSecret,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    ...(options.compactAfterUpdates ? { compactAfterUpdates: options.compactAfterUpdates } : {}),
  };
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(here, "serverEntry.ts"), JSON.stringify(config)],
    {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`server process did not start in 30 s: ${stderr}`)), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n").find((candidate) => candidate.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server process exited (${code}) before listening: ${stderr}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}

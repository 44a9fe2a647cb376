// redis-server for tests and benchmarks: no persistence, loopback only, ready once it answers PING.
// One launcher for the test run's Redis, the Redis-outage fault test and the bench.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import { findFreePort } from "@mufakat/server";

/** Debian's redis-server (scripts/ensure-system-packages.sh installs it). */
export const redisServerBinary = "/usr/bin/redis-server";

export function redisServerInstalled(): boolean {
  return existsSync(redisServerBinary);
}

export interface RedisServer {
  url: string;
  port: number;
  pid: number;
  /** SIGTERM by default; SIGKILL for an outage with no goodbye. Resolves once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartRedisOptions {
  /** A fixed port (to restart on the same address); a free one when omitted. */
  port?: number;
  /** Wraps the command, e.g. to pin it to a core with taskset. */
  wrap?: (command: string, args: string[]) => { command: string; args: string[] };
}

export async function startRedisServer(options: StartRedisOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await findFreePort());
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const { command, args: finalArgs } = options.wrap?.(redisServerBinary, args) ?? { command: redisServerBinary, args };
  const child = spawn(command, finalArgs, { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(port))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      throw new Error(`redis-server did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** True when something on 127.0.0.1:port answers a Redis PING with PONG within 500 ms. */
export function redisAnswers(port: number): Promise<boolean> {
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

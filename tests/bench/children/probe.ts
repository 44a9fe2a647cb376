// Inside every benchmarked server process: answers the bench's IPC questions about itself (CPU seconds,
// peak RSS, event-loop delay), the same way for Mufakat, Hocuspocus and y-websocket.
import { writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import v8 from "node:v8";
import { memoryOf } from "../lib/procfs.ts";

export interface ProbeStats {
  /** CPU seconds of this process since the last reset (user + system). */
  cpuSeconds: number;
  rssKb: number;
  /** Peak RSS since the last reset (where the kernel lets it be reset) or since start. */
  hwmKb: number;
  hwmReset: boolean;
  eventLoop: { p50Ms: number; p99Ms: number; maxMs: number };
  heapUsedKb: number;
}

export interface ProbeRequest {
  type: string;
  id: number;
  [key: string]: unknown;
}

export type ProbeHandler = (request: ProbeRequest) => Promise<unknown> | unknown;

export function installProbe(handlers: Record<string, ProbeHandler> = {}): void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let cpuBase = process.cpuUsage();
  let hwmReset = false;

  const stats = (reset: boolean): ProbeStats => {
    const cpu = process.cpuUsage(cpuBase);
    const memory = memoryOf(process.pid);
    const result: ProbeStats = {
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rssKb: memory.rssKb,
      hwmKb: memory.hwmKb,
      hwmReset,
      eventLoop: {
        p50Ms: delay.percentile(50) / 1e6,
        p99Ms: delay.percentile(99) / 1e6,
        maxMs: delay.max / 1e6,
      },
      heapUsedKb: Math.round(process.memoryUsage().heapUsed / 1024),
    };
    if (reset) {
      delay.reset();
      cpuBase = process.cpuUsage();
      try {
        // "5" resets the peak RSS (VmHWM) to the current RSS (Linux >= 4.0).
        writeFileSync("/proc/self/clear_refs", "5");
        hwmReset = true;
      } catch {
        hwmReset = false;
      }
    }
    return result;
  };

  process.on("message", (message: ProbeRequest) => {
    const reply = (body: unknown) => process.send?.({ id: message.id, ok: true, body });
    const fail = (error: unknown) =>
      process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.stack : String(error) });
    try {
      if (message.type === "stats") {
        reply(stats(Boolean(message.reset)));
        return;
      }
      if (message.type === "memory") {
        // After a full collection (node --expose-gc) when asked: what is still reachable, not what waits for GC.
        const collect = (globalThis as { gc?: () => void }).gc;
        if (message.gc && collect) collect();
        const file = typeof message.snapshot === "string" ? v8.writeHeapSnapshot(message.snapshot) : null;
        reply({
          ...process.memoryUsage(),
          rssKb: memoryOf(process.pid).rssKb,
          snapshot: file,
          collected: Boolean(collect),
        });
        return;
      }
      const handler = handlers[message.type];
      if (!handler) throw new Error(`unknown probe request ${message.type}`);
      Promise.resolve(handler(message)).then(reply, fail);
    } catch (error) {
      fail(error);
    }
  });
  // The bench owns this process: when it goes, so does the server.
  process.on("disconnect", () => process.exit(0));
  // A clean exit on SIGINT, so `node --cpu-prof` writes its profile.
  process.on("SIGINT", () => process.exit(0));
}

/** Tells the bench where this server listens. */
export function announce(port: number, extra: Record<string, unknown> = {}): void {
  process.send?.({ id: 0, ok: true, body: { ready: true, port, ...extra } });
}

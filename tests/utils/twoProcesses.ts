// Two server processes behind one Redis, on one database, for a test file: started in a beforeAll when
// Redis is there (`redisUrl` is injected by the global setup), stopped in an afterAll with the sockets the
// tests opened. `onB(member)` is the member's REST client talking to process B (their own talks to A).
import { afterAll, beforeAll, inject } from "vitest";
import { ApiClient } from "./api.ts";
import type { Member } from "./deliberation.ts";
import { type TestServer, startServer } from "./server.ts";
import type { LiveClient } from "./socket.ts";

export interface TwoProcesses {
  /** Null when no Redis server is installed: the suite is skipped then. */
  redisUrl: string | null;
  a(): TestServer;
  b(): TestServer;
  onB(member: Member): ApiClient;
  /** Sockets to close before the servers stop. */
  sockets: LiveClient[];
}

export function twoProcessesForSuite(): TwoProcesses {
  const redisUrl = inject("redisUrl") || null;
  let serverA: TestServer | null = null;
  let serverB: TestServer | null = null;
  const sockets: LiveClient[] = [];
  beforeAll(async () => {
    if (!redisUrl) return;
    serverA = await startServer({ redisUrl, motionSweepMs: 0 });
    serverB = await startServer({ redisUrl, motionSweepMs: 0, databaseName: serverA.databaseName });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await serverB?.close({ keepDatabase: true });
    await serverA?.close();
  });
  const running = (server: TestServer | null, name: string): TestServer => {
    if (!server) throw new Error(`twoProcessesForSuite: process ${name} is not running`);
    return server;
  };
  return {
    redisUrl,
    a: () => running(serverA, "A"),
    b: () => running(serverB, "B"),
    onB: (member) => {
      const client = new ApiClient(running(serverB, "B").url);
      client.accessToken = member.accessToken;
      return client;
    },
    sockets,
  };
}

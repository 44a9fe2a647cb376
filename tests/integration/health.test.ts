// /healthz tells the truth about the database, and the API turns an outage into a retryable 503.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { type EmbeddedDatabase, findFreePort, startFerretDb } from "@mufakat/server";
import { jsonBody, userInput } from "../utils/api.ts";
import { eventually } from "../utils/eventually.ts";
import { type TestServer, startServer } from "../utils/server.ts";

const binary = inject("ferretDbBinary");
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("/healthz", () => {
  it("answers 200 with db up while the database answers", async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "up" });
    // Security headers, without upgrade-insecure-requests (it blanks the app over plain HTTP on a LAN).
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  // Needs a database this test may stop: the embedded FerretDB (skipped when MONGODB_URI is used).
  it.skipIf(!binary)(
    "answers 503 while the database is down, refuses writes with 503, and recovers by itself",
    async () => {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "mufakat-health-"));
      const port = await findFreePort();
      let database: EmbeddedDatabase = await startFerretDb({ binary, dataDir, port });
      let server: TestServer | null = null;
      cleanups.push(async () => {
        await server?.close({ keepDatabase: true });
        await database.stop();
        await fs.rm(dataDir, { recursive: true, force: true });
      });
      server = await startServer({ mongoUri: database.uri });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      await database.stop();
      const down = await fetch(`${server.url}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: "unavailable", db: "down" });

      const write = await fetch(`${server.url}/api/auth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(userInput("government", { email: "during-outage@example.org" })),
      });
      expect(write.status).toBe(503);
      expect(write.headers.get("retry-after")).toBe("5");
      expect((await jsonBody(write)).error.code).toBe("DATABASE_UNAVAILABLE");

      database = await startFerretDb({ binary, dataDir, port });
      const url = server.url;
      await eventually(async () => expect((await fetch(`${url}/healthz`)).status).toBe(200), { timeout: 30_000 });
      expect(await server.connection.collection("users").countDocuments({ email: "during-outage@example.org" })).toBe(
        0,
      );
    },
  );
});

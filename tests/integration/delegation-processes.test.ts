// Two server processes behind one Redis, on one database: a delegation given on one process reaches the
// other's copy of the open motion (the motion:delegation inter-server event), so the live tally the room
// hears counts it at once, without a vote and without the motion being read again.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { MotionTallyEvent } from "@mufakat/shared";
import { ApiClient } from "../utils/api.ts";
import { type Member, roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { type TestServer, startServer } from "../utils/server.ts";
import { type LiveClient, connect, request } from "../utils/socket.ts";

const redisUrl = inject("redisUrl");
let serverA: TestServer;
let serverB: TestServer;
const sockets: LiveClient[] = [];
const zero = { support: 0, supportWithReservations: 0, standAside: 0, object: 0, block: 0 };

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

/** The member's client on process B (their own client talks to A). */
function onB(member: Member): ApiClient {
  const client = new ApiClient(serverB.url);
  client.accessToken = member.accessToken;
  return client;
}

describe.skipIf(!redisUrl)("delegation with two processes (needs /usr/bin/redis-server)", () => {
  it("counts a delegation given on A in B's live tally, and stops when it is taken back on A", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(serverA, 2);
    const [a0, a1] = members.filter((member) => member.sector === "academia") as [Member, Member];
    const watcher = await connect(serverB, coordinator.accessToken);
    sockets.push(watcher);
    expect((await request(watcher, "room:join", { roomId })).ok).toBe(true);
    const tallies: MotionTallyEvent[] = [];
    watcher.on("motion:tally", (event) => tallies.push(event));

    const proposalId = await seedProposal(serverA, roomId, coordinator.id, "Air mengalir Senin.");
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId });
    const motionId = opened.body.id as string;
    // Only B holds the motion in memory: the vote lands there.
    const voted = await onB(a0).post(`/api/motions/${motionId}/votes`, {
      position: "support",
      clientVoteId: randomUUID(),
    });
    expect(voted.status).toBe(200);
    expect(serverB.app.motions.resources().liveMotions).toBe(1);
    expect(serverA.app.motions.resources().liveMotions).toBe(0);
    await eventually(() => expect(tallies.at(-1)?.tally.perSector.academia.voters).toBe(1));

    expect((await a1.client.post(`/api/rooms/${roomId}/delegation`, { delegateId: a0.id })).status).toBe(200);
    await eventually(() =>
      expect(tallies.at(-1)?.tally.perSector.academia).toMatchObject({
        voters: 2,
        delegated: { ...zero, support: 1 },
      }),
    );
    expect((await a1.client.delete(`/api/rooms/${roomId}/delegation`)).status).toBe(204);
    await eventually(() =>
      expect(tallies.at(-1)?.tally.perSector.academia).toMatchObject({ voters: 1, delegated: zero }),
    );
  });
});

// Two server processes behind one Redis, on one database: a delegation given on one process reaches the
// other's copy of the open motion (the motion:delegation inter-server event), so the live tally the room
// hears counts it at once, without a vote and without the motion being read again.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { MotionTallyEvent } from "@mufakat/shared";
import { type Member, roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { connect, request } from "../utils/socket.ts";
import { twoProcessesForSuite } from "../utils/twoProcesses.ts";

const processes = twoProcessesForSuite();
const { onB, sockets, redisUrl } = processes;
const zero = { support: 0, supportWithReservations: 0, standAside: 0, object: 0, block: 0 };

describe.skipIf(!redisUrl)("delegation with two processes (needs /usr/bin/redis-server)", () => {
  it("counts a delegation given on A in B's live tally, and stops when it is taken back on A", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(processes.a(), 2);
    const [a0, a1] = members.filter((member) => member.sector === "academia") as [Member, Member];
    const watcher = await connect(processes.b(), coordinator.accessToken);
    sockets.push(watcher);
    expect((await request(watcher, "room:join", { roomId })).ok).toBe(true);
    const tallies: MotionTallyEvent[] = [];
    watcher.on("motion:tally", (event) => tallies.push(event));

    const proposalId = await seedProposal(processes.a(), roomId, coordinator.id, "Air mengalir Senin.");
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId });
    const motionId = opened.body.id as string;
    // Only B holds the motion in memory: the vote lands there.
    const voted = await onB(a0).post(`/api/motions/${motionId}/votes`, {
      position: "support",
      clientVoteId: randomUUID(),
    });
    expect(voted.status).toBe(200);
    expect(processes.b().app.motions.resources().liveMotions).toBe(1);
    expect(processes.a().app.motions.resources().liveMotions).toBe(0);
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

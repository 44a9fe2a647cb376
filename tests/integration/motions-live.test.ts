// Votes over sockets: 30 members of five sectors vote at once, each vote sent twice; every ack means
// stored and counted, the room hears per-sector tallies live, and the motion closes when all voted.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { MotionClosedEvent, MotionTallyEvent, Position } from "@mufakat/shared";
import { roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { connect, request, socketsClosedAfterAll } from "../utils/socket.ts";
import { serverForSuite } from "../utils/server.ts";
import { storedPositions } from "../utils/ballots.ts";

const server = serverForSuite({ motionSweepMs: 0 });
const sockets = socketsClosedAfterAll();

describe("motion:vote", () => {
  it("counts 30 concurrent socket voters once each and broadcasts exact per-sector tallies", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 6);
    const proposalId = await seedProposal(server, roomId, coordinator.id, "Jam operasional puskesmas");
    const clients = await Promise.all(members.map((member) => connect(server, member.accessToken)));
    sockets.push(...clients);
    for (const client of clients) {
      const joined = await request(client, "room:join", { roomId });
      expect(joined.ok).toBe(true);
    }
    const watcher = clients[0]!;
    const tallies: MotionTallyEvent[] = [];
    const closings: MotionClosedEvent[] = [];
    watcher.on("motion:tally", (event) => tallies.push(event));
    watcher.on("motion:closed", (event) => closings.push(event));

    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId });
    expect(opened.status).toBe(201);
    const motionId: string = opened.body.id;

    // Community blocks once; academia supports with reservations; everyone else supports.
    const positionOf = (index: number): Position =>
      members[index]!.sector === "community" && index % 6 === 0
        ? "block"
        : members[index]!.sector === "academia"
          ? "supportWithReservations"
          : "support";
    const acks = await Promise.all(
      clients.flatMap((client, index) => {
        const position = positionOf(index);
        const payload = {
          motionId,
          position,
          clientVoteId: randomUUID(),
          ...(position === "support" ? {} : { reason: "Catatan sektor" }),
        };
        return [request(client, "motion:vote", payload), request(client, "motion:vote", payload)];
      }),
    );
    // Every member's vote was acknowledged at least once, and stored once. A resend that meets the motion
    // mid-close is refused (it cannot yet know it was counted); none is refused for any other reason.
    for (let index = 0; index < clients.length; index++) {
      const pair = acks.slice(index * 2, index * 2 + 2);
      expect(
        pair.some((ack) => ack.ok),
        `member ${index}`,
      ).toBe(true);
    }
    const fresh = acks.filter((ack) => ack.ok && !ack.data.replayed);
    expect(fresh).toHaveLength(30);
    for (const ack of acks) if (!ack.ok) expect(ack.error.code).toBe("MOTION_CLOSED");

    const stored = await storedPositions(server.connection, motionId);
    expect(stored).toHaveLength(30);

    await eventually(() => expect(closings).toHaveLength(1));
    expect(closings[0]).toMatchObject({ motionId, roomId, proposalId, outcome: "blocked", decisionSeq: 1 });
    await eventually(() => expect(tallies.at(-1)?.tally.votersCount).toBe(30));
    const last = tallies.at(-1)!.tally;
    expect(last.totals).toEqual({ support: 23, supportWithReservations: 6, standAside: 0, object: 0, block: 1 });
    expect(last.perSector.community.counts).toEqual({
      support: 5,
      supportWithReservations: 0,
      standAside: 0,
      object: 0,
      block: 1,
    });
    expect(last.perSector.academia.counts.supportWithReservations).toBe(6);
    expect(JSON.stringify(tallies)).not.toContain(members[1]!.id);
    // Tallies come in rounds shared by the votes stored meanwhile: never going back, fewer than the sends.
    const counts = tallies.map((event) => event.tally.votersCount);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(tallies.length).toBeLessThan(acks.filter((ack) => ack.ok).length);

    const verified = await coordinator.client.get(`/api/rooms/${roomId}/decisions/verify`);
    expect(verified.body).toMatchObject({ valid: true, checked: 1 });
  });

  it("refuses invalid votes with field details and stores nothing", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    const proposalId = await seedProposal(server, roomId, coordinator.id, "Teks");
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId });
    const client = await connect(server, members[1]!.accessToken);
    sockets.push(client);
    const bad = await request(client, "motion:vote", {
      motionId: opened.body.id,
      position: "maybe" as Position,
      clientVoteId: "short",
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe("VALIDATION_FAILED");
      const paths = (bad.error.details as { path: string }[]).map((d) => d.path).sort();
      expect(paths).toEqual(["clientVoteId", "position"]);
    }
    const unknown = await request(client, "motion:vote", {
      motionId: "0123456789abcdef01234567",
      position: "support",
      clientVoteId: randomUUID(),
    });
    expect(unknown.ok ? null : unknown.error.code).toBe("MOTION_NOT_FOUND");
    expect((await storedPositions(server.connection, opened.body.id)).length).toBe(0);
  });
});

// A server killed with SIGKILL mid-vote keeps every acknowledged vote: after a restart on the same
// database each member's stored position is the last one acknowledged (or a later one sent), and the
// decision closes with a chain that verifies. A burst of votes (grouped into few inserts) killed right
// after its last ack is stored whole, once per voter, and counted by the restarted server.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { Position } from "@mufakat/shared";
import { ApiClient } from "../utils/api.ts";
import { roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { type ServerProcess, spawnServer } from "../utils/serverProcess.ts";
import { type LiveClient, connect, request } from "../utils/socket.ts";
import { serverForSuite } from "../utils/server.ts";
import { storedPositions } from "../utils/ballots.ts";

const setup = serverForSuite({ motionSweepMs: 0 });
const processes: ServerProcess[] = [];
const sockets: LiveClient[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const child of processes) await child.kill();
});

const cycle: Position[] = ["support", "standAside", "supportWithReservations", "support", "object"];

describe("a server killed mid-vote", () => {
  it("loses no acknowledged vote", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(setup, 6);
    const proposalId = await seedProposal(setup, roomId, coordinator.id, "Anggaran bersama posyandu");
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId, durationMinutes: 60 });
    const motionId: string = opened.body.id;

    const first = await spawnServer({ databaseName: setup.databaseName });
    processes.push(first);
    const clients = await Promise.all(members.map((member) => connect(first, member.accessToken)));
    sockets.push(...clients);

    // Every member but the coordinator changes position up to five times, one vote at a time (a motion
    // closes once all eligible members voted, so one holds back); the server dies after 60 acks.
    const sent: Position[][] = members.map(() => []);
    const acked: (Position | null)[] = members.map(() => null);
    let ackCount = 0;
    let killed: Promise<void> | null = null;
    await Promise.all(
      clients.map(async (client, index) => {
        if (index === 0) return;
        for (const step of cycle.keys()) {
          if (killed) return;
          const shifted = cycle[(step + index) % cycle.length] as Position;
          sent[index]!.push(shifted);
          const payload = {
            motionId,
            position: shifted,
            clientVoteId: randomUUID(),
            ...(shifted === "object" || shifted === "supportWithReservations" ? { reason: "alasan" } : {}),
          };
          try {
            const ack = await request(client, "motion:vote", payload);
            if (!ack.ok) throw new Error(`vote refused: ${ack.error.code}`);
            acked[index] = shifted;
            ackCount += 1;
            if (ackCount === 60 && !killed) killed = first.kill();
          } catch (error) {
            // Only the kill may interrupt a vote: a timeout or a disconnect after it.
            if (!killed) throw error;
            return;
          }
        }
      }),
    );
    await killed;
    expect(ackCount).toBeGreaterThanOrEqual(60);

    const restarted = await spawnServer({ databaseName: setup.databaseName });
    processes.push(restarted);
    const stored = await storedPositions(setup.connection, motionId);
    const storedBy = new Map(stored.map((vote) => [vote.voterKey as string, vote.position as Position]));
    let checked = 0;
    for (const [index, member] of members.entries()) {
      const last = acked[index];
      if (!last) continue;
      // What is stored is the last acknowledged position or one sent after it, never an older one.
      const lastAckedIndex = sent[index]!.lastIndexOf(last);
      const allowed = sent[index]!.slice(lastAckedIndex);
      expect(allowed, `member ${index}`).toContain(storedBy.get(member.id));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);

    // The restarted server takes the remaining votes and closes the motion with a verifiable record.
    const after = await Promise.all(members.map((member) => connect(restarted, member.accessToken)));
    sockets.push(...after);
    // The coordinator votes last: that vote completes the turnout and closes the motion.
    for (const client of [...after.slice(1), after[0]!]) {
      const ack = await request(client, "motion:vote", { motionId, position: "support", clientVoteId: randomUUID() });
      expect(ack.ok).toBe(true);
    }
    const api = new ApiClient(restarted.url);
    api.accessToken = coordinator.accessToken;
    const motion = await api.get(`/api/motions/${motionId}`);
    expect(motion.body).toMatchObject({ status: "closed", closeReason: "allVoted" });
    expect(motion.body.tally.totals.support).toBe(30);
    const verified = await api.get(`/api/rooms/${roomId}/decisions/verify`);
    expect(verified.body).toMatchObject({ valid: true, checked: 1 });
  });

  it("keeps every vote of a burst acknowledged just before the kill, once each", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(setup, 4);
    const proposalId = await seedProposal(setup, roomId, coordinator.id, "Jadwal posyandu keliling");
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId, durationMinutes: 60 });
    expect(opened.status).toBe(201);
    const motionId: string = opened.body.id;
    const server = await spawnServer({ databaseName: setup.databaseName });
    processes.push(server);
    // Everyone but the coordinator votes at once (the motion stays open); each vote is sent twice with the
    // same clientVoteId, as a client resends one whose ack is late. The server dies right after the last ack.
    const voters = members.slice(1);
    const clients = await Promise.all(voters.map((member) => connect(server, member.accessToken)));
    sockets.push(...clients);
    const positions: Position[] = ["support", "standAside", "supportWithReservations", "object"];
    const acked = new Map<string, Position>();
    let killed: Promise<void> | null = null;
    await Promise.all(
      clients.map(async (client, index) => {
        const position = positions[index % positions.length] as Position;
        const payload = {
          motionId,
          position,
          clientVoteId: randomUUID(),
          ...(position === "object" || position === "supportWithReservations" ? { reason: "alasan" } : {}),
        };
        const acks = await Promise.all([
          request(client, "motion:vote", payload),
          request(client, "motion:vote", payload),
        ]);
        for (const ack of acks) if (!ack.ok) throw new Error(`vote refused: ${ack.error.code}`);
        acked.set((voters[index] as (typeof voters)[number]).id, position);
        if (acked.size === voters.length) killed = server.kill();
      }),
    );
    await killed;
    expect(acked.size).toBe(voters.length);

    // Stored before the kill: every acknowledged vote, one ballot each (the resend added none).
    const stored = await storedPositions(setup.connection, motionId);
    expect(stored.map((vote) => [vote.voterKey, vote.position, vote.ballots]).sort()).toEqual(
      [...acked].map(([voterKey, position]) => [voterKey, position, 1]).sort(),
    );

    // A restarted server counts them all, and the coordinator's vote closes the motion with every one.
    const restarted = await spawnServer({ databaseName: setup.databaseName });
    processes.push(restarted);
    const api = new ApiClient(restarted.url);
    api.accessToken = coordinator.accessToken;
    const before = await api.get(`/api/motions/${motionId}`);
    expect(before.body).toMatchObject({ status: "open" });
    expect(before.body.tally.votersCount).toBe(voters.length);
    const last = await connect(restarted, coordinator.accessToken);
    sockets.push(last);
    const ack = await request(last, "motion:vote", { motionId, position: "support", clientVoteId: randomUUID() });
    expect(ack.ok).toBe(true);
    const motion = await api.get(`/api/motions/${motionId}`);
    const expected = { support: 1, standAside: 0, supportWithReservations: 0, object: 0 };
    for (const position of acked.values()) expected[position as keyof typeof expected] += 1;
    expect(motion.body).toMatchObject({ status: "closed", closeReason: "allVoted" });
    expect(motion.body.tally.votersCount).toBe(members.length);
    expect(motion.body.tally.totals).toMatchObject(expected);
    const verified = await api.get(`/api/rooms/${roomId}/decisions/verify`);
    expect(verified.body).toMatchObject({ valid: true, checked: 1 });
  });
});

// Two server processes behind one Redis, on one database: a motion closes exactly once, whichever process
// sees it due first. Both sweeps find the same expired motion at the same moment; the last eligible vote
// lands on both processes at once (each then counts everyone and closes); a coordinator closes it on one
// while the other's sweep finds it due. Each time the room's decision log
// holds one record for the motion, its seq numbers run 1, 2, …, the stored motion carries that record's
// outcome, and every client, on either process, hears exactly one motion:closed, the same one.
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { MotionClosedEvent, MotionTallyEvent } from "@mufakat/shared";
import { testClock } from "../utils/clock.ts";
import { type Member, roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { type TestServer, startServer } from "../utils/server.ts";
import { type LiveClient, connect, request } from "../utils/socket.ts";

const redisUrl = inject("redisUrl");
const clock = testClock();
let serverA: TestServer;
let serverB: TestServer;
const sockets: LiveClient[] = [];

beforeAll(async () => {
  if (!redisUrl) return;
  // No sweep timers: the test runs both sweeps itself, at the same moment.
  serverA = await startServer({ redisUrl, now: clock.now, motionSweepMs: 0 });
  serverB = await startServer({ redisUrl, now: clock.now, motionSweepMs: 0, databaseName: serverA.databaseName });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await serverB?.close({ keepDatabase: true });
  await serverA?.close();
});

interface Room {
  roomId: string;
  coordinator: Member;
  members: Member[];
  /** Every member's socket, alternately on A and B, with the motion:closed events and chat bodies it heard. */
  listeners: Array<{
    on: "A" | "B";
    socket: LiveClient;
    closed: MotionClosedEvent[];
    tallies: MotionTallyEvent[];
    chat: string[];
  }>;
}

async function roomOnBothProcesses(): Promise<Room> {
  const { roomId, coordinator, members } = await roomOfSectors(serverA, 1);
  const listeners: Room["listeners"] = [];
  for (const [index, member] of members.entries()) {
    const on = index % 2 === 0 ? "A" : "B";
    const socket = await connect(on === "A" ? serverA : serverB, member.accessToken);
    sockets.push(socket);
    expect((await request(socket, "room:join", { roomId })).ok).toBe(true);
    const closed: MotionClosedEvent[] = [];
    const chat: string[] = [];
    const tallies: MotionTallyEvent[] = [];
    socket.on("motion:closed", (event) => closed.push(event));
    socket.on("motion:tally", (event) => tallies.push(event));
    socket.on("discussion:message", (event) => chat.push(event.message.body ?? ""));
    listeners.push({ on, socket, closed, tallies, chat });
  }
  return { roomId, coordinator, members, listeners };
}

async function openMotion(room: Room, title: string): Promise<{ motionId: string; proposalId: string }> {
  const proposalId = await seedProposal(serverA, room.roomId, room.coordinator.id, title);
  const opened = await room.coordinator.client.post(`/api/rooms/${room.roomId}/motions`, {
    proposalId,
    durationMinutes: 1,
  });
  expect(opened.status).toBe(201);
  return { motionId: opened.body.id, proposalId };
}

/** The room's decision log as stored, in seq order. */
async function decisionLog(roomId: string) {
  return serverA.connection
    .collection("decisionrecords")
    .find({ roomId: new Types.ObjectId(roomId) })
    .sort({ seq: 1 })
    .toArray();
}

/**
 * One record for the motion, contiguous seqs, the stored motion agreeing with it, and every listener on both
 * processes hearing exactly that close once (checked again after both processes had time to send a second).
 */
async function expectClosedOnce(
  room: Room,
  motion: { motionId: string; proposalId: string },
  expected: { seq: number; outcome: string; closeReason: string },
) {
  const log = await decisionLog(room.roomId);
  expect(log.map((record) => record.seq)).toEqual(Array.from({ length: expected.seq }, (_, i) => i + 1));
  const records = log.filter((record) => record.dedupeKey === `motion:${motion.motionId}`);
  expect(records).toHaveLength(1);
  const record = records[0]!;
  expect(record.seq).toBe(expected.seq);
  expect(record.payload.outcome).toBe(expected.outcome);
  expect(record.payload.closeReason).toBe(expected.closeReason);

  const stored = await serverA.connection.collection("motions").findOne({ _id: new Types.ObjectId(motion.motionId) });
  expect(stored?.status).toBe("closed");
  expect(stored?.decisionSeq).toBe(expected.seq);
  expect(stored?.closeReason).toBe(expected.closeReason);
  expect(stored?.finalTally.outcome).toBe(expected.outcome);
  expect(stored?.finalTally.totals).toEqual(record.payload.tally.totals);
  expect(stored?.finalTally.votersCount).toBe(record.payload.tally.votersCount);

  const heard: MotionClosedEvent = {
    motionId: motion.motionId,
    roomId: room.roomId,
    proposalId: motion.proposalId,
    outcome: expected.outcome as MotionClosedEvent["outcome"],
    decisionSeq: expected.seq,
  };
  const ofThisMotion = (events: MotionClosedEvent[]) => events.filter((event) => event.motionId === motion.motionId);
  await eventually(() => {
    for (const listener of room.listeners) expect(ofThisMotion(listener.closed)).toEqual([heard]);
  });
  // A second close would have been broadcast before its process answered: a chat message sent through each
  // process afterwards reaches every listener behind anything that process broadcast before it.
  const markers = await Promise.all(
    (["A", "B"] as const).map(async (on) => {
      const sender = room.listeners.find((listener) => listener.on === on)!;
      const body = `Penanda ${on} ${randomUUID()}`;
      expect((await request(sender.socket, "chat:send", { roomId: room.roomId, body })).ok).toBe(true);
      return body;
    }),
  );
  await eventually(() => {
    for (const listener of room.listeners) expect(listener.chat).toEqual(expect.arrayContaining(markers));
  });
  expect(room.listeners.map((listener) => ofThisMotion(listener.closed).length)).toEqual(room.listeners.map(() => 1));
  expect(new Set(room.listeners.map((listener) => listener.on))).toEqual(new Set(["A", "B"]));
}

describe.skipIf(!redisUrl)("closing a motion with two processes (needs /usr/bin/redis-server)", () => {
  it("closes an expired motion once when both processes' sweeps find it at the same moment", async () => {
    const room = await roomOnBothProcesses();
    const motion = await openMotion(room, "Jam buka posyandu");
    // Three of five vote (quorum: 3 voters of 3 sectors), through A's API.
    for (const member of room.members.slice(0, 3)) {
      const vote = await member.client.post(`/api/motions/${motion.motionId}/votes`, {
        position: "support",
        clientVoteId: randomUUID(),
      });
      expect(vote.status).toBe(200);
    }
    clock.advance(61_000);
    const swept = await Promise.all([serverA.app.motions.sweep(), serverB.app.motions.sweep()]);
    await expectClosedOnce(room, motion, { seq: 1, outcome: "adopted", closeReason: "deadline" });
    // One process closed it; the other's sweep found it taken.
    expect(swept.sort()).toEqual([0, 1]);
  });

  it("closes once when the last eligible vote lands on both processes at the same moment (four motions)", async () => {
    const room = await roomOnBothProcesses();
    const last = room.members[4]!;
    const onA = await connect(serverA, last.accessToken);
    const onB = await connect(serverB, last.accessToken);
    sockets.push(onA, onB);
    // The two closes meet only when both rounds run at once: four motions in a row, each a chance to.
    for (let seq = 1; seq <= 4; seq++) {
      const motion = await openMotion(room, `Jadwal ronda ${seq}`);
      // Four of five vote: two through A's API, two over their sockets on B, so both processes hold the motion.
      for (const [index, member] of room.members.slice(0, 4).entries()) {
        const listener = room.listeners[index]!;
        const clientVoteId = randomUUID();
        if (listener.on === "A") {
          const vote = await member.client.post(`/api/motions/${motion.motionId}/votes`, {
            position: "support",
            clientVoteId,
          });
          expect(vote.status).toBe(200);
        } else {
          const vote = await request(listener.socket, "motion:vote", {
            motionId: motion.motionId,
            position: "support",
            clientVoteId,
          });
          expect(vote.ok).toBe(true);
        }
      }
      // B's last tally reached a socket on A after B's ballot relays (one Redis connection, in order): A's
      // copy of the motion holds all four positions, as B's does.
      const onAListener = room.listeners.find((listener) => listener.on === "A")!;
      await eventually(() =>
        expect(
          onAListener.tallies.filter((event) => event.motionId === motion.motionId).at(-1)?.tally.votersCount,
        ).toBe(4),
      );
      // The last member votes from two devices at once, one on each process: each counts all five.
      const acks = await Promise.all(
        [onA, onB].map((socket) =>
          request(socket, "motion:vote", {
            motionId: motion.motionId,
            position: "support",
            clientVoteId: randomUUID(),
          }),
        ),
      );
      // At least one is acknowledged; one that met the motion already closing is MOTION_CLOSED, never another error.
      expect(acks.some((ack) => ack.ok)).toBe(true);
      for (const ack of acks) if (!ack.ok) expect(ack.error.code).toBe("MOTION_CLOSED");
      await eventually(async () => {
        const stored = await serverA.connection
          .collection("motions")
          .findOne({ _id: new Types.ObjectId(motion.motionId) });
        expect(stored?.status).toBe("closed");
      });
      await expectClosedOnce(room, motion, { seq, outcome: "adopted", closeReason: "allVoted" });
    }
  });

  it("closes once when a coordinator closes it on A while B's sweep finds it due", async () => {
    const room = await roomOnBothProcesses();
    // Three rounds: each a chance for the coordinator's close and the sweep to meet.
    for (let seq = 1; seq <= 3; seq++) {
      const motion = await openMotion(room, `Anggaran kas ${seq}`);
      for (const member of room.members.slice(0, 3)) {
        const vote = await member.client.post(`/api/motions/${motion.motionId}/votes`, {
          position: "support",
          clientVoteId: randomUUID(),
        });
        expect(vote.status).toBe(200);
      }
      clock.advance(61_000);
      const [closed, swept] = await Promise.all([
        room.coordinator.client.post(`/api/motions/${motion.motionId}/close`),
        serverB.app.motions.sweep(),
      ]);
      // Whichever took the close lock closed it; the other found it closed (or being closed).
      if (closed.status === 200) {
        expect(swept).toBe(0);
        expect(closed.body).toMatchObject({ id: motion.motionId, status: "closed" });
      } else {
        expect(closed.status).toBe(409);
        expect(closed.body.error.code).toBe("MOTION_CLOSED");
        expect(swept).toBe(1);
      }
      const closeReason = closed.status === 200 ? "coordinator" : "deadline";
      await expectClosedOnce(room, motion, { seq, outcome: "adopted", closeReason });
      const audits = await serverA.connection
        .collection("auditentries")
        .countDocuments({ action: "motion.closed", target: motion.motionId });
      expect(audits).toBe(closed.status === 200 ? 1 : 0);
    }
  });
});

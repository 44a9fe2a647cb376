// The coordinators' review of decision logs: only rooms the caller coordinates, filtered by room, date
// range, outcome, voting sector and title text (exact result ids), and one record opened with tallies,
// reasons, frozen text, corrections, commitments, pledges and chain integrity (which notices tampering).
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { advanceClock, decide } from "../utils/accountability.ts";
import { registeredClient } from "../utils/api.ts";
import { testClock } from "../utils/clock.ts";
import { type Member, roomOfSectors } from "../utils/deliberation.ts";
import { serverForSuite } from "../utils/server.ts";

const start = Date.parse("2026-08-03T02:00:00.000Z");
const clock = testClock(start);
const day = 24 * 60 * 60 * 1000;
const server = serverForSuite({ now: clock.now, motionSweepMs: 0 });

const idsOf = (body: Array<{ roomId: string; seq: number }>) => body.map((d) => `${d.roomId}:${d.seq}`);

describe("reviewing the decision logs of the rooms one coordinates", () => {
  it("filters by room, date range, outcome, sector and title, and opens a record with everything that followed it", async () => {
    // Room A and room B are coordinated by the same person (B's creator invites A's as coordinator);
    // in room C that person is only a participant.
    const roomA = await roomOfSectors(server, 1);
    const reviewer = roomA.coordinator;
    const roomB = await roomOfSectors(server, 1);
    const invite = await roomB.coordinator.client.post(`/api/rooms/${roomB.roomId}/invites`, { role: "coordinator" });
    expect((await reviewer.client.post("/api/invites/accept", { token: invite.body.token })).status).toBe(201);
    roomB.members.push(reviewer);
    const roomC = await roomOfSectors(server, 1);
    expect((await reviewer.client.post(`/api/rooms/${roomC.roomId}/join`)).status).toBe(201);
    roomC.members.push(reviewer);
    const clients = [...roomA.members, ...roomB.members, ...roomC.members].map((m) => m.client);
    const unique = [...new Set(clients)];
    const sectorsOf = (room: { members: Member[] }, sectors: string[]) =>
      room.members.filter((m) => sectors.includes(m.sector) && m.id !== reviewer.id);

    const a1 = await decide(server, roomA, { title: "Jadwal air bersih" });
    await advanceClock(clock, day, unique);
    const a2 = await decide(server, roomA, { title: "Tarif air", position: "object" });
    await advanceClock(clock, day, unique);
    const b1 = await decide(server, roomB, {
      title: "Kios AIR warga",
      voters: sectorsOf(roomB, ["government", "private", "community"]),
    });
    await advanceClock(clock, day, unique);
    const b2 = await decide(server, roomB, { title: "Sumur bor", position: "block" });
    const c1 = await decide(server, roomC, { title: "Air tangki" });
    expect([a1.outcome, a2.outcome, b1.outcome, b2.outcome, c1.outcome]).toEqual([
      "adopted",
      "notAdopted",
      "adopted",
      "blocked",
      "adopted",
    ]);
    const [A1, A2, B1, B2] = [`${roomA.roomId}:1`, `${roomA.roomId}:2`, `${roomB.roomId}:1`, `${roomB.roomId}:2`];

    // What followed A1 and A2: a commitment and a pledge on A1, a correction of A2 (record 3 of room A).
    const commitment = await reviewer.client.post(`/api/rooms/${roomA.roomId}/commitments`, {
      decisionSeq: 1,
      what: "Memasang jadwal di kelurahan",
      ownerOrganisation: "Dinas PU",
      dueDate: new Date(start + 10 * day).toISOString(),
    });
    expect(commitment.status).toBe(201);
    const pledge = await roomA.members[1]!.client.post(`/api/rooms/${roomA.roomId}/pledges`, {
      decisionSeq: 1,
      kind: "funds",
      quantity: 750_000,
      unit: "IDR",
    });
    expect(pledge.status).toBe(201);
    const correction = await reviewer.client.post(`/api/rooms/${roomA.roomId}/decisions/2/corrections`, {
      note: "Alasan keberatan tercatat lengkap",
    });
    expect(correction.body.seq).toBe(3);

    const review = async (query = "") => {
      const response = await reviewer.client.get(`/api/review/decisions${query}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return idsOf(response.body);
    };
    expect(await review()).toEqual([B2, B1, A2, A1]);
    expect(await review(`?roomId=${roomA.roomId}`)).toEqual([A2, A1]);
    const from = new Date(start + day).toISOString();
    const to = new Date(start + 2 * day).toISOString();
    expect(await review(`?from=${from}&to=${to}`)).toEqual([B1, A2]);
    expect(await review(`?from=${from}`)).toEqual([B2, B1, A2]);
    expect(await review(`?to=${new Date(start + day - 1).toISOString()}`)).toEqual([A1]);
    expect(await review("?outcome=adopted")).toEqual([B1, A1]);
    expect(await review("?outcome=blocked")).toEqual([B2]);
    expect(await review("?outcome=noQuorum")).toEqual([]);
    expect(await review("?sector=media")).toEqual([B2, A2, A1]);
    expect(await review("?sector=community")).toEqual([B2, B1, A2, A1]);
    expect(await review("?q=air")).toEqual([B1, A2, A1]);
    expect(await review(`?q=${encodeURIComponent("AIR W")}`)).toEqual([B1]);
    expect(await review(`?q=${encodeURIComponent(".*")}`)).toEqual([]);
    expect(await review(`?outcome=adopted&sector=media&roomId=${roomA.roomId}&q=jadwal`)).toEqual([A1]);
    expect(await review(`?outcome=adopted&sector=media&roomId=${roomB.roomId}`)).toEqual([]);

    const listed = (await reviewer.client.get(`/api/review/decisions?roomId=${roomA.roomId}`)).body;
    expect(listed).toEqual([
      {
        roomId: roomA.roomId,
        roomTitle: "Air bersih",
        seq: 2,
        at: new Date(start + day).toISOString(),
        proposalTitle: "Tarif air",
        outcome: "notAdopted",
        reasonCode: "sectorBelowThreshold",
        votersCount: 5,
        sectorsVoted: ["government", "private", "community", "academia", "media"],
        commitments: 0,
        pledges: 0,
        correctedBy: [3],
      },
      {
        roomId: roomA.roomId,
        roomTitle: "Air bersih",
        seq: 1,
        at: new Date(start).toISOString(),
        proposalTitle: "Jadwal air bersih",
        outcome: "adopted",
        reasonCode: "sectorConsensus",
        votersCount: 5,
        sectorsVoted: ["government", "private", "community", "academia", "media"],
        commitments: 1,
        pledges: 1,
        correctedBy: [],
      },
    ]);
    const b1Listed = (await reviewer.client.get(`/api/review/decisions?roomId=${roomB.roomId}&outcome=adopted`)).body;
    expect(b1Listed[0].sectorsVoted).toEqual(["government", "private", "community"]);

    // One record opened.
    const detail = await reviewer.client.get(`/api/review/rooms/${roomA.roomId}/decisions/1`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      room: { id: roomA.roomId, title: "Air bersih", myRole: "coordinator" },
      record: { seq: 1, kind: "decision", prevHash: "0".repeat(64) },
      proposalTitle: "Jadwal air bersih",
      outcome: "adopted",
      reasonCode: "sectorConsensus",
      frozenText: "Isi usulan: Jadwal air bersih",
      frozenTextIntact: true,
      tally: { votersCount: 5, totals: { support: 5, object: 0, block: 0 } },
      corrections: [],
      commitments: [{ id: commitment.body.id, what: "Memasang jadwal di kelurahan", overdue: false }],
      pledges: [{ id: pledge.body.id, quantity: 750_000, unit: "IDR" }],
      chain: { valid: true, checked: 3, firstBrokenSeq: null, problem: null },
    });
    expect(
      detail.body.positions
        .map((p: { sector: string; position: string; displayName: string | null }) => [
          p.sector,
          p.position,
          p.displayName !== null,
        ])
        .sort(),
    ).toEqual([
      ["academia", "support", true],
      ["community", "support", true],
      ["government", "support", true],
      ["media", "support", true],
      ["private", "support", true],
    ]);
    const objected = await reviewer.client.get(`/api/review/rooms/${roomA.roomId}/decisions/2`);
    expect(objected.body.positions.map((p: { reason: string | null }) => p.reason)).toEqual(
      Array(5).fill("Belum siap"),
    );
    expect(objected.body.corrections).toMatchObject([
      { seq: 3, kind: "correction", corrects: 2, payload: { note: "Alasan keberatan tercatat lengkap" } },
    ]);
    const notADecision = await reviewer.client.get(`/api/review/rooms/${roomA.roomId}/decisions/3`);
    expect(notADecision.status).toBe(404);
    expect(notADecision.body.error.code).toBe("DECISION_NOT_FOUND");

    // Tampering with the stored record: the chain names it and the frozen text no longer matches its hash.
    await server.connection
      .collection("decisionrecords")
      .updateOne(
        { roomId: new Types.ObjectId(roomA.roomId), seq: 1 },
        { $set: { "payload.frozenText": "Isi usulan: diubah diam-diam" } },
      );
    const tampered = await reviewer.client.get(`/api/review/rooms/${roomA.roomId}/decisions/1`);
    expect(tampered.body).toMatchObject({
      frozenText: "Isi usulan: diubah diam-diam",
      frozenTextIntact: false,
      chain: { valid: false, checked: 3, firstBrokenSeq: 1, problem: "hashMismatch" },
    });

    // Only coordinators, only of their rooms.
    const inC = await reviewer.client.get(`/api/review/decisions?roomId=${roomC.roomId}`);
    expect(inC.status).toBe(403);
    expect(inC.body.error.code).toBe("NOT_A_COORDINATOR");
    const detailInC = await reviewer.client.get(`/api/review/rooms/${roomC.roomId}/decisions/1`);
    expect(detailInC.body.error.code).toBe("NOT_A_COORDINATOR");
    const participant = roomA.members[1]!;
    const asParticipant = await participant.client.get("/api/review/decisions");
    expect(asParticipant.status).toBe(403);
    expect(asParticipant.body.error.code).toBe("NOT_A_COORDINATOR");
    expect((await participant.client.get(`/api/review/decisions?roomId=${roomA.roomId}`)).body.error.code).toBe(
      "NOT_A_COORDINATOR",
    );
    const outsider = await registeredClient(server.url, "media");
    const outside = await outsider.client.get(`/api/review/decisions?roomId=${roomA.roomId}`);
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe("NOT_A_MEMBER");
    const badOutcome = await reviewer.client.get("/api/review/decisions?outcome=maybe");
    expect(badOutcome.status).toBe(400);
    expect(badOutcome.body.error.details[0].path).toBe("outcome");
  });
});

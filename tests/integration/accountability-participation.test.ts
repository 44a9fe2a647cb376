// The participation insight: contributions per sector from real activity (votes over HTTP, chat over the
// socket, stored proposal edits, a commitment, a pledge), live attendance recorded from the socket.io
// adapter's join/leave events and measured with the injected clock, the balance indicator, the
// symbolic-participation warning (under the floor: named; exactly at it: none), the room's floor setting,
// and the stage history.
import type { Sector } from "@mufakat/shared";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { decide } from "../utils/accountability.ts";
import { registeredClient } from "../utils/api.ts";
import { testClock } from "../utils/clock.ts";
import { type Member, roomOfSectors } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { serverForSuite } from "../utils/server.ts";
import { type LiveClient, connect, okData, request, roomWithMembers, socketsClosedAfterEach } from "../utils/socket.ts";

const start = Date.parse("2026-06-01T03:00:00.000Z");
const clock = testClock(start);
const server = serverForSuite({ now: clock.now, motionSweepMs: 0 });
const sockets = socketsClosedAfterEach();

const minute = 60_000;

async function socketOf(token: string): Promise<LiveClient> {
  const socket = await connect(server, token);
  sockets.push(socket);
  return socket;
}

async function chat(socket: LiveClient, roomId: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) okData(await request(socket, "chat:send", { roomId, body: `Pesan ${i + 1}` }));
}

/** Stored edits as the update log holds them (what a live edit stores), by `author`, at the clock's now. */
async function seedEdits(roomId: string, author: Member, count: number): Promise<void> {
  const proposal = await server.app.ctx.models.Proposal.findOne({ roomId: new Types.ObjectId(roomId) }).lean();
  const update = Y.encodeStateAsUpdate(new Y.Doc());
  for (let i = 0; i < count; i++) {
    await server.app.ctx.models.ProposalUpdate.create({
      proposalId: proposal!._id,
      update: Buffer.from(update),
      bytes: update.byteLength,
      userId: new Types.ObjectId(author.id),
      createdAt: clock.now(),
    });
  }
}

function pick(members: Member[], sector: Sector, index = 0): Member {
  const member = members.filter((m) => m.sector === sector)[index];
  if (!member) throw new Error(`no ${sector} member #${index}`);
  return member;
}

function bySector(body: { sectors: Array<{ sector: Sector }> }) {
  return Object.fromEntries(body.sectors.map((s) => [s.sector, s])) as Record<Sector, any>;
}

describe("participation per sector", () => {
  it("counts every kind of contribution per sector, measures attendance, and warns about sectors under the floor", async () => {
    const room = await roomOfSectors(server, 2);
    const { roomId, coordinator, members } = room;
    const observer = await registeredClient(server.url, "media");
    const invite = await coordinator.client.post(`/api/rooms/${roomId}/invites`, { role: "observer" });
    expect((await observer.client.post("/api/invites/accept", { token: invite.body.token })).status).toBe(201);

    // Votes: all ten members vote on one motion (2 per sector).
    const decision = await decide(server, room, { title: "Air bersih untuk Tamalate" });
    expect(decision.outcome).toBe("adopted");
    // The proposal's seeded text was stored with the wall clock's date: move it three days before the
    // period, so the edits counted are exactly those seeded below (1 government, 2 private, 1 community).
    const proposal = await server.app.ctx.models.Proposal.findOne({ roomId: new Types.ObjectId(roomId) }).lean();
    await server.app.ctx.models.ProposalUpdate.updateMany(
      { proposalId: proposal!._id },
      { $set: { createdAt: new Date(start - 72 * 60 * minute) } },
    );
    await seedEdits(roomId, coordinator, 1);
    await seedEdits(roomId, pick(members, "private"), 2);
    await seedEdits(roomId, pick(members, "community"), 1);
    // Chat over the socket: government 4, private 3, community 2, academia 1, media 0.
    const counts: Array<[Sector, number]> = [
      ["government", 4],
      ["private", 3],
      ["community", 2],
      ["academia", 1],
    ];
    for (const [sector, times] of counts) await chat(await socketOf(pick(members, sector).accessToken), roomId, times);
    // One commitment (community) and one pledge (private).
    const community = pick(members, "community");
    expect(
      (
        await community.client.post(`/api/rooms/${roomId}/commitments`, {
          decisionSeq: decision.seq,
          what: "Kerja bakti saluran",
          ownerUserId: community.id,
          dueDate: new Date(start + 7 * 24 * 60 * minute).toISOString(),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await pick(members, "private").client.post(`/api/rooms/${roomId}/pledges`, {
          kind: "equipment",
          quantity: 2,
          unit: "pompa",
        })
      ).status,
    ).toBe(201);

    // Attendance: government in the room 0–10 min (plus a second tab 7–8 min, not counted twice),
    // community 0–5 min.
    const govTab = await socketOf(coordinator.accessToken);
    const communityTab = await socketOf(community.accessToken);
    const joinedAt = clock.now().getTime();
    okData(await request(govTab, "room:join", { roomId }));
    okData(await request(communityTab, "room:join", { roomId }));
    const intervals = () =>
      server.app.ctx.models.AttendanceInterval.find({ roomId: new Types.ObjectId(roomId) })
        .sort({ joinedAt: 1, _id: 1 })
        .lean();
    await eventually(async () => expect(await intervals()).toHaveLength(2));
    clock.advance(5 * minute);
    okData(await request(communityTab, "room:leave", { roomId }));
    clock.advance(2 * minute);
    const govSecondTab = await socketOf(coordinator.accessToken);
    okData(await request(govSecondTab, "room:join", { roomId }));
    clock.advance(minute);
    govSecondTab.close();
    await eventually(async () => expect((await intervals()).filter((i) => i.leftAt !== null)).toHaveLength(2));
    clock.advance(2 * minute);
    govTab.close();
    await eventually(async () => expect((await intervals()).filter((i) => i.leftAt !== null)).toHaveLength(3));
    const stored = await intervals();
    expect(
      stored.map((i) => [
        i.userId.toHexString(),
        i.sector,
        i.joinedAt.getTime() - joinedAt,
        i.leftAt!.getTime() - joinedAt,
      ]),
    ).toEqual([
      [coordinator.id, "government", 0, 10 * minute],
      [community.id, "community", 0, 5 * minute],
      [coordinator.id, "government", 7 * minute, 8 * minute],
    ]);

    const period = `from=${new Date(start - 60 * minute).toISOString()}&to=${new Date(start + 24 * 60 * minute).toISOString()}`;
    const read = await coordinator.client.get(`/api/rooms/${roomId}/participation?${period}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    const figures = bySector(read.body);
    const contributions = Object.fromEntries(Object.entries(figures).map(([sector, f]) => [sector, f.contributions]));
    expect(contributions).toEqual({
      government: { proposalEdits: 1, comments: 0, chatMessages: 4, votes: 2, commitments: 0, pledges: 0 },
      private: { proposalEdits: 2, comments: 0, chatMessages: 3, votes: 2, commitments: 0, pledges: 1 },
      community: { proposalEdits: 1, comments: 0, chatMessages: 2, votes: 2, commitments: 1, pledges: 0 },
      academia: { proposalEdits: 0, comments: 0, chatMessages: 1, votes: 2, commitments: 0, pledges: 0 },
      media: { proposalEdits: 0, comments: 0, chatMessages: 0, votes: 2, commitments: 0, pledges: 0 },
    });
    expect(Object.values(figures).map((f) => [f.sector, f.members, f.observers, f.total])).toEqual([
      ["government", 2, 0, 7],
      ["private", 2, 0, 8],
      ["community", 2, 0, 6],
      ["academia", 2, 0, 3],
      ["media", 2, 1, 2],
    ]);
    // Five kinds used, each weighing 1/5: government (1/4 + 4/10 + 2/10)/5 = 0.17, private
    // (2/4 + 3/10 + 2/10 + 1)/5 = 0.4, community (1/4 + 2/10 + 2/10 + 1)/5 = 0.33, academia
    // (1/10 + 2/10)/5 = 0.06, media (2/10)/5 = 0.04.
    const expectedShares = { government: 0.17, private: 0.4, community: 0.33, academia: 0.06, media: 0.04 };
    for (const [sector, share] of Object.entries(expectedShares) as Array<[Sector, number]>) {
      expect(figures[sector].contributionShare, sector).toBeCloseTo(share, 12);
      expect(figures[sector].memberShare, sector).toBe(0.2);
      expect(figures[sector].balance, sector).toBeCloseTo(share / 0.2, 12);
    }
    expect(read.body.balanceIndex).toBeCloseTo(0.67, 12);
    expect(Object.values(figures).map((f) => [f.sector, f.attendanceMs, f.membersPresent])).toEqual([
      ["government", 10 * minute, 1],
      ["private", 0, 0],
      ["community", 5 * minute, 1],
      ["academia", 0, 0],
      ["media", 0, 0],
    ]);
    expect(read.body.floorPercent).toBe(10);
    expect(read.body.warnings.map((w: { sector: string }) => w.sector)).toEqual(["academia", "media"]);
    expect(read.body.warnings[1]).toMatchObject({
      type: "symbolicParticipation",
      sector: "media",
      members: 2,
      floorPercent: 10,
    });
    expect(
      Object.values(figures)
        .filter((f) => f.belowFloor)
        .map((f) => f.sector),
    ).toEqual(["academia", "media"]);

    // Members who do not coordinate see the figures, not the warnings.
    const asParticipant = await community.client.get(`/api/rooms/${roomId}/participation?${period}`);
    expect(asParticipant.body.warnings).toBeNull();
    expect(bySector(asParticipant.body).media.contributions.votes).toBe(2);

    // The room's floor: at 5% only media (4%) is flagged; at 4% media sits exactly on it and is not.
    const participant = await community.client.patch(`/api/rooms/${roomId}/accountability-settings`, {
      symbolicFloorPercent: 5,
    });
    expect(participant.status).toBe(403);
    expect(participant.body.error.code).toBe("NOT_A_COORDINATOR");
    expect(
      (await coordinator.client.patch(`/api/rooms/${roomId}/accountability-settings`, { symbolicFloorPercent: 5 }))
        .body,
    ).toEqual({ symbolicFloorPercent: 5 });
    const atFive = await coordinator.client.get(`/api/rooms/${roomId}/participation?${period}`);
    expect(atFive.body.warnings.map((w: { sector: string }) => w.sector)).toEqual(["media"]);
    await coordinator.client.patch(`/api/rooms/${roomId}/accountability-settings`, { symbolicFloorPercent: 4 });
    const atFour = await coordinator.client.get(`/api/rooms/${roomId}/participation?${period}`);
    expect(atFour.body.warnings).toEqual([]);
    expect((await community.client.get(`/api/rooms/${roomId}/accountability-settings`)).body).toEqual({
      symbolicFloorPercent: 4,
    });
    const settingsAudit = await server.app.ctx.models.AuditEntry.find({
      roomId: new Types.ObjectId(roomId),
      action: "settings.changed",
    })
      .sort({ at: 1, _id: 1 })
      .lean();
    expect(settingsAudit.map((e) => [e.before, e.after])).toEqual([
      [{ symbolicFloorPercent: 10 }, { symbolicFloorPercent: 5 }],
      [{ symbolicFloorPercent: 5 }, { symbolicFloorPercent: 4 }],
    ]);

    // A period before any of it: no contributions, no shares, no warnings, no attendance.
    const before = await coordinator.client.get(
      `/api/rooms/${roomId}/participation?from=${new Date(start - 48 * 60 * minute).toISOString()}&to=${new Date(start - 24 * 60 * minute).toISOString()}`,
    );
    expect(before.body.sectors.map((s: { total: number; attendanceMs: number }) => s.total + s.attendanceMs)).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect(before.body.warnings).toEqual([]);
    expect(before.body.balanceIndex).toBeNull();
  });

  it("warns about a sector under 10% and not about one exactly at 10%, naming the sector", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "community", role: "participant" },
    ]);
    const [gov, comm] = [members[0]!, members[1]!];
    const govSocket = await socketOf(gov.token);
    await chat(govSocket, roomId, 9);
    await chat(await socketOf(comm.token), roomId, 1);
    const atTen = await gov.api.get(`/api/rooms/${roomId}/participation`);
    expect(bySector(atTen.body).community).toMatchObject({
      members: 1,
      contributionShare: 0.1,
      belowFloor: false,
      contributions: { chatMessages: 1 },
    });
    expect(atTen.body.warnings).toEqual([]);

    await chat(govSocket, roomId, 1);
    const under = await gov.api.get(`/api/rooms/${roomId}/participation`);
    expect(under.body.warnings).toEqual([
      { type: "symbolicParticipation", sector: "community", members: 1, contributionShare: 1 / 11, floorPercent: 10 },
    ]);
    // Sectors without members are never flagged, however little they contribute.
    expect(bySector(under.body).media).toMatchObject({
      members: 0,
      contributionShare: 0,
      belowFloor: false,
      balance: null,
    });
  });

  it("defaults to the last 30 days, refuses a reversed period, and shows the stage with its history", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
    ]);
    const coordinator = members[0]!;
    clock.advance(minute);
    expect((await coordinator.api.patch(`/api/rooms/${roomId}/stage`, { stage: "formation" })).status).toBe(200);
    clock.advance(minute);
    expect((await coordinator.api.patch(`/api/rooms/${roomId}/stage`, { stage: "growth" })).status).toBe(200);
    const now = clock.now();
    const read = await members[1]!.api.get(`/api/rooms/${roomId}/participation`);
    expect(read.status).toBe(200);
    expect(read.body.to).toBe(now.toISOString());
    expect(read.body.from).toBe(new Date(now.getTime() - 30 * 24 * 60 * minute).toISOString());
    expect(read.body.stage).toBe("growth");
    expect(read.body.stageHistory).toEqual([
      {
        from: "exploration",
        to: "formation",
        at: new Date(now.getTime() - minute).toISOString(),
        by: expect.objectContaining({ id: coordinator.userId }),
      },
      {
        from: "formation",
        to: "growth",
        at: now.toISOString(),
        by: expect.objectContaining({ id: coordinator.userId }),
      },
    ]);

    const reversed = await coordinator.api.get(
      `/api/rooms/${roomId}/participation?from=${now.toISOString()}&to=${new Date(now.getTime() - 1).toISOString()}`,
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: [{ path: "from", message: "must be before to", code: "custom", rule: "periodReversed" }],
    });
    const notADate = await coordinator.api.get(`/api/rooms/${roomId}/participation?from=yesterday`);
    expect(notADate.status).toBe(400);
    expect(notADate.body.error.details[0].path).toBe("from");
    const outsider = await registeredClient(server.url, "media");
    const refused = await outsider.client.get(`/api/rooms/${roomId}/participation`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("NOT_A_MEMBER");
  });
});

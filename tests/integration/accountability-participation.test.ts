// The participation insight over the real server: acts per sector from real activity (votes over HTTP,
// chat and comments over the socket, stored proposal edits counted as editing sessions, motions opened,
// invites, a commitment, a pledge), live attendance recorded from the socket.io adapter's join/leave
// events and measured with the injected clock, the quiet sectors (rule: shared/src/rules/README.md,
// "Participation"), the room's quiet percentage, and the stage history. The reported room: a government
// whose coordinator only edits and opens motions is not flagged; the sector that did nothing is, in words.
import type { Sector } from "@mufakat/shared";
import { randomUUID } from "node:crypto";
import { Types, trusted } from "mongoose";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { decide } from "../utils/accountability.ts";
import { registeredClient } from "../utils/api.ts";
import { testClock } from "../utils/clock.ts";
import { type Member, roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { serverForSuite } from "../utils/server.ts";
import { formatters, translator } from "../../client/src/i18n/translate.ts";
import { quietSectorSentence } from "../../client/src/features/accountability/participationWords.ts";
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

/** Stored edits as the update log holds them (what a live edit stores), by `authorId`, at the given instants. */
async function storeEdits(proposalId: Types.ObjectId, authorId: string, at: number[]): Promise<void> {
  const update = Y.encodeStateAsUpdate(new Y.Doc());
  await server.app.ctx.models.ProposalUpdate.insertMany(
    at.map((time) => ({
      proposalId,
      update: Buffer.from(update),
      bytes: update.byteLength,
      userId: new Types.ObjectId(authorId),
      createdAt: new Date(time),
    })),
  );
}

/** Stored edits by `author` on the room's first proposal, at the clock's now. */
async function seedEdits(roomId: string, author: Member, count: number): Promise<void> {
  const proposal = await server.app.ctx.models.Proposal.findOne({ roomId: new Types.ObjectId(roomId) }).lean();
  await storeEdits(
    proposal!._id,
    author.id,
    Array.from({ length: count }, () => clock.now().getTime()),
  );
}

const english = { t: translator("en"), format: formatters("en") };
const indonesian = { t: translator("id"), format: formatters("id") };

function pick(members: Member[], sector: Sector, index = 0): Member {
  const member = members.filter((m) => m.sector === sector)[index];
  if (!member) throw new Error(`no ${sector} member #${index}`);
  return member;
}

function bySector(body: { sectors: Array<{ sector: Sector }> }) {
  return Object.fromEntries(body.sectors.map((s) => [s.sector, s])) as Record<Sector, any>;
}

describe("participation per sector", () => {
  it("counts every kind of act per sector, measures attendance, and flags the sector quiet for its members", async () => {
    const room = await roomOfSectors(server, 2);
    const { roomId, coordinator, members } = room;
    const observer = await registeredClient(server.url, "media");
    const invite = await coordinator.client.post(`/api/rooms/${roomId}/invites`, { role: "observer" });
    expect((await observer.client.post("/api/invites/accept", { token: invite.body.token })).status).toBe(201);

    // Votes: all ten members vote on one motion (2 per sector), which the coordinator opened.
    const decision = await decide(server, room, { title: "Air bersih untuk Tamalate" });
    expect(decision.outcome).toBe("adopted");
    // The proposal's seeded text was stored with the wall clock's date: move it three days before the
    // period, so the edits counted are exactly those seeded below: one session each for government and
    // community, and one for private's two updates at the same instant.
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
    // The stays as they ended: each closed record (it supersedes the open one stored at the join).
    const stored = (await intervals()).filter((i) => i.closes !== null);
    expect(
      stored.map((i) => [
        i.userId.toHexString(),
        i.sector,
        i.joinedAt.getTime() - joinedAt,
        i.leftAt!.getTime() - joinedAt,
      ]),
    ).toEqual([
      // By start, then in the order the stays ended (a closed record's _id is made at the leave).
      [community.id, "community", 0, 5 * minute],
      [coordinator.id, "government", 0, 10 * minute],
      [coordinator.id, "government", 7 * minute, 8 * minute],
    ]);

    const period = `from=${new Date(start - 60 * minute).toISOString()}&to=${new Date(start + 24 * 60 * minute).toISOString()}`;
    const read = await coordinator.client.get(`/api/rooms/${roomId}/participation?${period}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    const figures = bySector(read.body);
    const acts = Object.fromEntries(Object.entries(figures).map(([sector, f]) => [sector, f.acts]));
    const none = { editingSessions: 0, comments: 0, chatMessages: 0, votes: 0, commitments: 0, pledges: 0 };
    const noCoordination = { motionsOpened: 0, stageChanges: 0, versionsSaved: 0, invites: 0 };
    expect(acts).toEqual({
      // The coordinator opened the motion and invited the observer.
      government: {
        ...none,
        editingSessions: 1,
        chatMessages: 4,
        votes: 2,
        motionsOpened: 1,
        stageChanges: 0,
        versionsSaved: 0,
        invites: 1,
      },
      private: { ...none, ...noCoordination, editingSessions: 1, chatMessages: 3, votes: 2, pledges: 1 },
      community: { ...none, ...noCoordination, editingSessions: 1, chatMessages: 2, votes: 2, commitments: 1 },
      academia: { ...none, ...noCoordination, chatMessages: 1, votes: 2 },
      media: { ...none, ...noCoordination, votes: 2 },
    });
    // 27 acts by 10 writing members: each sector (2 members) would make 5.4 in proportion; at the default
    // 50 % it is flagged below ⌈2.7⌉ = 3 acts. Academia (3) is not; media (2) is.
    expect([
      read.body.writingMembers,
      read.body.roomActs,
      read.body.minimumActs,
      read.body.judged,
      read.body.quietPercent,
    ]).toEqual([10, 27, 10, true, 50]);
    expect(
      Object.values(figures).map((f) => [
        f.sector,
        f.members,
        f.observers,
        f.total,
        f.expectedActs,
        f.flaggedBelow,
        f.proportionPercent,
        f.quiet,
      ]),
    ).toEqual([
      ["government", 2, 0, 9, 5.4, 3, 166, false],
      ["private", 2, 0, 7, 5.4, 3, 129, false],
      ["community", 2, 0, 6, 5.4, 3, 111, false],
      ["academia", 2, 0, 3, 5.4, 3, 55, false],
      ["media", 2, 1, 2, 5.4, 3, 37, true],
    ]);
    expect(Object.values(figures).map((f) => [f.actShare, f.memberShare])).toEqual(
      [9, 7, 6, 3, 2].map((a) => [a / 27, 0.2]),
    );
    // 1 - ½·(3.6 + 1.6 + 0.6 + 2.4 + 3.4)/27
    expect(read.body.balanceIndex).toBeCloseTo(1 - 5.8 / 27, 12);
    expect(Object.values(figures).map((f) => [f.sector, f.attendanceMs, f.membersPresent])).toEqual([
      ["government", 10 * minute, 1],
      ["private", 0, 0],
      ["community", 5 * minute, 1],
      ["academia", 0, 0],
      ["media", 0, 0],
    ]);
    expect(read.body.periodDays).toBe(2);
    expect(read.body.warnings).toEqual([
      {
        type: "symbolicParticipation",
        sector: "media",
        members: 2,
        writingMembers: 10,
        acts: { ...none, ...noCoordination, votes: 2 },
        total: 2,
        roomActs: 27,
        flaggedBelow: 3,
        quietPercent: 50,
      },
    ]);
    expect(quietSectorSentence(read.body.warnings[0], read.body.periodDays, english.t, english.format)).toBe(
      "Media: 2 of 10 members, 2 votes, no editing sessions, comments, chat, commitments or pledges in 2 days.",
    );

    // Members who do not coordinate see the figures, not the warnings.
    const asParticipant = await community.client.get(`/api/rooms/${roomId}/participation?${period}`);
    expect(asParticipant.body.warnings).toBeNull();
    expect(bySector(asParticipant.body).media.acts.votes).toBe(2);

    // A room that had set the old floor: its value means nothing now; the room reads the default until
    // the next save, which removes the old field.
    const settingsCollection = server.connection.collection("accountabilitysettings");
    await settingsCollection.insertOne({
      roomId: new Types.ObjectId(roomId),
      symbolicFloorPercent: 5,
      updatedAt: clock.now(),
    });
    expect((await coordinator.client.get(`/api/rooms/${roomId}/accountability-settings`)).body).toEqual({
      quietPercent: 50,
    });

    // The room's quiet percentage: at 56 % academia (3 of 5.4, 55 % of proportion) is flagged too; at 55 %
    // its line is ⌈2.97⌉ = 3 and it is not. Participants may not change it; the old field is refused.
    const participant = await community.client.patch(`/api/rooms/${roomId}/accountability-settings`, {
      quietPercent: 56,
    });
    expect(participant.status).toBe(403);
    expect(participant.body.error.code).toBe("NOT_A_COORDINATOR");
    const oldField = await coordinator.client.patch(`/api/rooms/${roomId}/accountability-settings`, {
      symbolicFloorPercent: 5,
    });
    expect(oldField.status).toBe(400);
    expect(oldField.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: [
        { path: "quietPercent", code: "invalid_type" },
        { code: "unrecognized_keys", keys: ["symbolicFloorPercent"] },
      ],
    });
    const outOfRange = await coordinator.client.patch(`/api/rooms/${roomId}/accountability-settings`, {
      quietPercent: 0,
    });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error.details).toMatchObject([{ path: "quietPercent", code: "too_small", minimum: 1 }]);
    expect(
      (await coordinator.client.patch(`/api/rooms/${roomId}/accountability-settings`, { quietPercent: 56 })).body,
    ).toEqual({ quietPercent: 56 });
    const at56 = await coordinator.client.get(`/api/rooms/${roomId}/participation?${period}`);
    expect(at56.body.warnings.map((w: { sector: string; flaggedBelow: number }) => [w.sector, w.flaggedBelow])).toEqual(
      [
        ["academia", 4],
        ["media", 4],
      ],
    );
    await coordinator.client.patch(`/api/rooms/${roomId}/accountability-settings`, { quietPercent: 55 });
    const at55 = await coordinator.client.get(`/api/rooms/${roomId}/participation?${period}`);
    expect(at55.body.warnings.map((w: { sector: string }) => w.sector)).toEqual(["media"]);
    expect(bySector(at55.body).academia).toMatchObject({
      total: 3,
      flaggedBelow: 3,
      proportionPercent: 55,
      quiet: false,
    });
    expect((await community.client.get(`/api/rooms/${roomId}/accountability-settings`)).body).toEqual({
      quietPercent: 55,
    });
    const storedSettings = await settingsCollection.findOne({ roomId: new Types.ObjectId(roomId) });
    expect([storedSettings?.quietPercent, "symbolicFloorPercent" in (storedSettings ?? {})]).toEqual([55, false]);
    const settingsAudit = await server.app.ctx.models.AuditEntry.find({
      roomId: new Types.ObjectId(roomId),
      action: "settings.changed",
    })
      .sort({ at: 1, _id: 1 })
      .lean();
    expect(settingsAudit.map((e) => [e.before, e.after])).toEqual([
      [{ quietPercent: 50 }, { quietPercent: 56 }],
      [{ quietPercent: 56 }, { quietPercent: 55 }],
    ]);

    // A period before any of it: no acts, nothing judged, no warnings, no attendance.
    const before = await coordinator.client.get(
      `/api/rooms/${roomId}/participation?from=${new Date(start - 48 * 60 * minute).toISOString()}&to=${new Date(start - 24 * 60 * minute).toISOString()}`,
    );
    expect(before.body.sectors.map((s: { total: number; attendanceMs: number }) => s.total + s.attendanceMs)).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect([before.body.roomActs, before.body.judged, before.body.warnings, before.body.balanceIndex]).toEqual([
      0,
      false,
      [],
      null,
    ]);
  });

  it("flags a sector under its line and not one exactly on it, counting the coordinator's invite", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "community", role: "participant" },
    ]);
    const [gov, comm] = [members[0]!, members[1]!];
    const govSocket = await socketOf(gov.token);
    // Government: the invite that brought community in, and 11 chat messages; community: 4.
    await chat(govSocket, roomId, 11);
    await chat(await socketOf(comm.token), roomId, 4);
    // 16 acts, 1 of 2 members: 8 in proportion, flagged below ⌈4⌉ = 4; community's 4 are exactly 50 %.
    const onTheLine = await gov.api.get(`/api/rooms/${roomId}/participation`);
    expect([onTheLine.body.roomActs, onTheLine.body.judged]).toEqual([16, true]);
    expect(bySector(onTheLine.body).government.acts).toMatchObject({ chatMessages: 11, invites: 1 });
    expect(bySector(onTheLine.body).community).toMatchObject({
      members: 1,
      total: 4,
      expectedActs: 8,
      flaggedBelow: 4,
      proportionPercent: 50,
      quiet: false,
    });
    expect(onTheLine.body.warnings).toEqual([]);

    // One more message from government: 17 acts, flagged below ⌈4.25⌉ = 5; community (47 %) is flagged.
    await chat(govSocket, roomId, 1);
    const under = await gov.api.get(`/api/rooms/${roomId}/participation`);
    expect(bySector(under.body).community).toMatchObject({ flaggedBelow: 5, proportionPercent: 47, quiet: true });
    expect(under.body.warnings.map((w: { sector: string }) => w.sector)).toEqual(["community"]);
    expect(quietSectorSentence(under.body.warnings[0], under.body.periodDays, indonesian.t, indonesian.format)).toBe(
      "Masyarakat: 1 dari 2 anggota, 4 pesan obrolan, tanpa sesi penyuntingan, komentar, suara, komitmen, atau janji sumber daya dalam 30 hari.",
    );
    // Sectors without members are never flagged, whatever they do.
    expect(bySector(under.body).media).toMatchObject({
      members: 0,
      total: 0,
      flaggedBelow: null,
      proportionPercent: null,
      quiet: false,
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

describe("the reported room: a government that edits and opens motions", () => {
  it("does not flag government, flags the sector that did nothing, and says so in words", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "government", role: "participant" },
      { sector: "private", role: "participant" },
      { sector: "private", role: "participant" },
      { sector: "community", role: "participant" },
      { sector: "community", role: "participant" },
      { sector: "academia", role: "participant" },
      { sector: "academia", role: "participant" },
    ]);
    const memberAt = (index: number) => {
      const member = members[index];
      if (!member) throw new Error(`no member #${index}`);
      return member;
    };
    const [coordinator, private1, private2, community1, community2] = [0, 2, 3, 4, 5].map(memberAt) as [
      ReturnType<typeof memberAt>,
      ReturnType<typeof memberAt>,
      ReturnType<typeof memberAt>,
      ReturnType<typeof memberAt>,
      ReturnType<typeof memberAt>,
    ];
    // Two proposals whose texts were written before the period (seeded with the wall clock's date).
    const texts = ["Jadwal distribusi air", "Tarif air bersih"];
    const proposalIds: string[] = [];
    for (const text of texts) proposalIds.push(await seedProposal(server, roomId, coordinator.userId, text));
    const [first, second] = proposalIds.map((id) => new Types.ObjectId(id)) as [Types.ObjectId, Types.ObjectId];
    await server.app.ctx.models.ProposalUpdate.updateMany(
      { proposalId: trusted({ $in: [first, second] }) },
      { $set: { createdAt: new Date(clock.now().getTime() - 40 * 24 * 60 * minute) } },
    );

    // The period starts after the invites that filled the room: 30 days from here.
    clock.advance(minute);
    const from = clock.now().getTime();
    const period = `from=${new Date(from).toISOString()}&to=${new Date(from + 30 * 24 * 60 * minute).toISOString()}`;

    // Edits (stored at their own instants, later in the period, so the access tokens stay fresh): the
    // coordinator's 30 updates in three sessions (a minute apart within, an hour between), private's 60
    // in one: the coordinator made a third of all stored updates.
    const session = (start: number, count: number, stepMs: number) =>
      Array.from({ length: count }, (_, i) => from + start + i * stepMs);
    await storeEdits(first, coordinator.userId, session(0, 10, minute));
    await storeEdits(first, coordinator.userId, session(60 * minute, 10, minute));
    await storeEdits(second, coordinator.userId, session(120 * minute, 10, minute));
    await storeEdits(first, private1.userId, session(5 * minute, 60, 10_000));

    // The coordinator opens both motions; private and community vote on the first (one changes position).
    const motionIds: string[] = [];
    for (const proposalId of proposalIds) {
      const opened = await coordinator.api.post(`/api/rooms/${roomId}/motions`, { proposalId, durationMinutes: 600 });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      motionIds.push(opened.body.id);
    }
    const vote = async (member: ReturnType<typeof memberAt>, position: string) => {
      const cast = await member.api.post(`/api/motions/${motionIds[0]}/votes`, {
        position,
        clientVoteId: randomUUID(),
        ...(position === "support" ? {} : { reason: "Perlu kajian biaya" }),
      });
      expect(cast.status, JSON.stringify(cast.body)).toBe(200);
    };
    await vote(private1, "support");
    await vote(private1, "object");
    await vote(private2, "support");
    await vote(community1, "support");
    await vote(community2, "support");

    // Private: a comment and 4 chat messages; community: 3 chat messages and a pledge.
    const privateSocket = await socketOf(private1.token);
    okData(
      await request(privateSocket, "comment:post", { proposalId: first.toHexString(), body: "Jam pagi terlalu awal." }),
    );
    await chat(privateSocket, roomId, 4);
    await chat(await socketOf(community1.token), roomId, 3);
    const pledge = await community2.api.post(`/api/rooms/${roomId}/pledges`, {
      kind: "peopleTime",
      quantity: 12,
      unit: "jam",
    });
    expect(pledge.status, JSON.stringify(pledge.body)).toBe(201);

    const read = await coordinator.api.get(`/api/rooms/${roomId}/participation?${period}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    const figures = bySector(read.body);
    expect(Object.values(figures).map((f) => [f.sector, f.members, f.total])).toEqual([
      ["government", 2, 5],
      ["private", 2, 8],
      ["community", 2, 6],
      ["academia", 2, 0],
      ["media", 0, 0],
    ]);
    expect(figures.government.acts).toMatchObject({ editingSessions: 3, motionsOpened: 2, votes: 0, chatMessages: 0 });
    expect(figures.private.acts).toMatchObject({ editingSessions: 1, comments: 1, chatMessages: 4, votes: 2 });
    expect(figures.community.acts).toMatchObject({ chatMessages: 3, votes: 2, pledges: 1 });
    // The README's first worked example: 19 acts by 8 writing members, flagged below ⌈2.375⌉ = 3.
    expect([read.body.writingMembers, read.body.roomActs, read.body.minimumActs, read.body.judged]).toEqual([
      8,
      19,
      10,
      true,
    ]);
    expect(Object.values(figures).map((f) => [f.sector, f.expectedActs, f.flaggedBelow, f.proportionPercent])).toEqual([
      ["government", 4.75, 3, 105],
      ["private", 4.75, 3, 168],
      ["community", 4.75, 3, 126],
      ["academia", 4.75, 3, 0],
      ["media", 0, null, null],
    ]);
    expect(figures.government.quiet).toBe(false);
    expect(read.body.balanceIndex).toBeCloseTo(0.75, 12);
    expect(read.body.warnings.map((w: { sector: string }) => w.sector)).toEqual(["academia"]);
    expect(read.body.periodDays).toBe(30);
    expect(quietSectorSentence(read.body.warnings[0], read.body.periodDays, english.t, english.format)).toBe(
      "Academia: 2 of 8 members, no editing sessions, comments, chat, votes, commitments or pledges in 30 days.",
    );
    expect(quietSectorSentence(read.body.warnings[0], read.body.periodDays, indonesian.t, indonesian.format)).toBe(
      "Akademisi: 2 dari 8 anggota, tanpa sesi penyuntingan, komentar, obrolan, suara, komitmen, atau janji sumber daya dalam 30 hari.",
    );

    // Compaction merges the log into the snapshot: the sessions it kept count the same.
    await server.app.realtime.hub.compact(first);
    await server.app.realtime.hub.compact(second);
    expect(
      await server.app.ctx.models.ProposalUpdate.countDocuments({ proposalId: trusted({ $in: [first, second] }) }),
    ).toBe(0);
    const afterCompaction = await coordinator.api.get(`/api/rooms/${roomId}/participation?${period}`);
    expect(bySector(afterCompaction.body).government.acts.editingSessions).toBe(3);
    expect(bySector(afterCompaction.body).private.acts.editingSessions).toBe(1);
    expect(afterCompaction.body.warnings).toEqual(read.body.warnings);
  });

  it("judges no sector over a period with too little activity", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
      { sector: "academia", role: "participant" },
    ]);
    // Two invites and three chat messages: 5 acts, fewer than the 10 a period needs.
    await chat(await socketOf(members[1]!.token), roomId, 3);
    const read = await members[0]!.api.get(`/api/rooms/${roomId}/participation`);
    expect([read.body.roomActs, read.body.minimumActs, read.body.judged, read.body.warnings]).toEqual([
      5,
      10,
      false,
      [],
    ]);
    expect(bySector(read.body).academia).toMatchObject({ total: 0, flaggedBelow: null, quiet: false });
  });
});

// Opinion groups over the real server (issue 16): statements written and voted on over HTTP, a small
// room whose groups are planted and recovered exactly (members, sectors, consensus and divisive
// statements), the groups recomputed after the next vote, secret ballots naming nobody, and bad input
// refused with its exact status and code, storing nothing.
import { Types } from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import { registeredClient } from "../utils/api.ts";
import { testClock } from "../utils/clock.ts";
import { type Member, roomOfSectors } from "../utils/deliberation.ts";
import { type TestServer, serverForSuite } from "../utils/server.ts";

const server = serverForSuite({ motionSweepMs: 0 });

type Vote = "agree" | "disagree" | "pass";
const asVote = (cell: number): Vote => (cell === 1 ? "agree" : cell === -1 ? "disagree" : "pass");

// The stances of three planted groups on eight statements (as in server/src/opinions/groupOpinions.test.ts):
// statements 0 and 6 every group agrees with; every other one divides them.
const stances = {
  A: [1, 1, 1, -1, -1, 1, 1, -1],
  B: [1, 1, -1, 1, -1, -1, 1, 1],
  C: [1, -1, -1, 1, 1, 1, 1, -1],
};
const texts = [
  "Air bersih adalah hak setiap warga",
  "Pipa baru dibiayai APBD",
  "Swasta mengelola instalasi",
  "Tarif naik untuk industri",
  "Sumur warga tetap dipakai",
  "Kampus mengukur mutu air",
  "Jadwal perbaikan diumumkan",
  "Media meliput setiap rapat",
];

async function vote(member: Member, statementId: string, value: Vote) {
  const response = await member.client.post(`/api/opinion-statements/${statementId}/votes`, { vote: value });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

describe("opinion groups of a planted room", () => {
  let roomId = "";
  let members: Member[] = [];
  let statementIds: string[] = [];
  // members: 0 government (coordinator), 1 government, 2–3 private, 4–5 community, 6–7 academia, 8–9 media.
  const plan = { A: [0, 2, 4, 6], B: [1, 3, 8], C: [5, 9] } as const;
  const few = 7;
  const idsOf = (indexes: readonly number[]) => indexes.map((index) => members[index]!.id).sort();

  beforeAll(async () => {
    const room = await roomOfSectors(server, 2);
    roomId = room.roomId;
    members = room.members;
    statementIds = [];
    for (const [index, text] of texts.entries()) {
      const author = members[index % members.length]!;
      const created = await author.client.post(`/api/rooms/${roomId}/opinion-statements`, { text });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        roomId,
        authorId: author.id,
        sector: author.sector,
        text,
        createdAt: expect.any(String),
        votes: { agree: 0, disagree: 0, pass: 0 },
        myVote: null,
      });
      statementIds.push(created.body.id);
    }
    for (const [group, indexes] of Object.entries(plan) as [keyof typeof stances, readonly number[]][]) {
      for (const index of indexes) {
        for (const [s, cell] of stances[group].entries()) await vote(members[index]!, statementIds[s]!, asVote(cell));
      }
    }
    // Three votes, fewer than the seven needed: counted, not grouped. The first was changed: the latest counts.
    await vote(members[few]!, statementIds[0]!, "disagree");
    await vote(members[few]!, statementIds[0]!, "agree");
    await vote(members[few]!, statementIds[1]!, "pass");
    await vote(members[few]!, statementIds[2]!, "agree");
  });

  it("counts each voter's latest vote per statement and shows the caller's own", async () => {
    const listed = await members[few]!.client.get(`/api/rooms/${roomId}/opinion-statements`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((statement: { id: string }) => statement.id)).toEqual(statementIds);
    // Statement 0: all nine grouped members agree, and member 7's latest vote is agree.
    expect(listed.body[0]).toMatchObject({
      text: texts[0],
      votes: { agree: 10, disagree: 0, pass: 0 },
      myVote: "agree",
    });
    // Statement 1: A and B agree (7), C disagrees (2), member 7 passes.
    expect(listed.body[1]).toMatchObject({ votes: { agree: 7, disagree: 2, pass: 1 }, myVote: "pass" });
    expect(listed.body[3]).toMatchObject({ votes: { agree: 5, disagree: 4, pass: 0 }, myVote: null });
  });

  it("recovers the planted groups exactly, with their sectors, consensus and divisive statements", async () => {
    const response = await members[1]!.client.get(`/api/rooms/${roomId}/opinion-groups`);
    expect(response.status).toBe(200);
    const groups = response.body;
    expect(groups).toMatchObject({
      roomId,
      statementCount: 8,
      participantCount: 10,
      groupedCount: 9,
      minVotesToGroup: 7,
      silhouette: 1,
    });
    expect(
      groups.groups.map((group: { id: number; label: string; size: number; members: string[] }) => ({
        id: group.id,
        label: group.label,
        size: group.size,
        members: group.members,
      })),
    ).toEqual([
      { id: 0, label: "A", size: 4, members: idsOf(plan.A) },
      { id: 1, label: "B", size: 3, members: idsOf(plan.B) },
      { id: 2, label: "C", size: 2, members: idsOf(plan.C) },
    ]);
    expect(groups.groups.map((group: { sectors: unknown }) => group.sectors)).toEqual([
      { government: 1, private: 1, community: 1, academia: 1, media: 0 },
      { government: 1, private: 1, community: 0, academia: 0, media: 1 },
      { government: 0, private: 0, community: 1, academia: 0, media: 1 },
    ]);
    expect(groups.ungrouped).toEqual({
      count: 1,
      sectors: { government: 0, private: 0, community: 0, academia: 1, media: 0 },
    });
    const me = groups.participants.filter((participant: { isMe: boolean }) => participant.isMe);
    expect(me).toEqual([
      {
        userId: members[1]!.id,
        isMe: true,
        sector: "government",
        votes: 8,
        group: 1,
        point: groups.groups[1].centroid,
      },
    ]);
    const fewVoter = groups.participants.find(
      (participant: { userId: string }) => participant.userId === members[few]!.id,
    );
    expect(fewVoter).toEqual({
      userId: members[few]!.id,
      isMe: false,
      sector: "academia",
      votes: 3,
      group: null,
      point: null,
    });

    expect(groups.consensus).toEqual([
      { statementId: statementIds[0], direction: "agree", minShare: 1 },
      { statementId: statementIds[6], direction: "agree", minShare: 1 },
    ]);
    expect(groups.divisive).toEqual([
      { statementId: statementIds[1], spread: 1, mostAgreeing: 0, leastAgreeing: 2 },
      { statementId: statementIds[2], spread: 1, mostAgreeing: 0, leastAgreeing: 1 },
      { statementId: statementIds[3], spread: 1, mostAgreeing: 1, leastAgreeing: 0 },
      { statementId: statementIds[4], spread: 1, mostAgreeing: 2, leastAgreeing: 0 },
      { statementId: statementIds[5], spread: 1, mostAgreeing: 0, leastAgreeing: 1 },
      { statementId: statementIds[7], spread: 1, mostAgreeing: 1, leastAgreeing: 0 },
    ]);
    // Per statement: everyone's votes, and each group's (the ungrouped voter's only in the first).
    expect(groups.statements[1]).toEqual({
      statementId: statementIds[1],
      text: texts[1],
      sector: members[1]!.sector,
      votes: { agree: 7, disagree: 2, pass: 1 },
      groups: [
        { agree: 4, disagree: 0, pass: 0, agreementShare: 1 },
        { agree: 3, disagree: 0, pass: 0, agreementShare: 1 },
        { agree: 0, disagree: 2, pass: 0, agreementShare: 0 },
      ],
    });
  });

  it("keeps the groups until the next vote, then groups again", async () => {
    const before = await members[0]!.client.get(`/api/rooms/${roomId}/opinion-groups`);
    const again = await members[0]!.client.get(`/api/rooms/${roomId}/opinion-groups`);
    expect(again.body).toEqual(before.body);
    // Member 7 votes on the rest as group A does: now grouped, in A.
    for (const s of [3, 4, 5, 6, 7]) await vote(members[few]!, statementIds[s]!, asVote(stances.A[s]!));
    const after = await members[0]!.client.get(`/api/rooms/${roomId}/opinion-groups`);
    expect(after.body.groupedCount).toBe(10);
    expect(after.body.ungrouped.count).toBe(0);
    expect(after.body.groups.map((group: { members: string[] }) => group.members)).toEqual([
      idsOf([...plan.A, few]),
      idsOf(plan.B),
      idsOf(plan.C),
    ]);
  });

  it("names nobody but the caller in a room with secret ballots", async () => {
    const settings = await members[0]!.client.patch(`/api/rooms/${roomId}/decision-settings`, { secretBallots: true });
    expect(settings.status).toBe(200);
    const response = await members[2]!.client.get(`/api/rooms/${roomId}/opinion-groups`);
    expect(response.status).toBe(200);
    expect(
      response.body.groups.map((group: { members: string[]; size: number }) => [group.members, group.size]),
    ).toEqual([
      [[], 5],
      [[], 3],
      [[], 2],
    ]);
    const named = response.body.participants.filter((participant: { userId: string | null }) => participant.userId);
    expect(named).toEqual([expect.objectContaining({ userId: members[2]!.id, isMe: true, group: 0 })]);
  });
});

describe("bad input to opinion statements", () => {
  let room: Awaited<ReturnType<typeof roomOfSectors>>;
  let statementId = "";
  const stored = async () => ({
    statements: await server.app.ctx.models.OpinionStatement.countDocuments({}),
    votes: await server.app.ctx.models.StatementVote.countDocuments({}),
  });

  beforeAll(async () => {
    room = await roomOfSectors(server, 1);
    const created = await room.coordinator.client.post(`/api/rooms/${room.roomId}/opinion-statements`, {
      text: "x".repeat(140),
    });
    expect(created.status).toBe(201);
    statementId = created.body.id;
  });

  it("refuses an empty or too long statement, by field, storing nothing", async () => {
    const before = await stored();
    const { client } = room.coordinator;
    const path = `/api/rooms/${room.roomId}/opinion-statements`;
    for (const body of [{ text: "   " }, { text: "x".repeat(141) }, {}, { text: "ok", extra: 1 }]) {
      const response = await client.post(path, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
    }
    const empty = await client.post(path, { text: "   " });
    expect(empty.body.error.details).toEqual([expect.objectContaining({ path: "text", code: "too_small" })]);
    const long = await client.post(path, { text: "x".repeat(141) });
    expect(long.body.error.details).toEqual([expect.objectContaining({ path: "text", code: "too_big", maximum: 140 })]);
    expect(await stored()).toEqual(before);
  });

  it("refuses a vote outside agree, disagree and pass, and a statement that does not exist, storing nothing", async () => {
    const before = await stored();
    const { client } = room.coordinator;
    const maybe = await client.post(`/api/opinion-statements/${statementId}/votes`, { vote: "maybe" });
    expect(maybe.status).toBe(400);
    expect(maybe.body.error.code).toBe("VALIDATION_FAILED");
    expect(maybe.body.error.details).toEqual([
      expect.objectContaining({ path: "vote", code: "invalid_value", values: ["agree", "disagree", "pass"] }),
    ]);
    for (const id of [new Types.ObjectId().toHexString(), "not-an-id"]) {
      const unknown = await client.post(`/api/opinion-statements/${id}/votes`, { vote: "agree" });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe("OPINION_STATEMENT_NOT_FOUND");
    }
    const unknownRoom = await client.get(`/api/rooms/${new Types.ObjectId().toHexString()}/opinion-groups`);
    expect(unknownRoom.status).toBe(404);
    expect(unknownRoom.body.error.code).toBe("ROOM_NOT_FOUND");
    expect(await stored()).toEqual(before);
  });

  it("refuses non-members everything and observers writing and voting, storing nothing", async () => {
    const before = await stored();
    const outsider = await registeredClient(server.url, "media");
    const observer = await registeredClient(server.url, "academia");
    const invite = await room.coordinator.client.post(`/api/rooms/${room.roomId}/invites`, { role: "observer" });
    expect((await observer.client.post("/api/invites/accept", { token: invite.body.token })).status).toBe(201);

    const attempts = [
      { who: outsider, method: "post", path: `/api/rooms/${room.roomId}/opinion-statements`, body: { text: "Saya" } },
      { who: outsider, method: "post", path: `/api/opinion-statements/${statementId}/votes`, body: { vote: "agree" } },
      { who: outsider, method: "get", path: `/api/rooms/${room.roomId}/opinion-statements` },
      { who: outsider, method: "get", path: `/api/rooms/${room.roomId}/opinion-groups` },
    ] as const;
    for (const attempt of attempts) {
      const response =
        attempt.method === "post"
          ? await attempt.who.client.post(attempt.path, attempt.body)
          : await attempt.who.client.get(attempt.path);
      expect(response.status, attempt.path).toBe(403);
      expect(response.body.error.code).toBe("NOT_A_MEMBER");
    }
    const written = await observer.client.post(`/api/rooms/${room.roomId}/opinion-statements`, { text: "Saya" });
    expect(written.status).toBe(403);
    expect(written.body.error.code).toBe("READ_ONLY_ROLE");
    const voted = await observer.client.post(`/api/opinion-statements/${statementId}/votes`, { vote: "pass" });
    expect(voted.status).toBe(403);
    expect(voted.body.error.code).toBe("READ_ONLY_ROLE");
    // Observers read: the statements, and groups of nobody yet (one statement, no votes).
    expect((await observer.client.get(`/api/rooms/${room.roomId}/opinion-statements`)).status).toBe(200);
    const groups = await observer.client.get(`/api/rooms/${room.roomId}/opinion-groups`);
    expect(groups.status).toBe(200);
    expect(groups.body).toMatchObject({ statementCount: 1, participantCount: 0, groupedCount: 0, groups: [] });
    expect(await stored()).toEqual(before);
  });
});

describe("taking back a statement", () => {
  it("lets only its author hide it; hidden, it leaves the listing, the votes and the groups", async () => {
    const room = await roomOfSectors(server, 1);
    const [author, other] = [room.members[1]!, room.members[2]!];
    const path = `/api/rooms/${room.roomId}/opinion-statements`;
    const kept = await author.client.post(path, { text: "Tetap" });
    const taken = await author.client.post(path, { text: "Ditarik" });
    await vote(other, taken.body.id, "agree");

    const byOther = await other.client.request("DELETE", `/api/opinion-statements/${taken.body.id}`);
    expect(byOther.status).toBe(403);
    expect(byOther.body.error.code).toBe("NOT_YOUR_MESSAGE");
    const hidden = await author.client.request("DELETE", `/api/opinion-statements/${taken.body.id}`);
    expect(hidden.status).toBe(204);
    const stored = await server.app.ctx.models.OpinionStatement.findById(taken.body.id).lean();
    expect(stored?.hidden).toBe(true);

    const listed = await other.client.get(path);
    expect(listed.body.map((statement: { id: string }) => statement.id)).toEqual([kept.body.id]);
    for (const attempt of [
      await other.client.post(`/api/opinion-statements/${taken.body.id}/votes`, { vote: "pass" }),
      await author.client.request("DELETE", `/api/opinion-statements/${taken.body.id}`),
    ]) {
      expect(attempt.status).toBe(404);
      expect(attempt.body.error.code).toBe("OPINION_STATEMENT_NOT_FOUND");
    }
    const groups = await other.client.get(`/api/rooms/${room.roomId}/opinion-groups`);
    expect(groups.body).toMatchObject({
      statementCount: 1,
      participantCount: 0,
      groups: [],
      statements: [{ statementId: kept.body.id }],
    });
  });
});

describe("groups kept while nothing is stored here", () => {
  const clock = testClock(Date.parse("2026-12-03T09:00:00.000Z"));
  const clocked: TestServer = serverForSuite({ now: clock.now, motionSweepMs: 0 });

  it("shows another process's votes once the kept groups are 30 s old", async () => {
    const room = await roomOfSectors(clocked, 1);
    const author = room.members[0]!;
    const created = await author.client.post(`/api/rooms/${room.roomId}/opinion-statements`, { text: "Satu" });
    const path = `/api/rooms/${room.roomId}/opinion-groups`;
    expect((await author.client.get(path)).body.participantCount).toBe(0);
    // A vote stored by another server process: this one was not told.
    await clocked.app.ctx.models.StatementVote.create({
      statementId: new Types.ObjectId(created.body.id),
      roomId: new Types.ObjectId(room.roomId),
      voterId: new Types.ObjectId(room.members[1]!.id),
      sector: room.members[1]!.sector,
      vote: "agree",
      at: clock.now(),
    });
    clock.advance(29_999);
    expect((await author.client.get(path)).body.participantCount).toBe(0);
    clock.advance(1);
    expect((await author.client.get(path)).body.participantCount).toBe(1);
  });
});

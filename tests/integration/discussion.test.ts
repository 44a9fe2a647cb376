// Discussion over real socket.io connections: the room chat and threaded, anchored comments on proposals;
// history pages; editing and deleting one's own messages; @mentions; who may write; plain text kept verbatim.
import { type ClientToServerEvents, type ServerToClientEvents, limits } from "@mufakat/shared";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { type ApiClient, jsonBody, registeredClient } from "../utils/api.ts";
import { testClock } from "../utils/clock.ts";
import { eventually } from "../utils/eventually.ts";
import { serverForSuite } from "../utils/server.ts";
import { type LiveClient, connect, rawRequest, socketsClosedAfterEach } from "../utils/socket.ts";

const clock = testClock(Date.parse("2026-03-02T01:00:00.000Z"));
const server = serverForSuite({ now: clock.now });
const sockets = socketsClosedAfterEach();

interface Member {
  client: ApiClient;
  socket: LiveClient;
  id: string;
  token: string;
  card: { id: string; displayName: string; sector: string; organisation: string };
}

/** Sends any payload (invalid ones included) and resolves with the ack, ok or not, for exact assertions. */
function request(socket: LiveClient, event: keyof ClientToServerEvents, payload: unknown): Promise<any> {
  return rawRequest(socket, event, payload);
}

/** Every payload of `event` the socket receives from now on, in arrival order. */
function recordEvents<E extends keyof ServerToClientEvents>(socket: LiveClient, event: E) {
  const received: Array<Parameters<ServerToClientEvents[E]>[0]> = [];
  (socket.on as (name: string, listener: (payload: any) => void) => LiveClient).call(socket, event, (payload) =>
    received.push(payload),
  );
  return received;
}

async function member(sector: "government" | "private" | "community" | "academia" | "media", displayName?: string) {
  const { client, session } = await registeredClient(server.url, sector, displayName ? { displayName } : {});
  const socket = await connect(server, session.accessToken);
  sockets.push(socket);
  const { id, organisation } = session.user;
  return {
    client,
    socket,
    id,
    token: session.accessToken,
    card: { id, displayName: session.user.displayName, sector, organisation },
  } satisfies Member;
}

async function openTab(who: Member): Promise<LiveClient> {
  const socket = await connect(server, who.token);
  sockets.push(socket);
  return socket;
}

/**
 * An open room with a government coordinator, private and community participants, an academic observer
 * (all joined live), and a media outsider who is not a member.
 */
async function deliberationRoom(names: Partial<Record<"gov" | "priv" | "comm" | "obs", string>> = {}) {
  const gov = await member("government", names.gov);
  const created = await gov.client.post("/api/rooms", { title: "Air bersih Tamalate", visibility: "open" });
  expect(created.status).toBe(201);
  const roomId: string = created.body.id;
  const priv = await member("private", names.priv);
  const comm = await member("community", names.comm);
  for (const joiner of [priv, comm]) expect((await joiner.client.post(`/api/rooms/${roomId}/join`)).status).toBe(201);
  const obs = await member("academia", names.obs);
  const invite = await gov.client.post(`/api/rooms/${roomId}/invites`, { role: "observer" });
  expect((await obs.client.post("/api/invites/accept", { token: invite.body.token })).status).toBe(201);
  const outsider = await member("media");
  for (const joined of [gov, priv, comm, obs]) {
    expect(await request(joined.socket, "room:join", { roomId })).toMatchObject({ ok: true });
  }
  return { roomId, gov, priv, comm, obs, outsider };
}

async function createProposal(author: Member, roomId: string, title: string): Promise<string> {
  const ack = await request(author.socket, "proposal:create", { roomId, title });
  expect(ack).toMatchObject({ ok: true });
  return ack.data.id;
}

async function stored(id: string) {
  return server.app.ctx.models.DiscussionMessage.findById(id).lean();
}

async function storedCount(roomId: string): Promise<number> {
  return server.app.ctx.models.DiscussionMessage.countDocuments({ roomId: new Types.ObjectId(roomId) });
}

const objectId = expect.stringMatching(/^[0-9a-f]{24}$/);

describe("chat and comments across sectors", () => {
  it("lets three members of three sectors chat: each message is stored, acked and broadcast to the room", async () => {
    const { roomId, gov, priv, comm, outsider } = await deliberationRoom();
    const inbox = [gov, priv, comm].map((m) => recordEvents(m.socket, "discussion:message"));
    const outsiderInbox = recordEvents(outsider.socket, "discussion:message");

    const first = await request(gov.socket, "chat:send", { roomId, body: "  Selamat pagi, mari kita mulai.  " });
    expect(first).toEqual({
      ok: true,
      data: {
        kind: "chat",
        id: objectId,
        roomId,
        author: gov.card,
        body: "Selamat pagi, mari kita mulai.",
        mentions: [],
        createdAt: "2026-03-02T01:00:00.000Z",
        editedAt: null,
        deleted: false,
        deletedAt: null,
      },
    });
    const second = await request(priv.socket, "chat:send", { roomId, body: "Pagi. Kami siap." });
    const third = await request(comm.socket, "chat:send", { roomId, body: "Warga sudah hadir." });
    expect(second.data).toMatchObject({ author: priv.card, body: "Pagi. Kami siap." });
    expect(third.data).toMatchObject({ author: comm.card, body: "Warga sudah hadir." });

    const expected = [first, second, third].map((ack) => ({ type: "created", message: ack.data }));
    await eventually(() => {
      for (const received of inbox) expect(received).toEqual(expected);
    });
    expect(outsiderInbox).toEqual([]);

    expect(await stored(first.data.id)).toEqual({
      _id: new Types.ObjectId(first.data.id),
      __v: 0,
      roomId: new Types.ObjectId(roomId),
      kind: "chat",
      proposalId: null,
      parentId: null,
      anchor: null,
      authorId: new Types.ObjectId(gov.id),
      body: "Selamat pagi, mari kita mulai.",
      mentions: [],
      createdAt: new Date("2026-03-02T01:00:00.000Z"),
      editedAt: null,
      deletedAt: null,
    });

    const history = await comm.client.get(`/api/rooms/${roomId}/chat`);
    expect(history.status).toBe(200);
    expect(history.body).toEqual({ messages: [third.data, second.data, first.data], nextBefore: null });
    expect(await request(priv.socket, "chat:history", { roomId })).toEqual({ ok: true, data: history.body });
  });

  it("threads replies under their parent comment, on the proposal they belong to", async () => {
    const { roomId, gov, priv, comm } = await deliberationRoom();
    const proposalId = await createProposal(gov, roomId, "Jadwal distribusi air");
    const inbox = recordEvents(gov.socket, "discussion:message");

    const opening = await request(priv.socket, "comment:post", { proposalId, body: "Jadwal pagi terlalu awal." });
    expect(opening).toEqual({
      ok: true,
      data: {
        kind: "comment",
        id: objectId,
        roomId,
        proposalId,
        parentId: null,
        anchor: null,
        author: priv.card,
        body: "Jadwal pagi terlalu awal.",
        mentions: [],
        createdAt: "2026-03-02T01:00:00.000Z",
        editedAt: null,
        deleted: false,
        deletedAt: null,
      },
    });
    const reply = await request(comm.socket, "comment:post", {
      proposalId,
      parentId: opening.data.id,
      body: "Setuju, warga bekerja pagi.",
    });
    expect(reply.data).toMatchObject({ parentId: opening.data.id, proposalId, author: comm.card });
    const replyToReply = await request(gov.socket, "comment:post", {
      proposalId,
      parentId: reply.data.id,
      body: "Kami geser ke jam 7.",
    });
    expect(replyToReply.data).toMatchObject({ parentId: reply.data.id, author: gov.card });

    expect(await stored(reply.data.id)).toMatchObject({
      kind: "comment",
      proposalId: new Types.ObjectId(proposalId),
      parentId: new Types.ObjectId(opening.data.id),
      roomId: new Types.ObjectId(roomId),
    });
    const expectedPage = { messages: [replyToReply.data, reply.data, opening.data], nextBefore: null };
    expect(await request(comm.socket, "comment:history", { proposalId })).toEqual({ ok: true, data: expectedPage });
    const overHttp = await priv.client.get(`/api/rooms/${roomId}/proposals/${proposalId}/comments`);
    expect(overHttp.status).toBe(200);
    expect(overHttp.body).toEqual(expectedPage);
    // Comments are not chat.
    expect((await priv.client.get(`/api/rooms/${roomId}/chat`)).body).toEqual({ messages: [], nextBefore: null });
    await eventually(() =>
      expect(inbox).toEqual([opening, reply, replyToReply].map((ack) => ({ type: "created", message: ack.data }))),
    );
  });

  it("refuses a reply whose parent is not a comment on the same proposal, and stores nothing", async () => {
    const { roomId, gov, priv } = await deliberationRoom();
    const water = await createProposal(gov, roomId, "Air");
    const roads = await createProposal(gov, roomId, "Jalan");
    const onWater = await request(priv.socket, "comment:post", { proposalId: water, body: "Tentang air" });
    const chat = await request(priv.socket, "chat:send", { roomId, body: "Obrolan" });
    const before = await storedCount(roomId);

    for (const parentId of [onWater.data.id, chat.data.id, new Types.ObjectId().toHexString()]) {
      const refused = await request(priv.socket, "comment:post", { proposalId: roads, parentId, body: "Balasan" });
      expect(refused).toEqual({
        ok: false,
        error: {
          code: "VALIDATION_FAILED",
          message: "parentId: not a comment on this proposal",
          details: [{ path: "parentId", message: "not a comment on this proposal" }],
        },
      });
    }
    const unknownProposal = await request(priv.socket, "comment:post", {
      proposalId: new Types.ObjectId().toHexString(),
      body: "Ke mana?",
    });
    expect(unknownProposal).toEqual({ ok: false, error: { code: "PROPOSAL_NOT_FOUND", message: "no such proposal" } });
    expect(await storedCount(roomId)).toBe(before);

    const wrongRoom = await priv.client.get(
      `/api/rooms/${new Types.ObjectId().toHexString()}/proposals/${water}/comments`,
    );
    expect(wrongRoom.status).toBe(404);
    expect(wrongRoom.body.error.code).toBe("PROPOSAL_NOT_FOUND");
  });

  it("keeps a comment's anchor, quote included, in the ack, the broadcast, the history and the store", async () => {
    const { roomId, gov, priv } = await deliberationRoom();
    const proposalId = await createProposal(gov, roomId, "Tarif air");
    const inbox = recordEvents(gov.socket, "discussion:message");
    const anchor = { from: 12, to: 31, quote: "tarif naik 10 persen" };
    const anchored = await request(priv.socket, "comment:post", { proposalId, body: "Terlalu tinggi.", anchor });
    expect(anchored).toMatchObject({ ok: true, data: { anchor, parentId: null } });
    expect((await stored(anchored.data.id))?.anchor).toEqual(anchor);
    const history = await request(gov.socket, "comment:history", { proposalId });
    expect(history.data.messages).toEqual([anchored.data]);
    await eventually(() => expect(inbox).toEqual([{ type: "created", message: anchored.data }]));

    const backwards = await request(priv.socket, "comment:post", {
      proposalId,
      body: "x",
      anchor: { from: 9, to: 3, quote: "q" },
    });
    expect(backwards.error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: [{ path: "anchor.to", message: "must not end before it starts" }],
    });
    const emptyQuote = await request(priv.socket, "comment:post", {
      proposalId,
      body: "x",
      anchor: { from: -1, to: 3, quote: "" },
    });
    expect(emptyQuote.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "anchor.from",
      "anchor.quote",
    ]);
    expect(await storedCount(roomId)).toBe(1);
  });
});

describe("history pages", () => {
  it("pages 120 messages newest first as 50, 50 and 20, in order and without duplicates, over socket and HTTP", async () => {
    expect(limits.discussionPageSize).toBe(50);
    const { roomId, gov, priv } = await deliberationRoom();
    const sent: string[] = [];
    for (let n = 1; n <= 120; n += 1) {
      const ack = await request(gov.socket, "chat:send", { roomId, body: `pesan ${n}` });
      expect(ack.ok).toBe(true);
      sent.push(ack.data.id);
    }

    const pages: any[] = [];
    let before: string | undefined;
    do {
      const ack = await request(priv.socket, "chat:history", before ? { roomId, before } : { roomId });
      expect(ack.ok).toBe(true);
      const overHttp = await priv.client.get(`/api/rooms/${roomId}/chat${before ? `?before=${before}` : ""}`);
      expect(overHttp.body).toEqual(ack.data);
      pages.push(ack.data);
      before = ack.data.nextBefore ?? undefined;
    } while (before);

    expect(pages.map((page) => page.messages.length)).toEqual([50, 50, 20]);
    const bodies = pages.flatMap((page) => page.messages.map((m: { body: string }) => m.body));
    expect(bodies).toEqual(Array.from({ length: 120 }, (_, i) => `pesan ${120 - i}`));
    const ids = pages.flatMap((page) => page.messages.map((m: { id: string }) => m.id));
    expect(ids).toEqual([...sent].reverse());
    expect(new Set(ids).size).toBe(120);
    expect(pages.map((page) => page.nextBefore)).toEqual([sent[70], sent[20], null]);
  });

  it("refuses a malformed cursor with the field named", async () => {
    const { roomId, priv } = await deliberationRoom();
    const overHttp = await priv.client.get(`/api/rooms/${roomId}/chat?before=yesterday`);
    expect(overHttp.status).toBe(400);
    expect(overHttp.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: [{ path: "before" }] });
    const overSocket = await request(priv.socket, "chat:history", { roomId, before: "yesterday" });
    expect(overSocket.error).toMatchObject({ code: "VALIDATION_FAILED", details: [{ path: "before" }] });
  });
});

describe("editing and deleting", () => {
  it("edits one's own message: editedAt set, stored, broadcast to the room", async () => {
    const { roomId, gov, priv, comm } = await deliberationRoom();
    const inbox = recordEvents(comm.socket, "discussion:message");
    const posted = await request(priv.socket, "chat:send", { roomId, body: "Rapat jam 9" });
    clock.advance(60_000);
    const editedAt = clock.now().toISOString();
    const edited = await request(priv.socket, "message:edit", { messageId: posted.data.id, body: " Rapat jam 10 " });
    expect(edited).toEqual({
      ok: true,
      data: { ...posted.data, body: "Rapat jam 10", editedAt },
    });
    await eventually(() =>
      expect(inbox).toEqual([
        { type: "created", message: posted.data },
        { type: "edited", message: edited.data },
      ]),
    );
    expect(await stored(posted.data.id)).toMatchObject({
      body: "Rapat jam 10",
      editedAt: new Date(editedAt),
      deletedAt: null,
    });
    expect((await gov.client.get(`/api/rooms/${roomId}/chat`)).body.messages).toEqual([edited.data]);
  });

  it("deletes one's own comment: body removed, marked deleted in place, replies still under it", async () => {
    const { roomId, gov, priv, comm } = await deliberationRoom();
    const proposalId = await createProposal(gov, roomId, "Lokasi tandon");
    const inbox = recordEvents(gov.socket, "discussion:message");
    const comment = await request(priv.socket, "comment:post", {
      proposalId,
      body: `Tandon di lapangan @${comm.id}`,
      anchor: { from: 0, to: 6, quote: "Tandon" },
    });
    expect(comment.data.mentions).toEqual([comm.id]);
    const reply = await request(comm.socket, "comment:post", { proposalId, parentId: comment.data.id, body: "Setuju" });
    clock.advance(60_000);
    const deletedAt = clock.now().toISOString();

    const deleted = await request(priv.socket, "message:delete", { messageId: comment.data.id });
    const asDeleted = { ...comment.data, body: null, mentions: [], deleted: true, deletedAt };
    expect(deleted).toEqual({ ok: true, data: asDeleted });
    await eventually(() => expect(inbox.at(-1)).toEqual({ type: "deleted", message: asDeleted }));
    expect(await stored(comment.data.id)).toMatchObject({
      body: null,
      mentions: [],
      deletedAt: new Date(deletedAt),
      parentId: null,
      anchor: { from: 0, to: 6, quote: "Tandon" },
    });
    const history = await comm.client.get(`/api/rooms/${roomId}/proposals/${proposalId}/comments`);
    expect(history.body).toEqual({ messages: [reply.data, asDeleted], nextBefore: null });

    expect(await request(priv.socket, "message:edit", { messageId: comment.data.id, body: "lagi" })).toMatchObject({
      ok: false,
      error: { code: "MESSAGE_DELETED" },
    });
    // Deleting again is harmless and announces nothing new.
    expect(await request(priv.socket, "message:delete", { messageId: comment.data.id })).toEqual({
      ok: true,
      data: asDeleted,
    });
    const marker = await request(gov.socket, "chat:send", { roomId, body: "penanda" });
    await eventually(() => expect(inbox.at(-1)).toEqual({ type: "created", message: marker.data }));
    expect(inbox.filter((event) => event.type === "deleted")).toHaveLength(1);
  });

  it("refuses editing or deleting someone else's message, and leaves it unchanged", async () => {
    const { roomId, gov, priv, outsider } = await deliberationRoom();
    const posted = await request(gov.socket, "chat:send", { roomId, body: "Keputusan koordinator" });
    const before = await stored(posted.data.id);

    const edit = await request(priv.socket, "message:edit", { messageId: posted.data.id, body: "diubah" });
    expect(edit).toEqual({
      ok: false,
      error: { code: "NOT_YOUR_MESSAGE", message: "only its author can change a message" },
    });
    const remove = await request(priv.socket, "message:delete", { messageId: posted.data.id });
    expect(remove.error.code).toBe("NOT_YOUR_MESSAGE");
    const byOutsider = await request(outsider.socket, "message:edit", { messageId: posted.data.id, body: "x" });
    expect(byOutsider.error.code).toBe("NOT_A_MEMBER");
    const unknown = await request(priv.socket, "message:delete", { messageId: new Types.ObjectId().toHexString() });
    expect(unknown).toEqual({ ok: false, error: { code: "MESSAGE_NOT_FOUND", message: "no such message" } });

    expect(await stored(posted.data.id)).toEqual(before);
  });
});

describe("who may write", () => {
  it("lets an observer read but not post, and stores nothing", async () => {
    const { roomId, gov, obs } = await deliberationRoom();
    const proposalId = await createProposal(gov, roomId, "Anggaran");
    const chat = await request(obs.socket, "chat:send", { roomId, body: "Boleh saya bicara?" });
    expect(chat).toEqual({ ok: false, error: { code: "READ_ONLY_ROLE", message: "observers can read but not write" } });
    const comment = await request(obs.socket, "comment:post", { proposalId, body: "Catatan" });
    expect(comment.error.code).toBe("READ_ONLY_ROLE");
    expect(await storedCount(roomId)).toBe(0);

    const posted = await request(gov.socket, "chat:send", { roomId, body: "Silakan menyimak." });
    expect(await request(obs.socket, "chat:history", { roomId })).toEqual({
      ok: true,
      data: { messages: [posted.data], nextBefore: null },
    });
    expect((await obs.client.get(`/api/rooms/${roomId}/proposals/${proposalId}/comments`)).status).toBe(200);
  });

  it("refuses a non-member everything with NOT_A_MEMBER, and stores nothing", async () => {
    const { roomId, gov, outsider } = await deliberationRoom();
    const proposalId = await createProposal(gov, roomId, "Anggaran");
    const refusal = { ok: false, error: { code: "NOT_A_MEMBER", message: "you are not a member of this room" } };
    expect(await request(outsider.socket, "chat:send", { roomId, body: "Halo" })).toEqual(refusal);
    expect(await request(outsider.socket, "chat:history", { roomId })).toEqual(refusal);
    expect(await request(outsider.socket, "comment:post", { proposalId, body: "Halo" })).toEqual(refusal);
    expect(await request(outsider.socket, "comment:history", { proposalId })).toEqual(refusal);
    for (const path of [`/api/rooms/${roomId}/chat`, `/api/rooms/${roomId}/proposals/${proposalId}/comments`]) {
      const response = await outsider.client.get(path);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe("NOT_A_MEMBER");
    }
    expect(await storedCount(roomId)).toBe(0);
  });

  it("refuses every invalid payload with VALIDATION_FAILED naming the fields, and stores nothing", async () => {
    const { roomId, gov, priv } = await deliberationRoom();
    const proposalId = await createProposal(gov, roomId, "Anggaran");
    const posted = await request(priv.socket, "chat:send", { roomId, body: "asli" });
    const cases: Array<[string, unknown, string[]]> = [
      ["chat:send", { roomId, body: "   " }, ["body"]],
      ["chat:send", { roomId, body: "a".repeat(limits.messageChars + 1) }, ["body"]],
      ["chat:send", { roomId: "room-1", body: 42 }, ["body", "roomId"]],
      ["chat:send", { roomId, body: "hi", html: true }, ["(body)"]],
      ["chat:send", "hello", ["(body)"]],
      ["comment:post", { proposalId, body: "x", parentId: "parent" }, ["parentId"]],
      ["message:edit", { messageId: posted.data.id, body: "" }, ["body"]],
      ["message:delete", {}, ["messageId"]],
    ];
    for (const [event, payload, paths] of cases) {
      const ack = await rawRequest(priv.socket, event, payload);
      expect(ack.ok, `${event} ${JSON.stringify(payload).slice(0, 60)}`).toBe(false);
      if (ack.ok) continue;
      expect(ack.error.code).toBe("VALIDATION_FAILED");
      expect((ack.error.details as { path: string }[]).map((d) => d.path).sort()).toEqual(paths);
    }
    expect(
      (await request(priv.socket, "chat:send", { roomId, body: "a".repeat(limits.messageChars + 1) })).error.details,
    ).toEqual([
      {
        path: "body",
        message: `at most ${limits.messageChars} characters`,
        code: "too_big",
        origin: "string",
        maximum: limits.messageChars,
        inclusive: true,
      },
    ]);
    expect(await storedCount(roomId)).toBe(1);
    expect((await stored(posted.data.id))?.body).toBe("asli");
    // The longest allowed message goes through.
    const longest = await request(priv.socket, "chat:send", { roomId, body: "a".repeat(limits.messageChars) });
    expect(longest.data.body).toHaveLength(limits.messageChars);
  });
});

describe("@mentions", () => {
  it("stores the mentioned members' ids and tells each of their sockets, and no one else", async () => {
    const { roomId, gov, priv, comm, obs } = await deliberationRoom({
      gov: "Andi Wijaya",
      priv: "Budi Santoso",
      comm: "Budi",
      obs: "Citra",
    });
    // A tab of Budi Santoso that has not joined the room still hears of the mention.
    const privOtherTab = await openTab(priv);
    const mentioned = [gov, priv, comm, obs].map((m) => recordEvents(m.socket, "discussion:mentioned"));
    const privOtherTabMentioned = recordEvents(privOtherTab, "discussion:mentioned");
    const commInbox = recordEvents(comm.socket, "discussion:message");

    const posted = await request(gov.socket, "chat:send", {
      roomId,
      body: "@budi santoso dan @Citra, tolong cek. Surel: andi@budi.id; @Budiman bukan anggota.",
    });
    expect(posted.data.mentions).toEqual([priv.id, obs.id]);
    expect((await stored(posted.data.id))?.mentions).toEqual([new Types.ObjectId(priv.id), new Types.ObjectId(obs.id)]);
    const notice = { roomId, message: posted.data };
    await eventually(() => {
      expect(mentioned[1]).toEqual([notice]);
      expect(mentioned[3]).toEqual([notice]);
      expect(privOtherTabMentioned).toEqual([notice]);
    });

    // By id, and an edit that adds a mention tells only the newly mentioned.
    const byId = await request(priv.socket, "chat:send", { roomId, body: `@${comm.id} bagaimana menurut warga?` });
    expect(byId.data.mentions).toEqual([comm.id]);
    clock.advance(1_000);
    const edited = await request(gov.socket, "message:edit", {
      messageId: posted.data.id,
      body: "@Budi Santoso, @Citra dan @Budi: tolong cek.",
    });
    expect(edited.data.mentions).toEqual([priv.id, obs.id, comm.id]);
    await eventually(() =>
      expect(mentioned[2]).toEqual([
        { roomId, message: byId.data },
        { roomId, message: edited.data },
      ]),
    );
    await eventually(() => expect(commInbox.at(-1)).toEqual({ type: "edited", message: edited.data }));
    expect(mentioned[0]).toEqual([]);
    expect(mentioned[1]).toEqual([notice]);
    expect(mentioned[3]).toEqual([notice]);
  });
});

describe("plain text", () => {
  it("stores and returns a script-bearing message verbatim, as text", async () => {
    const { roomId, gov, priv } = await deliberationRoom();
    const inbox = recordEvents(priv.socket, "discussion:message");
    const body = `<img src=x onerror=alert(1)> & <script>alert("x")</script>`;
    const posted = await request(gov.socket, "chat:send", { roomId, body });
    expect(posted.data.body).toBe(body);
    expect((await stored(posted.data.id))?.body).toBe(body);
    await eventually(() => expect(inbox).toEqual([{ type: "created", message: posted.data }]));
    const response = await fetch(`${server.url}/api/rooms/${roomId}/chat`, {
      headers: { authorization: `Bearer ${priv.token}` },
    });
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await jsonBody(response)).messages[0].body).toBe(body);
  });
});

// Attacks on authentication and authorization, over REST and the socket: forged and confused tokens
// (alg none, RS256, HS256 signed with a public key, a tampered signature or subject), expired and
// not-yet-valid tokens, deleted and banned users, refresh-token reuse after the grace window, and members
// reaching into rooms that are not theirs, observers writing, participants acting as coordinators.
// Every attempt must be refused with the exact status and code; the summary counts those that got in.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import { Types } from "mongoose";
import { limits, proposalBodyFragment } from "@mufakat/shared";
import * as Y from "yjs";
import { afterAll, describe, expect, it } from "vitest";
import { banUser } from "@mufakat/server";
import { ApiClient, registeredClient } from "../utils/api.ts";
import { type TestClock, testClock } from "../utils/clock.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { serverForSuite, testJwtSecret } from "../utils/server.ts";
import {
  type LiveClient,
  type Member,
  connect,
  connectRefusal,
  okData,
  rawRequest,
  request,
  roomWithMembers,
} from "../utils/socket.ts";
import { storedPositions } from "../utils/ballots.ts";

let clock: TestClock;
const sockets: LiveClient[] = [];
const tally = { attempts: 0, admitted: 0 };
const admitted: string[] = [];

const server = serverForSuite(() => {
  clock = testClock();
  return { now: clock.now, motionSweepMs: 0 };
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  console.log(`auth attacks: ${tally.attempts} attempts, ${tally.admitted} unauthorised accesses succeeded`);
});

function record(label: string, refused: boolean): void {
  tally.attempts += 1;
  if (!refused) {
    tally.admitted += 1;
    admitted.push(label);
  }
}

/** A REST call that must be refused with this status and code. */
async function expectRefused(
  client: ApiClient,
  method: string,
  path: string,
  status: number,
  code: string,
  body?: unknown,
): Promise<void> {
  const response = await client.request(method, path, body);
  record(`${method} ${path}`, response.status >= 400);
  expect({ call: `${method} ${path}`, status: response.status, code: response.body?.error?.code }).toEqual({
    call: `${method} ${path}`,
    status,
    code,
  });
}

/** A socket event that must be refused with this code. */
async function expectAckRefused(socket: LiveClient, event: string, payload: unknown, code: string): Promise<void> {
  const ack = await rawRequest(socket, event, payload);
  record(event, !ack.ok);
  expect({ event, code: ack.ok ? "ok" : ack.error.code }).toEqual({ event, code });
}

function asClient(token: string): ApiClient {
  const client = new ApiClient(server.url);
  client.accessToken = token;
  return client;
}

function _textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(proposalBodyFragment).insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function claimsFor(userId: string, extra: Record<string, unknown> = {}) {
  const now = Math.floor(clock.now().getTime() / 1000);
  return { sub: userId, iss: "mufakat", aud: "mufakat-api", iat: now, exp: now + 600, ...extra };
}

describe("forged, confused and stale access tokens", () => {
  it("refuses each over REST with 401 and the exact code, and in the socket handshake with the same", async () => {
    const { session } = await registeredClient(server.url, "community");
    const victim = await registeredClient(server.url, "government");
    const userId = session.user.id;
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();
    const [header, payload, signature] = session.accessToken.split(".") as [string, string, string];
    const flipped = `${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;

    const forged: Array<[string, string, "TOKEN_INVALID" | "TOKEN_EXPIRED"]> = [
      ["alg none", `${base64url({ alg: "none", typ: "JWT" })}.${base64url(claimsFor(userId))}.`, "TOKEN_INVALID"],
      ["alg NONE", `${base64url({ alg: "NONE", typ: "JWT" })}.${base64url(claimsFor(userId))}.`, "TOKEN_INVALID"],
      ["RS256", jwt.sign(claimsFor(userId), privateKey, { algorithm: "RS256" }), "TOKEN_INVALID"],
      [
        "HS256 signed with the public key",
        jwt.sign(claimsFor(userId), publicPem, { algorithm: "HS256" }),
        "TOKEN_INVALID",
      ],
      [
        "HS512 with the right secret",
        jwt.sign(claimsFor(userId), testJwtSecret, { algorithm: "HS512" }),
        "TOKEN_INVALID",
      ],
      ["forged signature", `${header}.${payload}.${flipped}`, "TOKEN_INVALID"],
      [
        "subject swapped to another user",
        `${header}.${base64url(claimsFor(victim.session.user.id))}.${signature}`,
        "TOKEN_INVALID",
      ],
      [
        "another secret",
        jwt.sign(claimsFor(userId), "another-secret-that-is-long-enough-000000000", { algorithm: "HS256" }),
        "TOKEN_INVALID",
      ],
      ["wrong audience", jwt.sign(claimsFor(userId, { aud: "elsewhere" }), testJwtSecret), "TOKEN_INVALID"],
      ["subject not an id", jwt.sign(claimsFor('{"$gt":""}'), testJwtSecret), "TOKEN_INVALID"],
      [
        "not valid before next hour",
        jwt.sign(claimsFor(userId, { nbf: Math.floor(clock.now().getTime() / 1000) + 3600 }), testJwtSecret),
        "TOKEN_INVALID",
      ],
      [
        "expired",
        jwt.sign(claimsFor(userId, { exp: Math.floor(clock.now().getTime() / 1000) - 1 }), testJwtSecret),
        "TOKEN_EXPIRED",
      ],
      ["garbage", "not.a.token", "TOKEN_INVALID"],
    ];
    for (const [label, token, code] of forged) {
      const rest = await asClient(token).get("/api/me");
      record(`REST ${label}`, rest.status === 401);
      expect({ label, status: rest.status, code: rest.body?.error?.code }).toEqual({ label, status: 401, code });
      const refusal = await connectRefusal(server, token);
      record(`socket ${label}`, refusal.message === code);
      expect({ label, refusal: refusal.message, code: refusal.data?.code }).toEqual({ label, refusal: code, code });
    }

    // A real token after the clock passed its expiry.
    clock.advance(limits.accessTokenSeconds * 1000 + 1000);
    await expectRefused(asClient(session.accessToken), "GET", "/api/me", 401, "TOKEN_EXPIRED");
    const late = await connectRefusal(server, session.accessToken);
    record("socket expired by the clock", late.message === "TOKEN_EXPIRED");
    expect(late.message).toBe("TOKEN_EXPIRED");
  });

  it("refuses a deleted user's and a banned user's still-valid tokens, and a banned user's live socket", async () => {
    const deleted = await registeredClient(server.url, "private");
    await server.app.ctx.models.User.deleteOne({ _id: new Types.ObjectId(deleted.session.user.id) });
    await expectRefused(deleted.client, "GET", "/api/me", 401, "TOKEN_INVALID");
    await expectRefused(deleted.client, "POST", "/api/rooms", 401, "TOKEN_INVALID", {
      title: "Hantu",
      visibility: "open",
    });
    expect((await connectRefusal(server, deleted.session.accessToken)).message).toBe("TOKEN_INVALID");
    record("socket deleted user", true);

    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "community", role: "participant" },
    ]);
    const banned = members[1] as Member;
    const live = await connect(server, banned.token);
    sockets.push(live);
    okData(await request(live, "room:join", { roomId }));
    const proposalId = await seedProposal(server, roomId, members[0]?.userId ?? "", "Sebelum larangan");
    okData(await request(live, "proposal:open", { proposalId, stateVector: new Uint8Array([0]) }));
    // Banned by the command (the userBanned event): the open socket is told why and ended at once.
    const told = new Promise<unknown>((resolve) => live.once("session:expired", resolve));
    const ended = new Promise<string>((resolve) => live.once("disconnect", resolve));
    await banUser(server.app.ctx, { userId: new Types.ObjectId(banned.userId) });
    expect(await told).toEqual({
      reason: "ACCOUNT_BANNED",
      message: "this account was banned; its sessions have ended",
    });
    expect(await ended).toBe("io server disconnect");
    await expectRefused(banned.api, "GET", "/api/me", 401, "TOKEN_INVALID");
    await expectRefused(banned.api, "GET", `/api/rooms/${roomId}`, 401, "TOKEN_INVALID");
    await expectRefused(banned.api, "POST", "/api/auth/refresh", 401, "REFRESH_TOKEN_INVALID");
    expect((await connectRefusal(server, banned.token)).message).toBe("TOKEN_INVALID");
    record("socket banned user", true);
    const edits = await server.connection
      .collection("proposalupdates")
      .countDocuments({ proposalId: new Types.ObjectId(proposalId) });
    expect(edits).toBe(1);
    const chat = await server.connection
      .collection("discussionmessages")
      .countDocuments({ roomId: new Types.ObjectId(roomId) });
    expect(chat).toBe(0);
  });

  it("revokes the family when a rotated refresh token is presented after the grace window", async () => {
    const { client } = await registeredClient(server.url, "academia");
    const first = client.refreshCookie as string;
    const rotated = await client.post("/api/auth/refresh");
    expect(rotated.status).toBe(200);
    const second = client.refreshCookie as string;
    expect(second).not.toBe(first);

    clock.advance(limits.refreshReuseGraceMs + 1000);
    const thief = new ApiClient(server.url);
    thief.setRefreshCookie(first);
    await expectRefused(thief, "POST", "/api/auth/refresh", 401, "REFRESH_TOKEN_REUSED");
    // The whole family is gone: the legitimate holder's newer token no longer works either.
    await expectRefused(client, "POST", "/api/auth/refresh", 401, "REFRESH_TOKEN_INVALID");
    const forged = new ApiClient(server.url);
    forged.setRefreshCookie("A".repeat(43));
    await expectRefused(forged, "POST", "/api/auth/refresh", 401, "REFRESH_TOKEN_INVALID");
  });
});

describe("reaching into rooms that are not one's own", () => {
  it("refuses a member of room A every read, write, vote, export and presence in room B", async () => {
    const roomB = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "community", role: "participant" },
    ]);
    const [coordinatorB, participantB] = roomB.members as [Member, Member];
    const roomA = await roomWithMembers(server, [{ sector: "private", role: "coordinator" }]);
    const outsider = roomA.members[0] as Member;
    const roomId = roomB.roomId;
    const proposalId = await seedProposal(server, roomId, coordinatorB.userId, "Rahasia ruang B");
    const votedProposal = await seedProposal(server, roomId, coordinatorB.userId, "Dipilih");
    const motion = await coordinatorB.api.post(`/api/rooms/${roomId}/motions`, { proposalId: votedProposal });
    expect(motion.status).toBe(201);
    const motionId = motion.body.id as string;
    const insideB = await connect(server, participantB.token);
    sockets.push(insideB);
    okData(await request(insideB, "room:join", { roomId }));
    const message = okData(await request(insideB, "chat:send", { roomId, body: "hanya untuk ruang B" }));

    const api = outsider.api;
    for (const path of [
      `/api/rooms/${roomId}`,
      `/api/rooms/${roomId}/chat`,
      `/api/rooms/${roomId}/proposals/${proposalId}/comments`,
      `/api/rooms/${roomId}/motions`,
      `/api/rooms/${roomId}/decisions`,
      `/api/rooms/${roomId}/decisions/verify`,
      `/api/rooms/${roomId}/decision-settings`,
      `/api/rooms/${roomId}/commitments`,
      `/api/rooms/${roomId}/resources`,
      `/api/rooms/${roomId}/participation`,
      `/api/rooms/${roomId}/report`,
      `/api/rooms/${roomId}/exports/decisions.csv`,
      `/api/rooms/${roomId}/exports/commitments.csv`,
      `/api/rooms/${roomId}/exports/pledges.csv`,
      `/api/rooms/${roomId}/exports/room.json`,
      `/api/rooms/${roomId}/audit`,
      `/api/rooms/${roomId}/invites`,
      `/api/motions/${motionId}`,
    ]) {
      await expectRefused(api, "GET", path, 403, "NOT_A_MEMBER");
    }
    await expectRefused(api, "POST", `/api/rooms/${roomId}/join`, 403, "ROOM_INVITE_ONLY");
    await expectRefused(api, "POST", `/api/motions/${motionId}/votes`, 403, "NOT_A_MEMBER", {
      position: "support",
      clientVoteId: randomUUID(),
    });
    await expectRefused(api, "POST", `/api/rooms/${roomId}/motions`, 403, "NOT_A_MEMBER", { proposalId });
    await expectRefused(api, "POST", `/api/rooms/${roomId}/invites`, 403, "NOT_A_MEMBER", { role: "coordinator" });
    await expectRefused(api, "PATCH", `/api/rooms/${roomId}/stage`, 403, "NOT_A_MEMBER", { stage: "ended" });
    await expectRefused(api, "POST", `/api/rooms/${roomId}/pledges`, 403, "NOT_A_MEMBER", {
      kind: "funds",
      quantity: 1,
      unit: "IDR",
    });
    await expectRefused(api, "DELETE", `/api/rooms/${roomId}/members/${participantB.userId}`, 403, "NOT_A_MEMBER");

    const socket = await connect(server, outsider.token);
    sockets.push(socket);
    await expectAckRefused(socket, "room:join", { roomId }, "NOT_A_MEMBER");
    await expectAckRefused(socket, "proposal:list", { roomId }, "NOT_A_MEMBER");
    await expectAckRefused(socket, "proposal:create", { roomId, title: "Penyusup" }, "NOT_IN_ROOM");
    await expectAckRefused(socket, "proposal:open", { proposalId, stateVector: new Uint8Array([0]) }, "NOT_IN_ROOM");
    await expectAckRefused(socket, "proposal:update", { proposalId, update: new Uint8Array([0, 0]) }, "NOT_IN_ROOM");
    await expectAckRefused(socket, "proposal:rename", { proposalId, title: "Dibajak" }, "NOT_IN_ROOM");
    await expectAckRefused(socket, "version:list", { proposalId }, "NOT_IN_ROOM");
    await expectAckRefused(socket, "version:save", { proposalId, name: "curian" }, "NOT_IN_ROOM");
    await expectAckRefused(socket, "chat:send", { roomId, body: "halo dari luar" }, "NOT_A_MEMBER");
    await expectAckRefused(socket, "chat:history", { roomId }, "NOT_A_MEMBER");
    await expectAckRefused(socket, "comment:post", { proposalId, body: "komentar luar" }, "NOT_A_MEMBER");
    await expectAckRefused(socket, "comment:history", { proposalId }, "NOT_A_MEMBER");
    await expectAckRefused(socket, "message:edit", { messageId: message.id, body: "diubah" }, "NOT_A_MEMBER");
    await expectAckRefused(socket, "message:delete", { messageId: message.id }, "NOT_A_MEMBER");
    await expectAckRefused(
      socket,
      "motion:vote",
      { motionId, position: "support", clientVoteId: randomUUID() },
      "NOT_A_MEMBER",
    );
    // Nothing the outsider sent is stored, and presence in B never listed them.
    const presence = okData(await request(insideB, "room:join", { roomId })).presence.map((m) => m.userId);
    expect(presence).not.toContain(outsider.userId);
    const stored = await server.connection
      .collection("discussionmessages")
      .countDocuments({ authorId: new Types.ObjectId(outsider.userId) });
    expect(stored).toBe(0);
    expect((await storedPositions(server.connection, motionId)).length).toBe(0);
  });

  it("refuses an observer's writes and a participant's coordinator actions", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "community", role: "participant" },
      { sector: "academia", role: "observer" },
    ]);
    const [coordinator, participant, observer] = members as [Member, Member, Member];
    const proposalId = await seedProposal(server, roomId, coordinator.userId, "Teks awal");
    const votedProposal = await seedProposal(server, roomId, coordinator.userId, "Dipilih");
    const motion = await coordinator.api.post(`/api/rooms/${roomId}/motions`, { proposalId: votedProposal });
    const motionId = motion.body.id as string;

    const watcher = await connect(server, observer.token);
    sockets.push(watcher);
    okData(await request(watcher, "room:join", { roomId }));
    okData(await request(watcher, "proposal:open", { proposalId, stateVector: new Uint8Array([0]) }));
    await expectAckRefused(
      watcher,
      "proposal:update",
      { proposalId, update: new Uint8Array([0, 0]) },
      "READ_ONLY_ROLE",
    );
    await expectAckRefused(watcher, "proposal:create", { roomId, title: "Dari pengamat" }, "READ_ONLY_ROLE");
    await expectAckRefused(watcher, "version:save", { proposalId, name: "pengamat" }, "READ_ONLY_ROLE");
    await expectAckRefused(watcher, "chat:send", { roomId, body: "pengamat bicara" }, "READ_ONLY_ROLE");
    await expectAckRefused(watcher, "comment:post", { proposalId, body: "pengamat berkomentar" }, "READ_ONLY_ROLE");
    await expectAckRefused(
      watcher,
      "motion:vote",
      { motionId, position: "support", clientVoteId: randomUUID() },
      "READ_ONLY_ROLE",
    );
    await expectRefused(observer.api, "POST", `/api/rooms/${roomId}/pledges`, 403, "READ_ONLY_ROLE", {
      kind: "funds",
      quantity: 1,
      unit: "IDR",
    });

    const api = participant.api;
    await expectRefused(api, "PATCH", `/api/rooms/${roomId}/stage`, 403, "NOT_A_COORDINATOR", { stage: "ended" });
    await expectRefused(api, "POST", `/api/rooms/${roomId}/invites`, 403, "NOT_A_COORDINATOR", { role: "coordinator" });
    await expectRefused(api, "GET", `/api/rooms/${roomId}/invites`, 403, "NOT_A_COORDINATOR");
    await expectRefused(
      api,
      "PATCH",
      `/api/rooms/${roomId}/members/${participant.userId}/role`,
      403,
      "NOT_A_COORDINATOR",
      {
        role: "coordinator",
      },
    );
    await expectRefused(api, "DELETE", `/api/rooms/${roomId}/members/${observer.userId}`, 403, "NOT_A_COORDINATOR");
    await expectRefused(api, "PATCH", `/api/rooms/${roomId}/decision-settings`, 403, "NOT_A_COORDINATOR", {
      secretBallots: true,
    });
    await expectRefused(api, "POST", `/api/rooms/${roomId}/motions`, 403, "NOT_A_COORDINATOR", { proposalId });
    await expectRefused(api, "POST", `/api/motions/${motionId}/close`, 403, "NOT_A_COORDINATOR");
    await expectRefused(api, "PATCH", `/api/rooms/${roomId}/accountability-settings`, 403, "NOT_A_COORDINATOR", {
      quietPercent: 20,
    });

    const stored = await server.connection.collection("proposalupdates").countDocuments({
      proposalId: new Types.ObjectId(proposalId),
    });
    expect(stored).toBe(1);
    const room = await server.connection.collection("rooms").findOne({ _id: new Types.ObjectId(roomId) });
    expect(room?.stage).not.toBe("ended");
    expect(admitted).toEqual([]);
  });
});

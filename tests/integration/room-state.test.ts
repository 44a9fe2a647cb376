// A room's settings, memberships and proposal list in memory (server/src/commands/roomStates.ts): joins are
// served from the cache (counted on the database connection), a proposal's change is listed at the next join, role changes, removals and bans reach the member's open
// sockets at once, a change made on one process reaches sockets on another (Redis), and a room nobody is
// in is dropped once idle and loaded again with what the database holds then.
import { Types } from "mongoose";
import { describe, expect, inject, it } from "vitest";
import * as Y from "yjs";
import type { RoomMembershipChange } from "@mufakat/shared";
import { testClock } from "../utils/clock.ts";
import { eventually } from "../utils/eventually.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { countQueries } from "../utils/queries.ts";
import { type TestServer, serverForSuite } from "../utils/server.ts";
import {
  type LiveClient,
  type Member,
  connect,
  followPresence,
  okData,
  request,
  roomWithMembers,
  socketsClosedAfterAll,
} from "../utils/socket.ts";

const clock = testClock();
const idleMs = 60_000;
const server = serverForSuite({ now: clock.now, roomState: { idleMs, sweepMs: 0 } });
const sockets = socketsClosedAfterAll();

async function open(on: TestServer, token: string): Promise<LiveClient> {
  const socket = await connect(on, token);
  sockets.push(socket);
  return socket;
}

/** Every room:membership the socket receives, in order. */
function membershipChanges(socket: LiveClient): RoomMembershipChange[] {
  const seen: RoomMembershipChange[] = [];
  socket.on("room:membership", (change) => seen.push(change));
  return seen;
}

function textUpdate(content: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("catatan").insert(0, content);
  return Y.encodeStateAsUpdate(doc);
}

describe("room:join from the room's state in memory", () => {
  it("reads the room and its memberships once; the next joins of the room read no membership", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
      { sector: "community", role: "observer" },
    ]);
    const [gov, priv, comm] = members as [Member, Member, Member];
    const govSocket = await open(server, gov.token);
    const privSocket = await open(server, priv.token);
    const commSocket = await open(server, comm.token);
    const secondTab = await open(server, priv.token);
    const loadsBefore = server.app.roomStates.loads;
    const queries = countQueries(server.connection);
    try {
      // The first join loads the room: the room by _id and one read of its memberships.
      expect(okData(await request(govSocket, "room:join", { roomId })).role).toBe("coordinator");
      expect({
        rooms: queries.count("rooms"),
        memberships: queries.count("memberships"),
        membershipFinds: queries.count("memberships", "find"),
        users: queries.count("users"),
        proposals: queries.count("proposals"),
      }).toEqual({ rooms: 1, memberships: 1, membershipFinds: 1, users: 0, proposals: 1 });
      expect(server.app.roomStates.loads).toBe(loadsBefore + 1);

      // Two more members and a second tab: no room, membership, user or proposal read.
      queries.reset();
      expect(okData(await request(privSocket, "room:join", { roomId })).role).toBe("participant");
      expect(okData(await request(commSocket, "room:join", { roomId })).role).toBe("observer");
      expect(okData(await request(secondTab, "room:join", { roomId })).role).toBe("participant");
      expect({
        rooms: queries.count("rooms"),
        memberships: queries.count("memberships"),
        users: queries.count("users"),
        proposals: queries.count("proposals"),
      }).toEqual({ rooms: 0, memberships: 0, users: 0, proposals: 0 });
      expect(server.app.roomStates.loads).toBe(loadsBefore + 1);
    } finally {
      queries.stop();
    }
  });

  it("refuses a stranger after one read by the membership's _id, and finds a member added since the load", async () => {
    const { roomId, members } = await roomWithMembers(server, [{ sector: "government", role: "coordinator" }]);
    const gov = members[0] as Member;
    okData(await request(await open(server, gov.token), "room:join", { roomId }));
    const stranger = (await roomWithMembers(server, [{ sector: "media", role: "coordinator" }])).members[0] as Member;
    const strangerSocket = await open(server, stranger.token);
    const queries = countQueries(server.connection);
    try {
      expect(await request(strangerSocket, "room:join", { roomId })).toEqual({
        ok: false,
        error: { code: "NOT_A_MEMBER", message: "you are not a member of this room" },
      });
      expect(queries.entries.filter((entry) => entry.collection === "memberships")).toEqual([
        { collection: "memberships", method: "findOne" },
      ]);
    } finally {
      queries.stop();
    }
  });
});

describe("the room's proposal list in memory", () => {
  it("is read once, and again after a proposal is created, renamed, put to a motion or decided", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
    ]);
    const [gov, priv] = members as [Member, Member];
    const govSocket = await open(server, gov.token);
    okData(await request(govSocket, "room:join", { roomId }));
    const queries = countQueries(server.connection);
    /** What a member joining now is told, and how many proposal reads it cost. */
    const joinNow = async () => {
      queries.reset();
      const socket = await open(server, priv.token);
      const { proposals } = okData(await request(socket, "room:join", { roomId }));
      socket.close();
      return {
        listed: proposals.map((proposal) => [proposal.title, proposal.status]),
        reads: queries.count("proposals"),
      };
    };
    try {
      const created = okData(await request(govSocket, "proposal:create", { roomId, title: "Jadwal air" }));
      expect(await joinNow()).toEqual({ listed: [["Jadwal air", "draft"]], reads: 1 });
      expect(await joinNow()).toEqual({ listed: [["Jadwal air", "draft"]], reads: 0 });

      okData(await request(govSocket, "proposal:rename", { proposalId: created.id, title: "Jadwal air bersih" }));
      expect(await joinNow()).toEqual({ listed: [["Jadwal air bersih", "draft"]], reads: 1 });

      const voted = await seedProposal(server, roomId, gov.userId, "Air dialirkan dua kali sehari.");
      const motion = await gov.api.post(`/api/rooms/${roomId}/motions`, { proposalId: voted, durationMinutes: 60 });
      expect(motion.status, JSON.stringify(motion.body)).toBe(201);
      expect(await joinNow()).toEqual({
        listed: [
          ["Jadwal air bersih", "draft"],
          ["Jadwal air", "underVote"],
        ],
        reads: 1,
      });
      const closed = await gov.api.post(`/api/motions/${motion.body.id}/close`);
      expect(closed.status, JSON.stringify(closed.body)).toBe(200);
      expect(await joinNow()).toEqual({
        listed: [
          ["Jadwal air bersih", "draft"],
          ["Jadwal air", "notAdopted"],
        ],
        reads: 1,
      });

      // Opening a proposal of a room whose list is in memory reads no proposal either.
      queries.reset();
      const opened = okData(
        await request(govSocket, "proposal:open", { proposalId: voted, stateVector: Y.encodeStateVector(new Y.Doc()) }),
      );
      expect([opened.proposal.title, opened.proposal.status]).toEqual(["Jadwal air", "notAdopted"]);
      expect(queries.count("proposals")).toBe(0);
    } finally {
      queries.stop();
    }
  });
});

describe("membership changes reach the member's open sockets at once", () => {
  it("demotes a participant and removes them: the socket is told, its rights follow, presence shows it", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
    ]);
    const [gov, priv] = members as [Member, Member];
    const govSocket = await open(server, gov.token);
    const joined = okData(await request(govSocket, "room:join", { roomId }));
    const presence = followPresence(
      govSocket,
      roomId,
      (list) => list.map((m) => `${m.userId}:${m.role}`),
      joined.presence,
    );
    const proposal = okData(await request(govSocket, "proposal:create", { roomId, title: "Hak berubah" }));
    const privSocket = await open(server, priv.token);
    const told = membershipChanges(privSocket);
    okData(await request(privSocket, "room:join", { roomId }));
    expect(
      okData(await request(privSocket, "proposal:update", { proposalId: proposal.id, update: textUpdate("a") })).logId,
    ).not.toBeNull();

    expect((await gov.api.patch(`/api/rooms/${roomId}/members/${priv.userId}/role`, { role: "observer" })).status).toBe(
      200,
    );
    // Published before the HTTP answer: the very next edit is refused, with no database read in between.
    expect(await request(privSocket, "proposal:update", { proposalId: proposal.id, update: textUpdate("b") })).toEqual({
      ok: false,
      error: { code: "READ_ONLY_ROLE", message: "observers can read but not write" },
    });
    // The abilities it was told are those a fresh join as an observer answers with.
    const observerTab = await open(server, priv.token);
    const asObserver = okData(await request(observerTab, "room:join", { roomId }));
    observerTab.close();
    await eventually(() => expect(told).toEqual([{ roomId, role: "observer", abilities: asObserver.abilities }]));
    await eventually(() => expect(presence.at(-1)).toContain(`${priv.userId}:observer`));

    expect((await gov.api.delete(`/api/rooms/${roomId}/members/${priv.userId}`)).status).toBe(200);
    await eventually(() => expect(told.at(-1)).toEqual({ roomId, role: null, abilities: null }));
    expect(told).toHaveLength(2);
    expect(await request(privSocket, "proposal:update", { proposalId: proposal.id, update: textUpdate("c") })).toEqual({
      ok: false,
      error: { code: "NOT_IN_ROOM", message: "join the room (room:join) first" },
    });
    await eventually(() => expect(presence.at(-1)).toEqual([`${gov.userId}:coordinator`]));
    expect(
      await server.connection.collection("proposalupdates").countDocuments({ userId: new Types.ObjectId(priv.userId) }),
    ).toBe(1);
  });

  it("takes a demoted coordinator's coordinator abilities away the moment the second coordinator confirms", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
      { sector: "community", role: "participant" },
    ]);
    const [gov, priv, comm] = members as [Member, Member, Member];
    for (const member of [priv, comm]) {
      expect(
        (await gov.api.patch(`/api/rooms/${roomId}/members/${member.userId}/role`, { role: "coordinator" })).status,
      ).toBe(200);
    }
    const privSocket = await open(server, priv.token);
    const joinedAsCoordinator = okData(await request(privSocket, "room:join", { roomId }));
    expect(joinedAsCoordinator.role).toBe("coordinator");
    const told = membershipChanges(privSocket);

    const requested = await gov.api.patch(`/api/rooms/${roomId}/members/${priv.userId}/role`, { role: "participant" });
    expect(requested.status).toBe(202);
    expect(told).toEqual([]);
    const confirmed = await comm.api.post(
      `/api/rooms/${roomId}/pending-actions/${requested.body.pendingAction.id}/confirm`,
    );
    expect(confirmed.status).toBe(200);
    const participantTab = await open(server, priv.token);
    const asParticipant = okData(await request(participantTab, "room:join", { roomId }));
    participantTab.close();
    expect(asParticipant.abilities).not.toEqual(joinedAsCoordinator.abilities);
    await eventually(() => expect(told).toEqual([{ roomId, role: "participant", abilities: asParticipant.abilities }]));
  });
});

describe("an idle room's state", () => {
  it("is kept while in use, dropped once nobody was in it for idleMs, and loaded again with fresh data", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "academia", role: "participant" },
    ]);
    const academic = members[1] as Member;
    const first = await open(server, academic.token);
    expect(okData(await request(first, "room:join", { roomId })).role).toBe("participant");
    const { roomStates } = server.app;
    expect(roomStates.peek(roomId)?.cachedMembership(academic.userId)?.role).toBe("participant");

    // Written behind the app's back (no event): the cache does not see it while the room is in use...
    await server.connection
      .collection("memberships")
      .updateOne(
        { roomId: new Types.ObjectId(roomId), userId: new Types.ObjectId(academic.userId) },
        { $set: { role: "observer" } },
      );
    clock.advance(idleMs + 1);
    roomStates.sweep();
    const second = await open(server, academic.token);
    expect(okData(await request(second, "room:join", { roomId })).role).toBe("participant");

    // ...and once its last socket left, it stays for idleMs, then goes.
    first.close();
    second.close();
    await eventually(() => expect(server.app.realtime.io.of("/").adapter.rooms.has(`room:${roomId}`)).toBe(false));
    clock.advance(idleMs - 1);
    roomStates.sweep();
    expect(roomStates.peek(roomId)).toBeDefined();
    clock.advance(1);
    roomStates.sweep();
    expect(roomStates.peek(roomId)).toBeUndefined();

    const loads = roomStates.loads;
    const queries = countQueries(server.connection);
    try {
      const third = await open(server, academic.token);
      expect(okData(await request(third, "room:join", { roomId })).role).toBe("observer");
      expect(queries.count("memberships", "find")).toBe(1);
      expect(roomStates.loads).toBe(loads + 1);
    } finally {
      queries.stop();
    }
  });
});

const redisUrl = inject("redisUrl");

describe.skipIf(!redisUrl)("two processes with the Redis adapter (needs /usr/bin/redis-server)", () => {
  const serverA = serverForSuite({ redisUrl });
  // The same database as A; its own process state (room states, sockets).
  const serverB = serverForSuite(() => ({ redisUrl, databaseName: serverA.databaseName }));

  it("a role change and a removal made on process A reach the member's socket and the cache on process B", async () => {
    const { roomId, members } = await roomWithMembers(serverA, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
    ]);
    const [gov, priv] = members as [Member, Member];
    const onB = await open(serverB, priv.token);
    const told = membershipChanges(onB);
    okData(await request(onB, "room:join", { roomId }));
    const proposal = okData(await request(onB, "proposal:create", { roomId, title: "Lintas proses" }));
    expect(serverB.app.roomStates.peek(roomId)?.cachedMembership(priv.userId)?.role).toBe("participant");

    expect((await gov.api.patch(`/api/rooms/${roomId}/members/${priv.userId}/role`, { role: "observer" })).status).toBe(
      200,
    );
    const observerTab = await open(serverB, priv.token);
    const asObserver = okData(await request(observerTab, "room:join", { roomId }));
    observerTab.close();
    expect(asObserver.role).toBe("observer");
    await eventually(() => expect(told).toEqual([{ roomId, role: "observer", abilities: asObserver.abilities }]));
    expect(serverB.app.roomStates.peek(roomId)?.cachedMembership(priv.userId)?.role).toBe("observer");
    expect(await request(onB, "proposal:update", { proposalId: proposal.id, update: textUpdate("x") })).toEqual({
      ok: false,
      error: { code: "READ_ONLY_ROLE", message: "observers can read but not write" },
    });

    expect((await gov.api.delete(`/api/rooms/${roomId}/members/${priv.userId}`)).status).toBe(200);
    await eventually(() => expect(told.at(-1)).toEqual({ roomId, role: null, abilities: null }));
    expect(serverB.app.roomStates.peek(roomId)?.cachedMembership(priv.userId)).toBeUndefined();
    expect(await request(onB, "room:join", { roomId })).toEqual({
      ok: false,
      error: { code: "NOT_A_MEMBER", message: "you are not a member of this room" },
    });
  });

  it("a proposal created or renamed on process A is listed at the next join on process B", async () => {
    const { roomId, members } = await roomWithMembers(serverA, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
    ]);
    const [gov, priv] = members as [Member, Member];
    const onA = await open(serverA, gov.token);
    okData(await request(onA, "room:join", { roomId }));
    const onB = await open(serverB, priv.token);
    expect(okData(await request(onB, "room:join", { roomId })).proposals).toEqual([]);

    const created = okData(await request(onA, "proposal:create", { roomId, title: "Lintas proses" }));
    const titlesOnB = async () => {
      const socket = await open(serverB, priv.token);
      const { proposals } = okData(await request(socket, "room:join", { roomId }));
      socket.close();
      return proposals.map((proposal) => proposal.title);
    };
    await eventually(async () => expect(await titlesOnB()).toEqual(["Lintas proses"]));
    okData(await request(onA, "proposal:rename", { proposalId: created.id, title: "Lintas dua proses" }));
    await eventually(async () => expect(await titlesOnB()).toEqual(["Lintas dua proses"]));
  });
});

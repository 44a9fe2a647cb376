// The users of live sockets in memory (server/src/commands/activeUsers.ts): a reconnect reads no user; a
// profile change is in the next message's author card; a ban refuses the next handshake at once, on this
// process and on another one (Redis); and an entry is trusted for at most limits.activeUserMaxAgeMs, so a
// user removed behind the app's back is refused once it has passed.
import { banUser } from "@mufakat/server";
import { limits } from "@mufakat/shared";
import { Types } from "mongoose";
import { describe, expect, inject, it } from "vitest";
import { testClock } from "../utils/clock.ts";
import { eventually } from "../utils/eventually.ts";
import { countQueries } from "../utils/queries.ts";
import { type TestServer, serverForSuite } from "../utils/server.ts";
import {
  type LiveClient,
  type Member,
  connect,
  connectRefusal,
  okData,
  request,
  roomWithMembers,
  socketsClosedAfterAll,
} from "../utils/socket.ts";

const clock = testClock();
const server = serverForSuite({ now: clock.now });
const sockets = socketsClosedAfterAll();

async function open(on: TestServer, token: string): Promise<LiveClient> {
  const socket = await connect(on, token);
  sockets.push(socket);
  return socket;
}

describe("a live socket's user, in memory", () => {
  it("is read once: a reconnect reads no user; a profile change is in the next message's author", async () => {
    const { roomId, members } = await roomWithMembers(server, [{ sector: "community", role: "coordinator" }]);
    const member = members[0] as Member;
    const first = await open(server, member.token);
    okData(await request(first, "room:join", { roomId }));
    first.close();

    const queries = countQueries(server.connection);
    try {
      const again = await open(server, member.token);
      okData(await request(again, "room:join", { roomId }));
      const sent = okData(await request(again, "chat:send", { roomId, body: "Sudah hadir." }));
      expect(sent.author.displayName).toBe(member.session.user.displayName);
      expect(queries.count("users")).toBe(0);

      const renamed = await member.api.patch("/api/me", { displayName: "Rina Warga" });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
      queries.reset();
      const next = okData(await request(again, "chat:send", { roomId, body: "Nama baru." }));
      expect(next.author.displayName).toBe("Rina Warga");
      expect(queries.count("users", "findOne")).toBe(1);
    } finally {
      queries.stop();
    }
  });

  it("refuses a banned user's next handshake at once", async () => {
    const { members } = await roomWithMembers(server, [{ sector: "media", role: "coordinator" }]);
    const member = members[0] as Member;
    (await open(server, member.token)).close();
    await banUser(server.app.ctx, { userId: new Types.ObjectId(member.userId) });
    expect((await connectRefusal(server, member.token)).message).toBe("TOKEN_INVALID");
  });

  it("is trusted for activeUserMaxAgeMs: a user deleted behind the app's back is refused once it passed", async () => {
    const { members } = await roomWithMembers(server, [{ sector: "academia", role: "coordinator" }]);
    const member = members[0] as Member;
    (await open(server, member.token)).close();
    await server.connection.collection("users").deleteOne({ _id: new Types.ObjectId(member.userId) });
    // No event told the app: within the bound the socket is still let in...
    clock.advance(limits.activeUserMaxAgeMs - 1000);
    (await open(server, member.token)).close();
    // ...and once it has passed, the user is read again and refused.
    clock.advance(1000);
    expect((await connectRefusal(server, member.token)).message).toBe("TOKEN_INVALID");
  });
});

const redisUrl = inject("redisUrl");

describe.skipIf(!redisUrl)("two processes with the Redis adapter (needs /usr/bin/redis-server)", () => {
  const serverA = serverForSuite({ redisUrl });
  const serverB = serverForSuite(() => ({ redisUrl, databaseName: serverA.databaseName }));

  it("a ban and a profile change made on process A reach the live users of process B", async () => {
    const { roomId, members } = await roomWithMembers(serverA, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
    ]);
    const [renamed, banned] = members as [Member, Member];
    const renamedOnB = await open(serverB, renamed.token);
    okData(await request(renamedOnB, "room:join", { roomId }));
    (await open(serverB, banned.token)).close();
    expect(serverB.app.realtime.activeUsers.size).toBe(2);

    expect((await renamed.api.patch("/api/me", { displayName: "Budi Dinas PU" })).status).toBe(200);
    await eventually(async () => {
      const sent = okData(await request(renamedOnB, "chat:send", { roomId, body: "Cek nama." }));
      expect(sent.author.displayName).toBe("Budi Dinas PU");
    });

    await banUser(serverA.app.ctx, { userId: new Types.ObjectId(banned.userId) });
    await eventually(() => expect(serverB.app.realtime.activeUsers.size).toBe(1));
    expect((await connectRefusal(serverB, banned.token)).message).toBe("TOKEN_INVALID");
  });
});

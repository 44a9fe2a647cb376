// Live attendance (server/src/realtime/attendance.ts): every stay of a socket in a room is stored as an
// open record at the join and a closed one superseding it at the leave, a burst of them in grouped inserts
// (counted on the database connection), not one round trip each, and never as updates.
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { eventually } from "../utils/eventually.ts";
import { countQueries } from "../utils/queries.ts";
import { serverForSuite } from "../utils/server.ts";
import { type LiveClient, type Member, connect, okData, request, roomWithMembers } from "../utils/socket.ts";

const server = serverForSuite();

describe("attendance in a burst of joins and leaves", () => {
  it("stores one interval per stay, each closed at its leave, in grouped inserts and updates", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
      { sector: "community", role: "participant" },
    ]);
    const tabsPerMember = 10;
    const sockets: LiveClient[] = [];
    for (const member of members as Member[]) {
      for (let tab = 0; tab < tabsPerMember; tab++) sockets.push(await connect(server, member.token));
    }
    const intervals = server.connection.collection("attendanceintervals");
    const room = new Types.ObjectId(roomId);
    const queries = countQueries(server.connection);
    try {
      await Promise.all(sockets.map(async (socket) => okData(await request(socket, "room:join", { roomId }))));
      await eventually(async () => expect(await intervals.countDocuments({ roomId: room })).toBe(30));
      const inserts = queries.count("attendanceintervals", "insertMany");
      expect(inserts).toBeGreaterThan(0);
      expect(inserts).toBeLessThan(10);
      expect(queries.count("attendanceintervals", "insertOne")).toBe(0);

      for (const socket of sockets) socket.close();
      await eventually(async () =>
        expect(await intervals.countDocuments({ roomId: room, leftAt: { $ne: null } })).toBe(30),
      );
      expect(queries.count("attendanceintervals", "insertMany")).toBeLessThan(20);
      expect(queries.count("attendanceintervals", "insertOne")).toBe(0);
      expect(queries.count("attendanceintervals", "updateOne")).toBe(0);
      expect(queries.count("attendanceintervals", "bulkWrite")).toBe(0);

      // Each closed record supersedes its stay's open one, keeps its start and ends after it.
      const stored = await intervals.find({ roomId: room }).toArray();
      const opened = new Map(
        stored.filter((record) => !record.closes).map((record) => [record._id.toHexString(), record]),
      );
      const closed = stored.filter((record) => record.closes);
      expect([opened.size, closed.length]).toEqual([30, 30]);
      const perSector = new Map<string, number>();
      for (const record of closed) {
        const start = opened.get(record.closes.toHexString());
        expect(start && [start.socketId, start.joinedAt.getTime(), start.leftAt]).toEqual([
          record.socketId,
          record.joinedAt.getTime(),
          null,
        ]);
        expect(record.leftAt >= record.joinedAt).toBe(true);
        perSector.set(record.sector, (perSector.get(record.sector) ?? 0) + 1);
      }
      expect(Object.fromEntries(perSector)).toEqual({ government: 10, private: 10, community: 10 });
      expect(new Set(closed.map((record) => record.closes.toHexString())).size).toBe(30);
    } finally {
      queries.stop();
      for (const socket of sockets) socket.close();
    }
  });
});

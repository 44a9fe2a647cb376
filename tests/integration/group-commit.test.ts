// The group-commit writer (server/src/db/groupCommit.ts) against the real database: writes that arrive
// together are stored with one insertMany, in arrival order, each caller answered only once its group is
// stored; a group that fails rejects every caller in it with the same code, and none of them is acknowledged.
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Connection } from "mongoose";
import { GroupCommitWriter, connectMongoose } from "@mufakat/server";
import { freshDatabaseName } from "../utils/server.ts";

let connection: Connection;
beforeAll(async () => {
  connection = await connectMongoose(inject("mongoUri"), freshDatabaseName());
});
afterAll(async () => {
  await connection.dropDatabase().catch(() => undefined);
  await connection.close();
});

interface Row {
  _id: Types.ObjectId;
  key: string;
  n: number;
}

function writerFor(collection: string, windowMs = 5) {
  const groups: number[] = [];
  const writer = new GroupCommitWriter<Row>({
    name: collection,
    windowMs,
    store: async (rows) => {
      groups.push(rows.length);
      await connection.collection<Row>(collection).insertMany(rows, { ordered: true });
    },
  });
  return { writer, groups };
}

describe("group commit", () => {
  it("stores writes that arrive together in one insertMany, in arrival order, each acked after its group", async () => {
    const { writer, groups } = writerFor("grouped");
    const rows = Array.from({ length: 40 }, (_, n) => ({ _id: new Types.ObjectId(), key: `k${n}`, n }));
    const storedWhenAcked: number[] = [];
    await Promise.all(
      rows.map(async (row) => {
        await writer.write(row);
        // Ack after store: the caller's row is in the database when its promise resolves.
        storedWhenAcked.push(await connection.collection("grouped").countDocuments({ _id: row._id }));
      }),
    );
    expect(groups).toEqual([40]);
    expect(storedWhenAcked).toEqual(rows.map(() => 1));
    const stored = await connection.collection<Row>("grouped").find().sort({ _id: 1 }).toArray();
    expect(stored.map((row) => row.n)).toEqual(rows.map((row) => row.n));
    expect(writer.stats).toEqual({ groups: 1, stored: 40, failedGroups: 0, failedWrites: 0, largestGroup: 40 });
  });

  it("gathers the writes that arrive while a group is stored into the next group", async () => {
    const { writer, groups } = writerFor("following");
    const first = Array.from({ length: 10 }, (_, n) => writer.write({ _id: new Types.ObjectId(), key: `a${n}`, n }));
    // Once the first group is being stored (its window has passed), 15 more arrive.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = Array.from({ length: 15 }, (_, n) =>
      writer.write({ _id: new Types.ObjectId(), key: `b${n}`, n: 10 + n }),
    );
    await Promise.all([...first, ...second]);
    expect(groups).toEqual([10, 15]);
    const stored = await connection.collection<Row>("following").find().sort({ _id: 1 }).toArray();
    expect(stored.map((row) => row.n)).toEqual(Array.from({ length: 25 }, (_, n) => n));
  });

  it("rejects every caller of a failed group with one code and acknowledges none of them", async () => {
    await connection.collection("failing").createIndex({ key: 1 }, { unique: true });
    await connection.collection("failing").insertOne({ _id: new Types.ObjectId(), key: "taken", n: -1 });
    const { writer, groups } = writerFor("failing");
    const rows = ["x0", "x1", "taken", "x3"].map((key, n) => ({ _id: new Types.ObjectId(), key, n }));
    const outcomes = await Promise.allSettled(rows.map((row) => writer.write(row)));
    expect(groups).toEqual([4]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected", "rejected"]);
    for (const outcome of outcomes) {
      const error = (outcome as PromiseRejectedResult).reason as { code: string; cause: { code: number } };
      expect(error.code).toBe("INTERNAL");
      // The store's own error is kept for the caller's layer (a ballot's duplicate clientVoteId).
      expect(error.cause.code).toBe(11000);
    }
    expect(writer.stats).toMatchObject({ groups: 1, stored: 0, failedGroups: 1, failedWrites: 4 });
    // The next group is not held up by the failed one.
    await writer.write({ _id: new Types.ObjectId(), key: "after", n: 9 });
    expect(await connection.collection("failing").countDocuments({ key: "after" })).toBe(1);
    await writer.idle();
  });
});

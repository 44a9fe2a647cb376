// `pnpm exec tsx tests/bench/memory.ts [--connections=500] [--per-room=4] [--servers=mufakat,hocuspocus]
//  [--snapshots]`: what one connection costs a server. Starts each server fresh (pinned, on 127.0.0.1 as the
// bench does), seeds connections/per-room documents, measures heap and RSS after a full collection, connects
// every client (Mufakat: handshake, room:join, proposal:open; Hocuspocus: auth and sync) and measures again.
// With --snapshots it writes a heap snapshot before and after (tests/artifacts/bench/memory/) and prints what
// the heap gained per connection, by constructor and closure name. Bounded: at most 2,000 connections.
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import * as Y from "yjs";
import { round } from "./lib/histogram.ts";
import { groupHeapSnapshot, type HeapSnapshotJson, heapGrowth } from "./lib/heapSnapshot.ts";
import { repoRoot, type ServerKind, startServerUnderTest } from "./lib/servers.ts";
import type { Peer } from "./lib/transports.ts";
import { prepareDocuments } from "./workloads.ts";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "500" },
    "per-room": { type: "string", default: "4" },
    servers: { type: "string", default: "mufakat" },
    snapshots: { type: "boolean", default: false },
  },
});
const connections = Math.min(2000, Math.max(1, Number(values.connections) || 500));
const perRoom = Math.max(1, Number(values["per-room"]) || 4);
const outDir = path.join(repoRoot, "tests/artifacts/bench/memory");
await fs.mkdir(outDir, { recursive: true });

interface MemoryReading {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  rssKb: number;
  snapshot: string | null;
  collected: boolean;
}

async function measure(kind: ServerKind): Promise<void> {
  const sut = await startServerUnderTest(kind, { nodeFlags: ["--expose-gc"] });
  const child = sut.children[0];
  const peers: Peer[] = [];
  try {
    if (!child) throw new Error("no server process");
    const rooms = Math.ceil(connections / perRoom);
    const { documents } = await prepareDocuments(sut, rooms, perRoom);
    const read = (label: string) =>
      child.request<MemoryReading>("memory", {
        gc: true,
        ...(values.snapshots ? { snapshot: path.join(outDir, `${kind}-${label}.heapsnapshot`) } : {}),
      });
    // Let the seeding's garbage and lazy initialisation settle: one connection and back, then measure.
    const warm = documents[0]?.makePeer(0);
    if (warm) {
      await warm.open(new Uint8Array([0]), () => new Uint8Array([0, 0]));
      warm.close();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const before = await read("before");
    const specs = documents
      .flatMap((document) => Array.from({ length: document.editors }, (_, index) => () => document.makePeer(index)))
      .slice(0, connections);
    for (let i = 0; i < specs.length; i += 25) {
      await Promise.all(
        specs.slice(i, i + 25).map(async (make) => {
          const peer = make();
          const doc = new Y.Doc();
          await peer.open(Y.encodeStateVector(doc), (vector) => Y.encodeStateAsUpdate(doc, vector));
          doc.destroy();
          peers.push(peer);
        }),
      );
    }
    // Presence broadcasts and attendance inserts of the last joins finish first.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = await read("after");
    const per = (a: number, b: number) => round((b - a) / 1024 / peers.length, 1);
    process.stdout.write(
      `${kind}: ${peers.length} connections over ${rooms} documents${before.collected ? " (after full GC)" : ""}\n` +
        `  RSS ${round(before.rssKb / 1024)} -> ${round(after.rssKb / 1024)} MB: ${round((after.rssKb - before.rssKb) / peers.length, 1)} KB per connection\n` +
        `  heap used ${round(before.heapUsed / 2 ** 20)} -> ${round(after.heapUsed / 2 ** 20)} MB: ${per(before.heapUsed, after.heapUsed)} KB per connection\n` +
        `  heap total ${round(before.heapTotal / 2 ** 20)} -> ${round(after.heapTotal / 2 ** 20)} MB: ${per(before.heapTotal, after.heapTotal)} KB per connection\n` +
        `  external ${per(before.external, after.external)} KB, array buffers ${per(before.arrayBuffers, after.arrayBuffers)} KB per connection\n`,
    );
    if (before.snapshot && after.snapshot) {
      const load = async (file: string) =>
        groupHeapSnapshot(JSON.parse(await fs.readFile(file, "utf8")) as HeapSnapshotJson);
      const growth = heapGrowth(await load(before.snapshot), await load(after.snapshot), peers.length, 40);
      process.stdout.write("  heap growth per connection (self size), largest first:\n");
      for (const entry of growth) {
        process.stdout.write(
          `    ${String(entry.bytesPerUnit).padStart(8)} B  ${String(entry.countPerUnit).padStart(6)} ×  ${entry.key}\n`,
        );
      }
      await Promise.all([before.snapshot, after.snapshot].map((file) => fs.rm(file, { force: true })));
    }
  } finally {
    for (const peer of peers) peer.close();
    await sut.stop();
  }
}

for (const kind of (values.servers ?? "mufakat").split(",") as ServerKind[]) await measure(kind);
process.exit(0);

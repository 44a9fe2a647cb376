// The six workloads. Each starts fresh server processes (pinned to the server core), prepares its
// documents or room outside the measured window, measures, verifies, and stops everything it started.
import { randomUUID } from "node:crypto";
import * as Y from "yjs";
import { type Position, proposalBodyFragment } from "@mufakat/shared";
import type { SeededRoom } from "./children/mufakat.ts";
import type { ProbeStats } from "./children/probe.ts";
import { type CoEditDocument, type CoEditOutcome, runCoEdit } from "./lib/coEdit.ts";
import { Histogram, type LatencySummary, round, summarize } from "./lib/histogram.ts";
import {
  type ServerChild,
  type ServerKind,
  type ServerUnderTest,
  startRedis,
  startServerUnderTest,
} from "./lib/servers.ts";
import { generateTrace, seededRandom } from "./lib/trace.ts";
import { MufakatPeer, type Peer, YProtocolPeer } from "./lib/transports.ts";

/** The first few failures of a run and how many more, for one log line. */
function summarizeFailures(failures: string[]): string {
  const shown = failures.slice(0, 3).join("; ");
  return failures.length > 3 ? `${shown}; and ${failures.length - 3} more` : shown;
}

export interface ServerMeasure {
  /** CPU seconds of the server side during the measured window: node process(es), and the database. */
  cpuSeconds: number;
  nodeCpuSeconds: number;
  databaseCpuSeconds: number;
  peakRssMb: number;
  eventLoop: { p99Ms: number; maxMs: number };
}

export interface BenchOptions {
  cpuProfileDir?: string | undefined;
  log: (line: string) => void;
}

const initialText = "Usulan: jadwal distribusi air bersih untuk warga. ";

function paragraphDocument(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(proposalBodyFragment).insert(0, [paragraph]);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, "ws");
}

/** Documents with a first paragraph, ready for `editors` editors and one late joiner each. */
export async function prepareDocuments(
  sut: ServerUnderTest,
  count: number,
  editors: number,
  text = initialText,
): Promise<{ documents: CoEditDocument[]; rooms: SeededRoom[] }> {
  const urls = sut.children.map((child) => child.url);
  if (sut.kind === "mufakat") {
    const seeder = sut.children[0];
    if (!seeder) throw new Error("no Mufakat process");
    const rooms: SeededRoom[] = [];
    for (let i = 0; i < count; i += 50) {
      const batch = Math.min(50, count - i);
      rooms.push(
        ...(await seeder.request<SeededRoom[]>("seed", {
          rooms: Array.from({ length: batch }, () => ({ members: editors + 1, proposals: 1, text })),
        })),
      );
    }
    return {
      rooms,
      documents: rooms.map((room) => ({
        editors,
        makePeer: (index: number) => {
          const member = room.members[index];
          if (!member) throw new Error(`no member ${index}`);
          return new MufakatPeer(
            urls[index % urls.length] as string,
            member.token,
            room.roomId,
            room.proposalIds[0] as string,
          );
        },
      })),
    };
  }
  const flavour = sut.kind;
  const url = wsUrl(urls[0] as string);
  const documents: CoEditDocument[] = [];
  for (let i = 0; i < count; i++) {
    const name = `proposal-${i}`;
    const seedPeer = new YProtocolPeer(url, name, flavour);
    const seedDoc = new Y.Doc();
    await seedPeer.open(Y.encodeStateVector(seedDoc), (vector) => Y.encodeStateAsUpdate(seedDoc, vector));
    await seedPeer.send(paragraphDocument(text));
    // The floor has no acknowledgement: check with a second client that the paragraph is there.
    for (let attempt = 0; attempt < 100; attempt++) {
      const check = new YProtocolPeer(url, name, flavour);
      const checkDoc = new Y.Doc();
      Y.applyUpdate(checkDoc, await check.open(new Uint8Array([0]), () => new Uint8Array([0, 0])));
      check.close();
      const ready = checkDoc.getXmlFragment(proposalBodyFragment).length > 0;
      checkDoc.destroy();
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    seedPeer.close();
    seedDoc.destroy();
    documents.push({ editors, makePeer: () => new YProtocolPeer(url, name, flavour) });
  }
  return { documents, rooms: [] };
}

/**
 * Server-side measures of a window: counters reset when `run` calls `markStart` (after its clients are
 * connected; at once when it never does), read when it resolves.
 */
async function measureWindow<T>(
  sut: ServerUnderTest,
  run: (markStart: () => Promise<void>) => Promise<T>,
): Promise<{ result: T; server: ServerMeasure }> {
  let cpuBefore = 0;
  let databaseBefore = 0;
  let marked = false;
  const markStart = async () => {
    marked = true;
    await Promise.all(sut.children.map((child) => child.stats(true)));
    cpuBefore = sut.cpuSeconds();
    databaseBefore = sut.database?.cpuSeconds() ?? 0;
  };
  const result = await run(markStart);
  if (!marked) throw new Error("measureWindow: the run never marked its start");
  const stats: ProbeStats[] = await Promise.all(sut.children.map((child) => child.stats()));
  const databaseCpu = (sut.database?.cpuSeconds() ?? 0) - databaseBefore;
  const cpu = sut.cpuSeconds() - cpuBefore;
  return {
    result,
    server: {
      cpuSeconds: round(cpu, 2),
      nodeCpuSeconds: round(cpu - databaseCpu, 2),
      databaseCpuSeconds: round(databaseCpu, 2),
      peakRssMb: round(stats.reduce((sum, s) => sum + s.hwmKb, 0) / 1024),
      eventLoop: {
        p99Ms: round(Math.max(...stats.map((s) => s.eventLoop.p99Ms))),
        maxMs: round(Math.max(...stats.map((s) => s.eventLoop.maxMs))),
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// 1 and 6: one busy proposal.

export interface BusyProposalParams {
  editors: number[];
  intervalMs: number;
  durationMs: number;
}

export interface BusyProposalRow {
  server: string;
  editors: number;
  outcome: CoEditOutcome | null;
  server_: ServerMeasure | null;
  cpuMsPerEdit: number | null;
  holds: boolean;
  error?: string;
}

export async function busyProposal(
  kind: ServerKind,
  params: BusyProposalParams,
  options: BenchOptions,
  scaleOut: { processes: number; label: string } | null = null,
): Promise<BusyProposalRow[]> {
  const rows: BusyProposalRow[] = [];
  const label = scaleOut?.label ?? kind;
  let skipRest = false;
  for (const editors of params.editors) {
    if (skipRest) {
      rows.push({
        server: label,
        editors,
        outcome: null,
        server_: null,
        cpuMsPerEdit: null,
        holds: false,
        error: "skipped: a smaller N was already far over 1 s p99",
      });
      continue;
    }
    const redis = scaleOut ? await startRedis() : null;
    const sut = await startServerUnderTest(kind, {
      cpuProfileDir: options.cpuProfileDir,
      ...(scaleOut ? { processes: scaleOut.processes, redisUrl: redis?.url } : {}),
    });
    try {
      const { documents } = await prepareDocuments(sut, 1, editors);
      const { result, server } = await measureWindow(sut, (markStart) =>
        runCoEdit(
          documents,
          {
            intervalMs: params.intervalMs,
            durationMs: params.durationMs,
            sampledReplicas: 5,
            connectConcurrency: 20,
            drainMs: 20_000,
          },
          { beforeRun: markStart },
        ),
      );
      const holds = result.verified && result.latency.p99Ms < 100;
      rows.push({
        server: label,
        editors,
        outcome: result,
        server_: server,
        cpuMsPerEdit: result.editsSent ? round((server.cpuSeconds * 1000) / result.editsSent, 3) : null,
        holds,
      });
      options.log(
        `  ${label} N=${editors}: p50 ${result.latency.p50Ms} p99 ${result.latency.p99Ms} max ${result.latency.maxMs} ms, ` +
          `cpu ${server.cpuSeconds}s, rss ${server.peakRssMb} MB, loop max ${server.eventLoop.maxMs} ms, ` +
          `generator loop p99 ${result.generatorEventLoop.p99Ms} ms, ${result.outOfOrder} out of order, ${result.verified ? "verified" : `FAILED: ${summarizeFailures(result.failures)}`}`,
      );
      if (result.latency.p99Ms > 1000 || !result.verified) skipRest = true;
    } catch (error) {
      rows.push({
        server: label,
        editors,
        outcome: null,
        server_: null,
        cpuMsPerEdit: null,
        holds: false,
        error: (error as Error).message,
      });
      options.log(`  ${label} N=${editors}: ERROR ${(error as Error).message}`);
      skipRest = true;
    } finally {
      await sut.stop();
      await redis?.stop();
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// 2: many rooms.

export interface ManyRoomsParams {
  proposals: number;
  editorsPerProposal: number;
  intervalMs: number;
  durationMs: number;
  /** One chat message per room every this many ms (Mufakat only). */
  chatIntervalMs: number;
}

export interface ManyRoomsRow {
  server: string;
  connections: number;
  outcome: CoEditOutcome | null;
  server_: ServerMeasure | null;
  rssBeforeMb: number;
  rssPerConnectionKb: number | null;
  chat: { sent: number; acked: number; ack: LatencySummary } | null;
  error?: string;
}

export async function manyRooms(
  kind: ServerKind,
  params: ManyRoomsParams,
  options: BenchOptions,
): Promise<ManyRoomsRow> {
  const sut = await startServerUnderTest(kind, { cpuProfileDir: options.cpuProfileDir });
  const connections = params.proposals * params.editorsPerProposal;
  try {
    const { documents, rooms } = await prepareDocuments(sut, params.proposals, params.editorsPerProposal);
    const before = await Promise.all(sut.children.map((child) => child.stats()));
    const rssBeforeKb = before.reduce((sum, s) => sum + s.rssKb, 0);
    // Chat rides on the editors' own connections: each room's editor 0 posts.
    const chatPeers = new Map<number, MufakatPeer>();
    const wrapped = documents.map((document, index) => ({
      editors: document.editors,
      makePeer: (editor: number): Peer => {
        const peer = document.makePeer(editor);
        if (editor === 0 && peer instanceof MufakatPeer) chatPeers.set(index, peer);
        return peer;
      },
    }));
    const chatAck = new Histogram();
    let chatSent = 0;
    let chatAcked = 0;
    const chatTimers: NodeJS.Timeout[] = [];
    const { result, server } = await measureWindow(sut, (markStart) =>
      runCoEdit(
        wrapped,
        {
          intervalMs: params.intervalMs,
          durationMs: params.durationMs,
          sampledReplicas: 1,
          connectConcurrency: 25,
          drainMs: 20_000,
        },
        {
          beforeRun: async () => {
            await markStart();
            if (kind !== "mufakat") return;
            const chatsPerRoom = Math.floor(params.durationMs / params.chatIntervalMs);
            for (const [index, peer] of chatPeers) {
              const room = rooms[index];
              if (!room) continue;
              let made = 0;
              const offset = (index / chatPeers.size) * params.chatIntervalMs;
              const post = () => {
                if (made >= chatsPerRoom) return;
                made += 1;
                chatSent += 1;
                const sentAt = performance.now();
                void peer.request("chat:send", { roomId: room.roomId, body: `Pesan ${made} dari ruang ${index}` }).then(
                  (ack) => {
                    if (ack.ok) {
                      chatAcked += 1;
                      chatAck.record(performance.now() - sentAt);
                    }
                  },
                  () => undefined,
                );
                if (made < chatsPerRoom) chatTimers.push(setTimeout(post, params.chatIntervalMs));
              };
              chatTimers.push(setTimeout(post, offset));
            }
          },
          afterRun: async () => {
            for (const timer of chatTimers) clearTimeout(timer);
          },
        },
      ),
    );
    const rssPerConnectionKb = round((server.peakRssMb * 1024 - rssBeforeKb) / connections, 1);
    options.log(
      `  ${kind} ${connections} connections: p99 ${result.latency.p99Ms} ms, rss ${round(rssBeforeKb / 1024)} -> ${server.peakRssMb} MB ` +
        `(${rssPerConnectionKb} KB/connection), cpu ${server.cpuSeconds}s, loop max ${server.eventLoop.maxMs} ms, ` +
        `${result.verified ? "verified" : `FAILED: ${summarizeFailures(result.failures)}`}`,
    );
    return {
      server: kind,
      connections,
      outcome: result,
      server_: server,
      rssBeforeMb: round(rssBeforeKb / 1024),
      rssPerConnectionKb,
      chat: kind === "mufakat" ? { sent: chatSent, acked: chatAcked, ack: chatAck.summary() } : null,
    };
  } catch (error) {
    options.log(`  ${kind} many rooms: ERROR ${(error as Error).message}`);
    return {
      server: kind,
      connections,
      outcome: null,
      server_: null,
      rssBeforeMb: 0,
      rssPerConnectionKb: null,
      chat: null,
      error: (error as Error).message,
    };
  } finally {
    await sut.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------
// 3: big document.

export interface BigDocumentParams {
  operations: number;
  opsPerUpdate: number;
  syncRepeats: number;
}

export interface BigDocumentRow {
  server: string;
  characters: number;
  updates: number;
  uploadSeconds: number;
  /** Step 1 sent to step 2 applied, on a connected (and joined) client. */
  warmSyncMs: LatencySummary | null;
  /** Connect, handshake (and room:join) and sync. */
  warmConnectAndSyncMs: LatencySummary | null;
  coldSyncBeforeCompactionMs: LatencySummary | null;
  coldSyncAfterCompactionMs: LatencySummary | null;
  warmSyncAfterCompactionMs: LatencySummary | null;
  storedBytesBefore: number | null;
  storedBytesAfter: number | null;
  stateBytes: number;
  eventLoopMaxMs: number | null;
  verified: boolean;
  failures: string[];
  error?: string;
}

export interface Trace {
  updates: Uint8Array[];
  text: string;
  state: Uint8Array;
}

/** The trace applied to a local document, one transaction per operation, cut into client updates. */
export function buildTraceUpdates(params: BigDocumentParams): Trace {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => pending.push(update));
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText("");
  paragraph.insert(0, [text]);
  doc.getXmlFragment(proposalBodyFragment).insert(0, [paragraph]);
  let operations = 0;
  generateTrace(params.operations, 20261129, (operation) => {
    if (operation.type === "insert") text.insert(operation.index, operation.text);
    else text.delete(operation.index, operation.length);
    operations += 1;
    if (operations % params.opsPerUpdate === 0) {
      updates.push(Y.mergeUpdates(pending));
      pending = [];
    }
  });
  if (pending.length) updates.push(Y.mergeUpdates(pending));
  const result = { updates, text: text.toString(), state: Y.encodeStateAsUpdate(doc) };
  doc.destroy();
  return result;
}

export function emptyBigDocument(kind: string): BigDocumentRow {
  return {
    server: kind,
    characters: 0,
    updates: 0,
    uploadSeconds: 0,
    warmSyncMs: null,
    warmConnectAndSyncMs: null,
    coldSyncBeforeCompactionMs: null,
    coldSyncAfterCompactionMs: null,
    warmSyncAfterCompactionMs: null,
    storedBytesBefore: null,
    storedBytesAfter: null,
    stateBytes: 0,
    eventLoopMaxMs: null,
    verified: false,
    failures: [],
  };
}

export async function bigDocument(
  kind: ServerKind,
  trace: Trace,
  params: BigDocumentParams,
  options: BenchOptions,
): Promise<BigDocumentRow> {
  const failures: string[] = [];
  const row: BigDocumentRow = {
    server: kind,
    characters: trace.text.length,
    updates: trace.updates.length,
    uploadSeconds: 0,
    warmSyncMs: null,
    warmConnectAndSyncMs: null,
    coldSyncBeforeCompactionMs: null,
    coldSyncAfterCompactionMs: null,
    warmSyncAfterCompactionMs: null,
    storedBytesBefore: null,
    storedBytesAfter: null,
    stateBytes: trace.state.byteLength,
    eventLoopMaxMs: null,
    verified: false,
    failures,
  };
  const sut = await startServerUnderTest(kind, {
    cpuProfileDir: options.cpuProfileDir,
    // Compaction only when asked, and a document nobody has open unloads after 200 ms (cold syncs).
    mufakat: { compactAfterUpdates: 1_000_000_000, compactAfterLogBytes: 1e12, idleUnloadMs: 200 },
  });
  const child = sut.children[0];
  try {
    if (!child) throw new Error("no server process");
    let makePeer: () => Peer;
    let loaded: () => Promise<boolean>;
    let proposalId = "";
    if (kind === "mufakat") {
      const [room] = await child.request<SeededRoom[]>("seed", { rooms: [{ members: 2, proposals: 1, text: "" }] });
      if (!room) throw new Error("no room seeded");
      proposalId = room.proposalIds[0] as string;
      makePeer = () => new MufakatPeer(child.url, room.members[1]!.token, room.roomId, proposalId);
      loaded = () => child.request<boolean>("loaded", { proposalId });
    } else {
      makePeer = () => new YProtocolPeer(wsUrl(child.url), "big-proposal", kind);
      loaded = () =>
        kind === "hocuspocus" ? child.request<boolean>("loaded", { name: "big-proposal" }) : Promise.resolve(true);
    }
    // The seeded Mufakat proposal already has an empty paragraph; the trace brings its own paragraph, so
    // the check looks for the trace's text in any paragraph.
    const uploader = makePeer();
    const uploadDoc = new Y.Doc();
    await uploader.open(Y.encodeStateVector(uploadDoc), (vector) => Y.encodeStateAsUpdate(uploadDoc, vector));
    const uploadStarted = performance.now();
    for (const update of trace.updates) await uploader.send(update);
    row.uploadSeconds = round((performance.now() - uploadStarted) / 1000, 2);

    /** A new client: connect (and join), then sync; the sync is timed from step 1 sent to step 2 applied. */
    const syncOnce = async () => {
      const peer = makePeer();
      const doc = new Y.Doc();
      try {
        const connectStarted = performance.now();
        await peer.prepare();
        const started = performance.now();
        Y.applyUpdate(doc, await peer.open(Y.encodeStateVector(doc), () => new Uint8Array([0, 0])));
        const ended = performance.now();
        const texts = doc
          .getXmlFragment(proposalBodyFragment)
          .toArray()
          .map((node) => (node instanceof Y.XmlElement ? node.get(0) : null))
          .map((text) => (text instanceof Y.XmlText ? text.toString() : ""));
        return { syncMs: ended - started, totalMs: ended - connectStarted, ok: texts.includes(trace.text) };
      } finally {
        peer.close();
        doc.destroy();
      }
    };
    // Wait until everything sent is there (the floor has no acknowledgement).
    for (let attempt = 0; attempt < 200; attempt++) {
      if ((await syncOnce()).ok) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const warm = async (label: string) => {
      // The uploader keeps the document open: it stays in the server's memory.
      const sync: number[] = [];
      const total: number[] = [];
      for (let i = 0; i < params.syncRepeats; i++) {
        const once = await syncOnce();
        if (!once.ok) failures.push(`${label}: the synced text differs from the trace`);
        sync.push(once.syncMs);
        total.push(once.totalMs);
      }
      return { sync: summarize(sync), total: summarize(total) };
    };
    const warmNow = await warm("warm");
    row.warmSyncMs = warmNow.sync;
    row.warmConnectAndSyncMs = warmNow.total;
    uploader.close();
    uploadDoc.destroy();
    const cold = async (label: string) => {
      const samples: number[] = [];
      for (let i = 0; i < params.syncRepeats; i++) {
        // Nobody has it open: wait until the server unloaded it, so the next open loads it from storage.
        for (let attempt = 0; attempt < 300 && (await loaded()); attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        if (await loaded()) failures.push(`${label}: the document stayed loaded`);
        const once = await syncOnce();
        if (!once.ok) failures.push(`${label}: the synced text differs from the trace`);
        samples.push(once.syncMs);
      }
      return summarize(samples);
    };
    if (kind === "mufakat") {
      const stored = await child.request<{ logBytes: number; snapshotBytes: number }>("storedBytes", { proposalId });
      row.storedBytesBefore = stored.logBytes + stored.snapshotBytes;
      row.coldSyncBeforeCompactionMs = await cold("cold before compaction");
      const compacted = await child.request<{ state: string }>("compact", { proposalId });
      if (compacted.state !== "compacted") failures.push(`compaction: ${compacted.state}`);
      const after = await child.request<{ logBytes: number; snapshotBytes: number }>("storedBytes", { proposalId });
      row.storedBytesAfter = after.logBytes + after.snapshotBytes;
      row.coldSyncAfterCompactionMs = await cold("cold after compaction");
      const holder = makePeer();
      await holder.open(new Uint8Array([0]), () => new Uint8Array([0, 0]));
      row.warmSyncAfterCompactionMs = (await warm("warm after compaction")).sync;
      holder.close();
    } else if (kind === "hocuspocus") {
      row.coldSyncAfterCompactionMs = await cold("cold");
      const rows = await child.request<Array<{ bytes: number }>>("storedBytes");
      row.storedBytesAfter = rows.reduce((sum, r) => sum + r.bytes, 0);
      row.warmSyncAfterCompactionMs = row.warmSyncMs;
    }
    row.eventLoopMaxMs = round((await child.stats()).eventLoop.maxMs);
    row.verified = failures.length === 0;
    options.log(
      `  ${kind} big document (${row.characters} chars, ${row.updates} updates, state ${row.stateBytes} B): ` +
        `warm sync ${row.warmSyncMs?.p50Ms} ms (with connect ${row.warmConnectAndSyncMs?.p50Ms}), cold before ${row.coldSyncBeforeCompactionMs?.p50Ms ?? "-"} ms, ` +
        `cold after ${row.coldSyncAfterCompactionMs?.p50Ms ?? "-"} ms, stored ${row.storedBytesBefore ?? "-"} -> ${row.storedBytesAfter ?? "-"} B, ` +
        `loop max ${row.eventLoopMaxMs} ms, ${row.verified ? "verified" : `FAILED: ${summarizeFailures(failures)}`}`,
    );
  } catch (error) {
    row.error = (error as Error).message;
    options.log(`  ${kind} big document: ERROR ${row.error}`);
  } finally {
    await sut.stop();
  }
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// 4: vote burst (Mufakat only).

export interface VoteBurstParams {
  members: number;
  windowMs: number;
  maxResends: number;
}

export interface VoteBurstRow {
  members: number;
  sends: number;
  ack: LatencySummary;
  allAck: LatencySummary;
  votesPerSecond: number;
  tallyExact: boolean;
  storedVotes: number;
  distinctVoters: number;
  refusals: Record<string, number>;
  server_: ServerMeasure | null;
  verified: boolean;
  failures: string[];
  userCreation: string;
  error?: string;
}

/** What a vote burst sent and got back (shared by W4 and W7). */
interface VoteRound {
  sends: number;
  firstAcks: number[];
  allAcks: number[];
  refusals: Record<string, number>;
  /** Positions cast, per position: what the tally must read. */
  expected: Record<string, number>;
  votesPerSecond: number;
  failures: string[];
}

const votePositions: Position[] = ["support", "supportWithReservations", "standAside", "object", "block"];

/** The coordinator opens a motion on the proposal over HTTP; returns its id. */
async function openMotion(url: string, roomId: string, proposalId: string, coordinatorToken: string): Promise<string> {
  const opened = await fetch(`${url}/api/rooms/${roomId}/motions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${coordinatorToken}` },
    body: JSON.stringify({ proposalId, durationMinutes: 60 }),
  });
  const motion = (await opened.json()) as { id: string };
  if (opened.status !== 201) throw new Error(`open motion: ${opened.status} ${JSON.stringify(motion)}`);
  return motion.id;
}

/**
 * Every peer votes once within `windowMs` (seeded positions and send times), each vote resent 0–maxResends
 * times 30 ms apart with the same clientVoteId. Every member must get at least one send acknowledged.
 */
async function castVotes(
  peers: MufakatPeer[],
  motionId: string,
  params: { windowMs: number; maxResends: number },
  seed: number,
): Promise<VoteRound> {
  const random = seededRandom(seed);
  const round_: VoteRound = {
    sends: 0,
    firstAcks: [],
    allAcks: [],
    refusals: {},
    expected: Object.fromEntries(votePositions.map((position) => [position, 0])),
    votesPerSecond: 0,
    failures: [],
  };
  const { refusals, expected } = round_;
  let firstSend = Number.POSITIVE_INFINITY;
  let lastFirstAck = 0;
  await Promise.all(
    peers.map(async (peer, index) => {
      const roll = random();
      const position = votePositions[
        roll < 0.6 ? 0 : roll < 0.8 ? 1 : roll < 0.9 ? 2 : roll < 0.98 ? 3 : 4
      ] as Position;
      expected[position] = (expected[position] ?? 0) + 1;
      const payload = {
        motionId,
        position,
        clientVoteId: randomUUID(),
        ...(position === "support" ? {} : { reason: "Catatan sektor" }),
      };
      const resends = Math.floor(random() * (params.maxResends + 1));
      const at = random() * params.windowMs;
      await new Promise((resolve) => setTimeout(resolve, at));
      const sends = Array.from({ length: 1 + resends }, async (_, attempt) => {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, attempt * 30));
        const sentAt = performance.now();
        firstSend = Math.min(firstSend, sentAt);
        round_.sends += 1;
        let ack: Awaited<ReturnType<typeof peer.request<"motion:vote">>>;
        try {
          // The whole workload's budget: under a vote burst an ack may take long, and how long is the result.
          ack = await peer.request("motion:vote", payload, 150_000);
        } catch (error) {
          refusals.noAck = (refusals.noAck ?? 0) + 1;
          return {
            attempt,
            ack: { ok: false as const, error: { code: "NO_ACK", message: (error as Error).message } },
          };
        }
        const ms = performance.now() - sentAt;
        round_.allAcks.push(ms);
        if (attempt === 0) {
          round_.firstAcks.push(ms);
          lastFirstAck = Math.max(lastFirstAck, performance.now());
        }
        if (!ack.ok) refusals[ack.error.code] = (refusals[ack.error.code] ?? 0) + 1;
        return { attempt, ack };
      });
      const acks = await Promise.all(sends);
      if (!acks.some(({ ack }) => ack.ok)) round_.failures.push(`member ${index}: no send acknowledged`);
    }),
  );
  round_.votesPerSecond = round((peers.length * 1000) / Math.max(1, lastFirstAck - firstSend), 0);
  for (const code of Object.keys(refusals)) {
    // A resend that meets the motion while it closes (the last vote closes it) cannot know it was counted.
    if (code !== "MOTION_CLOSED") round_.failures.push(`refused: ${code} x${refusals[code]}`);
  }
  return round_;
}

/** The motion's tally (over HTTP) and its stored votes (in the database) against what was cast. */
async function checkVotes(
  child: ServerChild,
  motionId: string,
  voters: number,
  expected: Record<string, number>,
  readerToken: string,
): Promise<{ tallyExact: boolean; storedVotes: number; distinctVoters: number; failures: string[] }> {
  const failures: string[] = [];
  const read = await fetch(`${child.url}/api/motions/${motionId}`, {
    headers: { authorization: `Bearer ${readerToken}` },
  });
  const body = (await read.json()) as { tally: { totals: Record<string, number>; votersCount: number } };
  const tallyExact =
    body.tally.votersCount === voters &&
    votePositions.every((position) => body.tally.totals[position] === expected[position]);
  if (!tallyExact) failures.push(`tally ${JSON.stringify(body.tally.totals)} != expected ${JSON.stringify(expected)}`);
  const stored = await child.request<{ count: number; distinctVoters: number }>("votes", { motionId });
  if (stored.count !== voters || stored.distinctVoters !== voters) {
    failures.push(`stored ${stored.count} votes of ${stored.distinctVoters} voters, expected ${voters}`);
  }
  return { tallyExact, storedVotes: stored.count, distinctVoters: stored.distinctVoters, failures };
}

/** Connects each member and joins the room, 25 at a time, into `peers` (in member order; the caller closes them). */
async function joinMembers(url: string, room: SeededRoom, proposalId: string, peers: MufakatPeer[]): Promise<void> {
  const concurrency = 25;
  for (let i = 0; i < room.members.length; i += concurrency) {
    const batch = room.members
      .slice(i, i + concurrency)
      .map((member) => new MufakatPeer(url, member.token, room.roomId, proposalId));
    peers.push(...batch);
    await Promise.all(
      batch.map(async (peer) => {
        const joined = await peer.request("room:join", { roomId: room.roomId });
        if (!joined.ok) throw new Error(`room:join ${joined.error.code}`);
      }),
    );
  }
}

export async function voteBurst(params: VoteBurstParams, options: BenchOptions): Promise<VoteBurstRow> {
  const sut = await startServerUnderTest("mufakat", { cpuProfileDir: options.cpuProfileDir });
  const failures: string[] = [];
  const row: VoteBurstRow = {
    members: params.members,
    sends: 0,
    ack: summarize([]),
    allAck: summarize([]),
    votesPerSecond: 0,
    tallyExact: false,
    storedVotes: 0,
    distinctVoters: 0,
    refusals: {},
    server_: null,
    verified: false,
    failures,
    userCreation:
      "users, memberships and the proposal inserted straight into the database by the server process (insertMany, one shared placeholder password hash, no argon2), access tokens signed with the server's secret",
  };
  const peers: MufakatPeer[] = [];
  try {
    const child = sut.children[0]!;
    const [room] = await child.request<SeededRoom[]>("seed", {
      rooms: [{ members: params.members, proposals: 1, text: "Jam operasional puskesmas" }],
    });
    if (!room) throw new Error("no room");
    const proposalId = room.proposalIds[0] as string;
    await joinMembers(child.url, room, proposalId, peers);
    const coordinator = room.members[0]!;
    const motionId = await openMotion(child.url, room.roomId, proposalId, coordinator.token);
    // Let the presence broadcasts of 500 joins settle before the burst.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const { result: votes, server } = await measureWindow(sut, async (markStart) => {
      await markStart();
      return castVotes(peers, motionId, params, 4242);
    });
    row.server_ = server;
    row.sends = votes.sends;
    row.refusals = votes.refusals;
    row.ack = summarize(votes.firstAcks);
    row.allAck = summarize(votes.allAcks);
    row.votesPerSecond = votes.votesPerSecond;
    failures.push(...votes.failures);
    const checked = await checkVotes(child, motionId, params.members, votes.expected, coordinator.token);
    row.tallyExact = checked.tallyExact;
    row.storedVotes = checked.storedVotes;
    row.distinctVoters = checked.distinctVoters;
    failures.push(...checked.failures);
    row.verified = failures.length === 0;
    options.log(
      `  vote burst ${params.members} members, ${row.sends} sends: ack p50 ${row.ack.p50Ms} p99 ${row.ack.p99Ms} ms, ` +
        `${row.votesPerSecond} votes/s, tally ${row.tallyExact ? "exact" : "WRONG"}, loop max ${server.eventLoop.maxMs} ms, ` +
        `${row.verified ? "verified" : `FAILED: ${summarizeFailures(failures)}`}`,
    );
  } catch (error) {
    row.error = (error as Error).message;
    options.log(`  vote burst: ERROR ${row.error}`);
  } finally {
    for (const peer of peers) peer.close();
    await sut.stop();
  }
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// 5: reconnect storm.

export interface ReconnectStormParams {
  clients: number;
  clientsPerDocument: number;
  windowMs: number;
}

export interface ReconnectStormRow {
  server: string;
  clients: number;
  allResyncedMs: number | null;
  perClient: LatencySummary | null;
  server_: ServerMeasure | null;
  verified: boolean;
  failures: string[];
  error?: string;
}

export async function reconnectStorm(
  kind: ServerKind,
  params: ReconnectStormParams,
  options: BenchOptions,
): Promise<ReconnectStormRow> {
  const sut = await startServerUnderTest(kind, { cpuProfileDir: options.cpuProfileDir });
  const failures: string[] = [];
  const row: ReconnectStormRow = {
    server: kind,
    clients: params.clients,
    allResyncedMs: null,
    perClient: null,
    server_: null,
    verified: false,
    failures,
  };
  const text = `${initialText.repeat(40)}`;
  const clients: Array<{ makePeer: () => Peer; peer: Peer; doc: Y.Doc }> = [];
  try {
    const documentCount = Math.ceil(params.clients / params.clientsPerDocument);
    const { documents } = await prepareDocuments(sut, documentCount, params.clientsPerDocument, text);
    const specs = documents
      .flatMap((document) =>
        Array.from({ length: document.editors }, (_, index) => ({ makePeer: () => document.makePeer(index) })),
      )
      .slice(0, params.clients);
    for (let i = 0; i < specs.length; i += 25) {
      await Promise.all(
        specs.slice(i, i + 25).map(async (spec) => {
          const doc = new Y.Doc();
          const peer = spec.makePeer();
          Y.applyUpdate(doc, await peer.open(Y.encodeStateVector(doc), (vector) => Y.encodeStateAsUpdate(doc, vector)));
          clients.push({ makePeer: spec.makePeer, peer, doc });
        }),
      );
    }
    const random = seededRandom(5151);
    const durations: number[] = [];
    const { result, server } = await measureWindow(sut, async (markStart) => {
      await markStart();
      const started = performance.now();
      await Promise.all(
        clients.map(async (client) => {
          const dropAt = random() * params.windowMs;
          const reconnectAfter = random() * 50;
          await new Promise((resolve) => setTimeout(resolve, dropAt));
          client.peer.close();
          await new Promise((resolve) => setTimeout(resolve, reconnectAfter));
          const reconnectStarted = performance.now();
          const peer = client.makePeer();
          for (let attempt = 0; attempt < 3; attempt++) {
            try {
              Y.applyUpdate(
                client.doc,
                await peer.open(Y.encodeStateVector(client.doc), (vector) => Y.encodeStateAsUpdate(client.doc, vector)),
              );
              break;
            } catch (error) {
              if (attempt === 2) failures.push(`resync failed: ${(error as Error).message}`);
            }
          }
          client.peer = peer;
          durations.push(performance.now() - reconnectStarted);
          const first = client.doc.getXmlFragment(proposalBodyFragment).get(0);
          const body = first instanceof Y.XmlElement ? first.get(0) : null;
          if (!(body instanceof Y.XmlText) || body.toString() !== text) failures.push("a resynced replica differs");
        }),
      );
      return performance.now() - started;
    });
    row.allResyncedMs = round(result);
    row.perClient = summarize(durations);
    row.server_ = server;
    row.verified = failures.length === 0;
    options.log(
      `  ${kind} reconnect storm ${params.clients} clients: all re-synced after ${row.allResyncedMs} ms, per client p50 ${row.perClient.p50Ms} ` +
        `p99 ${row.perClient.p99Ms} ms, loop max ${server.eventLoop.maxMs} ms, ${row.verified ? "verified" : `FAILED: ${summarizeFailures(failures)}`}`,
    );
  } catch (error) {
    row.error = (error as Error).message;
    options.log(`  ${kind} reconnect storm: ERROR ${row.error}`);
  } finally {
    for (const client of clients) {
      client.peer.close();
      client.doc.destroy();
    }
    await sut.stop();
  }
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// 7: town hall. One room: `editors` of its members edit one proposal while the others watch it, the room's
// chat running; then every member votes on a motion within `voteWindowMs`. Hocuspocus runs the editing
// part with the same editors and viewers on one document (it has no chat or votes).

export interface TownHallParams {
  members: number;
  editors: number;
  intervalMs: number;
  durationMs: number;
  /** Chat messages per second in the room during the editing, from members in turn (Mufakat only). */
  chatPerSecond: number;
  voteWindowMs: number;
  maxResends: number;
}

export interface TownHallRow {
  server: string;
  members: number;
  editors: number;
  viewers: number;
  /** Edits at every other client, editors and viewers. */
  edit: CoEditOutcome | null;
  editServer: ServerMeasure | null;
  chat: {
    sent: number;
    acked: number;
    ack: LatencySummary;
    stored: number;
    /** Acknowledged messages some member never received. */
    missedDeliveries: number;
  } | null;
  vote: {
    sends: number;
    ack: LatencySummary;
    allAck: LatencySummary;
    votesPerSecond: number;
    tallyExact: boolean;
    storedVotes: number;
    distinctVoters: number;
    refusals: Record<string, number>;
  } | null;
  voteServer: ServerMeasure | null;
  /** Every edit, acknowledged chat message and vote arrived and was stored (each part's checks). */
  verified: boolean;
  failures: string[];
  error?: string;
}

export function emptyTownHall(server: string, params: TownHallParams): TownHallRow {
  return {
    server,
    members: params.members,
    editors: params.editors,
    viewers: params.members - params.editors,
    edit: null,
    editServer: null,
    chat: null,
    vote: null,
    voteServer: null,
    verified: false,
    failures: [],
  };
}

export async function townHall(kind: ServerKind, params: TownHallParams, options: BenchOptions): Promise<TownHallRow> {
  const row = emptyTownHall(kind, params);
  const { failures } = row;
  const viewers = params.members - params.editors;
  if (viewers < 0) throw new Error("town hall: more editors than members");
  const sut = await startServerUnderTest(kind, { cpuProfileDir: options.cpuProfileDir });
  const peers = new Map<number, MufakatPeer>();
  try {
    const child = sut.children[0];
    if (!child) throw new Error("no server process");
    let document: CoEditDocument;
    let room: SeededRoom | null = null;
    if (kind === "mufakat") {
      const [seeded] = await child.request<SeededRoom[]>("seed", {
        rooms: [{ members: params.members, proposals: 1, text: initialText }],
      });
      if (!seeded) throw new Error("no room seeded");
      room = seeded;
      const proposalId = seeded.proposalIds[0] as string;
      document = {
        editors: params.editors,
        viewers,
        makePeer: (index) => {
          // The late joiner (index = members) is a second connection of the coordinator: the room keeps
          // exactly `members` members, all of whom vote.
          const member = seeded.members[index % seeded.members.length];
          if (!member) throw new Error(`no member ${index}`);
          const peer = new MufakatPeer(child.url, member.token, seeded.roomId, proposalId);
          if (index < seeded.members.length) peers.set(index, peer);
          return peer;
        },
      };
    } else {
      const prepared = await prepareDocuments(sut, 1, params.editors);
      const only = prepared.documents[0];
      if (!only) throw new Error("no document prepared");
      document = { ...only, viewers };
    }

    // Chat: one message every 1000/chatPerSecond ms, from each member in turn; every member counts what
    // reaches it, by message id.
    const chatAck = new Histogram();
    const acked = new Set<string>();
    const received: Array<Set<string>> = [];
    let chatSent = 0;
    let chatAnswered = 0;
    let chatTimer: NodeJS.Timeout | null = null;
    const startChat = () => {
      if (!room || params.chatPerSecond <= 0) return;
      const chatRoom = room;
      const members = [...peers.entries()].sort(([a], [b]) => a - b).map(([, peer]) => peer);
      for (const peer of members) {
        const seen = new Set<string>();
        received.push(seen);
        peer.socket?.on("discussion:message", ({ message }) => {
          seen.add(message.id);
        });
      }
      let next = 0;
      chatTimer = setInterval(() => {
        const peer = members[next % members.length];
        next += 1;
        if (!peer) return;
        chatSent += 1;
        const sentAt = performance.now();
        peer.request("chat:send", { roomId: chatRoom.roomId, body: `Tanggapan warga ${next}` }).then(
          (ack) => {
            chatAnswered += 1;
            if (ack.ok) {
              chatAck.record(performance.now() - sentAt);
              acked.add(ack.data.id);
            } else failures.push(`chat refused: ${ack.error.code}`);
          },
          (error: Error) => {
            chatAnswered += 1;
            failures.push(`chat not acknowledged: ${error.message}`);
          },
        );
      }, 1000 / params.chatPerSecond);
    };

    const { result: edit, server: editServer } = await measureWindow(sut, (markStart) =>
      runCoEdit(
        [document],
        {
          intervalMs: params.intervalMs,
          durationMs: params.durationMs,
          sampledReplicas: 5,
          connectConcurrency: 20,
          drainMs: 20_000,
          keepPeersOpen: kind === "mufakat",
        },
        {
          beforeRun: async () => {
            await markStart();
            startChat();
          },
          afterRun: async () => {
            if (chatTimer) clearInterval(chatTimer);
          },
        },
      ),
    );
    row.edit = edit;
    row.editServer = editServer;
    if (!edit.verified) failures.push(...edit.failures.map((failure) => `edit: ${failure}`));

    if (room) {
      // Chat: every acknowledged message stored and delivered to every member.
      const deadline = performance.now() + 10_000;
      const missing = () => received.reduce((sum, seen) => sum + [...acked].filter((id) => !seen.has(id)).length, 0);
      while (chatAnswered < chatSent && performance.now() < deadline) await sleep(50);
      while (missing() > 0 && performance.now() < deadline) await sleep(50);
      const stored = await child.request<number>("chatMessages", { roomId: room.roomId });
      const missedDeliveries = missing();
      row.chat = { sent: chatSent, acked: acked.size, ack: chatAck.summary(), stored, missedDeliveries };
      if (stored < acked.size) failures.push(`chat: ${acked.size} acknowledged, ${stored} stored`);
      if (missedDeliveries > 0) failures.push(`chat: ${missedDeliveries} deliveries of acknowledged messages missing`);

      // Votes: every member, on the connections they edited and watched with.
      const members = [...peers.entries()].sort(([a], [b]) => a - b).map(([, peer]) => peer);
      const coordinator = room.members[0]!;
      const motionId = await openMotion(child.url, room.roomId, room.proposalIds[0] as string, coordinator.token);
      await sleep(1000);
      const { result: votes, server: voteServer } = await measureWindow(sut, async (markStart) => {
        await markStart();
        return castVotes(members, motionId, { windowMs: params.voteWindowMs, maxResends: params.maxResends }, 7777);
      });
      failures.push(...votes.failures);
      const checked = await checkVotes(child, motionId, params.members, votes.expected, coordinator.token);
      failures.push(...checked.failures);
      row.vote = {
        sends: votes.sends,
        ack: summarize(votes.firstAcks),
        allAck: summarize(votes.allAcks),
        votesPerSecond: votes.votesPerSecond,
        tallyExact: checked.tallyExact,
        storedVotes: checked.storedVotes,
        distinctVoters: checked.distinctVoters,
        refusals: votes.refusals,
      };
      row.voteServer = voteServer;
    }
    row.verified = failures.length === 0;
    options.log(
      `  ${kind} town hall ${params.members} members (${params.editors} editing): edit p50 ${edit.latency.p50Ms} p99 ${edit.latency.p99Ms} ms, ` +
        `loop max ${editServer.eventLoop.maxMs} ms` +
        (row.chat ? `; chat ack p99 ${row.chat.ack.p99Ms} ms (${row.chat.acked}/${row.chat.sent})` : "") +
        (row.vote
          ? `; vote ack p99 ${row.vote.ack.p99Ms} ms, ${row.vote.votesPerSecond} votes/s, tally ${row.vote.tallyExact ? "exact" : "WRONG"}, loop max ${row.voteServer?.eventLoop.maxMs} ms`
          : "") +
        `, ${row.verified ? "verified" : `FAILED: ${summarizeFailures(failures)}`}`,
    );
  } catch (error) {
    row.error = (error as Error).message;
    options.log(`  ${kind} town hall: ERROR ${row.error}`);
  } finally {
    for (const peer of peers.values()) peer.close();
    await sut.stop();
  }
  return row;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Faults: the database stops for 10 s under live use and starts again. Meanwhile /healthz answers 503,
// REST writes get 503 DATABASE_UNAVAILABLE with Retry-After, socket writes get DATABASE_UNAVAILABLE acks
// (never an ok for something not stored), clients stay connected; afterwards the server recovers by
// itself, the refused edits are resent, every acknowledged write is present, documents converge and the
// decision log verifies.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Types } from "mongoose";
import * as Y from "yjs";
import { type EmbeddedDatabase, findFreePort, startFerretDb } from "@mufakat/server";
import { afterAll, describe, expect, inject, it } from "vitest";
import { roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { type TestServer, startServer } from "../utils/server.ts";
import {
  type LiveClient,
  ProposalEditor,
  connect,
  okData,
  paragraphTextOf,
  rawRequest,
  request,
  storedState,
} from "../utils/socket.ts";
import { storedPositions } from "../utils/ballots.ts";

const binary = inject("ferretDbBinary");
const cleanups: Array<() => Promise<void>> = [];
const sockets: LiveClient[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function contains(state: Uint8Array, update: Uint8Array): boolean {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateAsUpdate(doc);
  Y.applyUpdate(doc, update);
  const same = Buffer.compare(Buffer.from(before), Buffer.from(Y.encodeStateAsUpdate(doc))) === 0;
  doc.destroy();
  return same;
}

describe.skipIf(!binary)("the database stops for 10 s (embedded FerretDB; skipped with MONGODB_URI)", () => {
  it("refuses writes with a retryable error, keeps clients connected, and recovers without losing an ack", async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "mufakat-faults-db-"));
    const port = await findFreePort();
    let database: EmbeddedDatabase = await startFerretDb({ binary, dataDir, port });
    let server: TestServer | null = null;
    cleanups.push(async () => {
      await server?.close({ keepDatabase: true });
      await database.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    });
    server = await startServer({ mongoUri: database.uri, motionSweepMs: 0 });
    const live = server;
    const { roomId, coordinator, members } = await roomOfSectors(live, 1);
    const proposalId = await seedProposal(live, roomId, coordinator.id, "Awal.");
    const votedProposal = await seedProposal(live, roomId, coordinator.id, "Dipilih");
    const motion = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId: votedProposal });
    expect(motion.status).toBe(201);
    const motionId = motion.body.id as string;

    const editors: ProposalEditor[] = [];
    for (const member of members.slice(0, 2)) {
      const socket = await connect(live, member.accessToken);
      sockets.push(socket);
      okData(await request(socket, "room:join", { roomId }));
      const editor = new ProposalEditor(socket, proposalId);
      await editor.open();
      editors.push(editor);
    }
    const [first, second] = editors as [ProposalEditor, ProposalEditor];
    first.createParagraph("Sebelum. ");
    await eventually(() => expect(second.text()).toBe("Sebelum. "));
    const chatAcked: string[] = [];
    const chat = okData(await request(first.socket, "chat:send", { roomId, body: "sebelum gangguan" }));
    chatAcked.push(chat.id);

    // The database goes away.
    await database.stop();
    const downAt = Date.now();
    await eventually(async () => expect((await fetch(`${live.url}/healthz`)).status).toBe(503), { timeout: 5000 });
    const refusals: Record<string, number> = {};
    const note = (code: string) => {
      refusals[code] = (refusals[code] ?? 0) + 1;
    };
    // While it is down: writes over REST and the socket are refused as retryable, never acknowledged.
    while (Date.now() - downAt < 10_000) {
      const rest = await coordinator.client.post(`/api/rooms/${roomId}/pledges`, {
        kind: "funds",
        quantity: 5,
        unit: "IDR",
      });
      expect(rest.status).toBe(503);
      expect(rest.body.error.code).toBe("DATABASE_UNAVAILABLE");
      expect(rest.headers.get("retry-after")).toBeTruthy();
      note("REST 503");
      const chatAck = await rawRequest(first.socket, "chat:send", { roomId, body: "saat gangguan" });
      expect(chatAck.ok ? "ok" : chatAck.error.code).toBe("DATABASE_UNAVAILABLE");
      note("chat");
      const vote = await rawRequest(second.socket, "motion:vote", {
        motionId,
        position: "support",
        clientVoteId: randomUUID(),
      });
      expect(vote.ok ? "ok" : vote.error.code).toBe("DATABASE_UNAVAILABLE");
      note("vote");
      first.paragraph?.insert(0, "x");
      // Pacing, not synchronisation: one round of use every 500 ms for the whole outage.
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await eventually(() => expect(first.refusals.length).toBeGreaterThan(0), { timeout: 10_000 });
    expect(new Set(first.refusals.map((refusal) => refusal.code))).toEqual(new Set(["DATABASE_UNAVAILABLE"]));
    expect(first.socket.connected && second.socket.connected).toBe(true);

    // Back: the server recovers by itself; the refused edits are resent and stored.
    database = await startFerretDb({ binary, dataDir, port });
    await eventually(async () => expect((await fetch(`${live.url}/healthz`)).status).toBe(200), { timeout: 30_000 });
    first.refusals.length = 0;
    first.resendUnacked();
    second.paragraph?.insert(0, "Sesudah. ");
    await eventually(
      () => {
        expect(first.unacked.size).toBe(0);
        expect(second.unacked.size).toBe(0);
        expect(second.text()).toBe(first.text());
      },
      { timeout: 20_000 },
    );
    expect(first.refusals).toEqual([]);
    const after = okData(await request(first.socket, "chat:send", { roomId, body: "sesudah gangguan" }));
    chatAcked.push(after.id);

    // Acknowledged writes present, nothing refused stored, documents converge, the log verifies.
    const stored = await storedState(live.connection, proposalId);
    const acked = editors.flatMap((editor) => editor.ackedUpdates);
    expect(acked.filter((update) => !contains(stored.state, update))).toEqual([]);
    expect(paragraphTextOf(stored.state)).toBe(first.text());
    const messages = await live.connection
      .collection("discussionmessages")
      .find({ roomId: new Types.ObjectId(roomId) })
      .toArray();
    expect(messages.map((message) => message.body).sort()).toEqual(["sebelum gangguan", "sesudah gangguan"]);
    expect(await live.connection.collection("pledges").countDocuments()).toBe(0);
    expect((await storedPositions(live.connection, motionId)).length).toBe(0);
    expect((await coordinator.client.post(`/api/motions/${motionId}/close`)).status).toBe(200);
    const verified = await coordinator.client.get(`/api/rooms/${roomId}/decisions/verify`);
    expect(verified.body).toMatchObject({ valid: true, checked: 1 });
    console.log(
      `faults: database down 10 s — refused ${JSON.stringify(refusals)} + ${editors.length} editors' edits retried, ` +
        `acked ${acked.length + chatAcked.length}, lost 0, clients stayed connected, recovered by itself`,
    );
  }, 120_000);
});

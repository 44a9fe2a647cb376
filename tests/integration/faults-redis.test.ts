// Faults: Redis stops for 10 s under two server processes (socket.io Redis adapter) and starts again.
// Meanwhile each process keeps serving its own clients (edits acknowledged and relayed locally, chat);
// afterwards cross-process delivery resumes and every editor, on either process, converges on what is
// stored, with no acknowledged write lost.
import * as Y from "yjs";
import { findFreePort } from "@mufakat/server";
import { afterAll, describe, expect, it } from "vitest";
import { seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { type RedisServer, redisServerInstalled, startRedisServer } from "../utils/redis.ts";
import { type TestServer, startServer } from "../utils/server.ts";
import {
  type LiveClient,
  type Member,
  ProposalEditor,
  connect,
  okData,
  paragraphTextOf,
  rawRequest,
  request,
  roomWithMembers,
  storedState,
} from "../utils/socket.ts";

const servers: TestServer[] = [];
const sockets: LiveClient[] = [];
let redis: RedisServer | null = null;

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const server of servers.reverse()) await server.close({ keepDatabase: server !== servers.at(-1) });
  await stopRedis();
});

async function startRedis(port: number): Promise<void> {
  redis = await startRedisServer({ port });
}

/** An outage, not a shutdown: SIGKILL, so Redis says goodbye to no one. */
async function stopRedis(): Promise<void> {
  await redis?.stop("SIGKILL");
}

function contains(state: Uint8Array, update: Uint8Array): boolean {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateAsUpdate(doc);
  Y.applyUpdate(doc, update);
  const same = Buffer.compare(Buffer.from(before), Buffer.from(Y.encodeStateAsUpdate(doc))) === 0;
  doc.destroy();
  return same;
}

describe.skipIf(!redisServerInstalled())("Redis stops for 10 s under two processes (needs redis-server)", () => {
  it("keeps each process serving its own clients, then resumes cross-process delivery and converges", async () => {
    const port = await findFreePort();
    await startRedis(port);
    const redisUrl = `redis://127.0.0.1:${port}`;
    const a = await startServer({ redisUrl });
    const b = await startServer({ redisUrl, databaseName: a.databaseName });
    servers.push(a, b);
    const { roomId, members } = await roomWithMembers(a, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
      { sector: "community", role: "participant" },
    ]);
    const proposalId = await seedProposal(a, roomId, members[0]?.userId ?? "", "Awal.");
    const placement: Array<[Member, TestServer]> = [
      [members[0] as Member, a],
      [members[1] as Member, a],
      [members[2] as Member, b],
    ];
    const editors: ProposalEditor[] = [];
    for (const [member, server] of placement) {
      const socket = await connect(server, member.token);
      sockets.push(socket);
      okData(await request(socket, "room:join", { roomId }));
      const editor = new ProposalEditor(socket, proposalId);
      await editor.open();
      editors.push(editor);
    }
    const [onA, alsoOnA, onB] = editors as [ProposalEditor, ProposalEditor, ProposalEditor];
    onA.createParagraph("Mulai. ");
    await eventually(() => expect(onB.text()).toBe("Mulai. "));

    // Redis goes away for 10 s. Both processes keep acknowledging their clients' edits and chat, and A's
    // two clients keep seeing each other's edits.
    await stopRedis();
    const downAt = Date.now();
    let chatAcked = 0;
    let localRounds = 0;
    while (Date.now() - downAt < 10_000) {
      onA.paragraph?.insert(0, "a");
      onB.paragraph?.insert(0, "b");
      const chat = await rawRequest(alsoOnA.socket, "chat:send", { roomId, body: `saat redis mati ${localRounds}` });
      expect(chat.ok ? "ok" : chat.error.code).toBe("ok");
      chatAcked += 1;
      await eventually(() => {
        expect(onA.unacked.size).toBe(0);
        expect(onB.unacked.size).toBe(0);
        expect(alsoOnA.text()).toBe(onA.text());
      });
      localRounds += 1;
      // Pacing, not synchronisation: one round of use every 500 ms for the whole outage.
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(onA.refusals).toEqual([]);
    expect(onB.refusals).toEqual([]);
    for (const editor of editors) expect(editor.socket.connected).toBe(true);

    // Redis is back: cross-process delivery resumes and everyone converges on what is stored.
    await startRedis(port);
    onA.paragraph?.insert(0, "Sesudah. ");
    await eventually(
      () => {
        for (const editor of editors) {
          expect(editor.unacked.size).toBe(0);
          expect(editor.text()).toBe(onA.text());
        }
      },
      { timeout: 30_000 },
    );
    const stored = await storedState(a.connection, proposalId);
    expect(paragraphTextOf(stored.state)).toBe(onA.text());
    const acked = editors.flatMap((editor) => editor.ackedUpdates);
    expect(acked.filter((update) => !contains(stored.state, update))).toEqual([]);
    // A newcomer on B is served B's in-memory document, which caught up as well.
    const late = await connect(b, (members[1] as Member).token);
    sockets.push(late);
    okData(await request(late, "room:join", { roomId }));
    const newcomer = new ProposalEditor(late, proposalId);
    await newcomer.open();
    expect(newcomer.text()).toBe(onA.text());
    console.log(
      `faults: redis down 10 s — ${localRounds} rounds served locally on both processes, ` +
        `acked ${acked.length + chatAcked}, lost 0; converged across processes after Redis returned`,
    );
  }, 90_000);
});

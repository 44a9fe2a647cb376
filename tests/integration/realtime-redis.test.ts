// Two server processes behind one Redis (socket.io Redis adapter), on one database: clients on different
// processes co-edit and converge, each process's in-memory document follows the other's edits, and
// presence lists the members connected to either.
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../utils/eventually.ts";
import { type TestServer, startServer } from "../utils/server.ts";
import {
  type LiveClient,
  ProposalEditor,
  connect,
  followPresence,
  okData,
  paragraphTextOf,
  request,
  roomWithMembers,
  seededRandom,
  storedState,
} from "../utils/socket.ts";

const redisUrl = inject("redisUrl");
let serverA: TestServer;
let serverB: TestServer;
const sockets: LiveClient[] = [];

beforeAll(async () => {
  if (!redisUrl) return;
  serverA = await startServer({ redisUrl });
  serverB = await startServer({ redisUrl, databaseName: serverA.databaseName });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await serverB?.close({ keepDatabase: true });
  await serverA?.close();
});

describe.skipIf(!redisUrl)("two processes with the Redis adapter (needs /usr/bin/redis-server)", () => {
  it("converges across processes, keeps both in-memory documents current, and shares presence", async () => {
    const { roomId, members } = await roomWithMembers(serverA, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
      { sector: "community", role: "participant" },
    ]);
    const [gov, priv, comm] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    const onA = await connect(serverA, gov.token);
    const privOnB = await connect(serverB, priv.token);
    const commOnB = await connect(serverB, comm.token);
    sockets.push(onA, privOnB, commOnB);
    const presenceSeenOnA = followPresence(onA, roomId, (members) => members.map((m) => m.userId));

    okData(await request(onA, "room:join", { roomId }));
    const proposal = okData(await request(onA, "proposal:create", { roomId, title: "Lintas proses" }));
    const joinedOnB = okData(await request(privOnB, "room:join", { roomId }));
    expect(joinedOnB.proposals.map((p) => p.id)).toEqual([proposal.id]);
    expect(joinedOnB.presence.map((m) => m.userId).sort()).toEqual([gov.userId, priv.userId].sort());
    okData(await request(commOnB, "room:join", { roomId }));
    await eventually(() =>
      expect(presenceSeenOnA.at(-1)?.sort()).toEqual([gov.userId, priv.userId, comm.userId].sort()),
    );

    // A on process A, B's editor on process B: B's document is loaded before A types.
    const editorA = new ProposalEditor(onA, proposal.id);
    const editorB = new ProposalEditor(privOnB, proposal.id);
    await editorA.open();
    await editorB.open();
    expect(serverB.app.realtime.hub.isLoaded(proposal.id)).toBe(true);
    editorA.createParagraph("Dari A. ");
    await eventually(() => expect(editorB.text()).toBe("Dari A. "));

    // Concurrent random edits from both processes.
    await Promise.all(
      [editorA, editorB].map(async (editor, index) => {
        const random = seededRandom(99 + index);
        for (let i = 0; i < 30; i++) {
          const text = editor.paragraph;
          if (!text) throw new Error("no paragraph");
          if (text.length > 4 && random() < 0.3) text.delete(Math.floor(random() * (text.length - 2)), 2);
          else text.insert(Math.floor(random() * (text.length + 1)), `${"AB"[index]}${i} `);
          await new Promise((resolve) => setImmediate(resolve));
          if (i % 15 === 14) await eventually(() => expect(editor.unacked.size).toBe(0), { timeout: 10_000 });
        }
      }),
    );
    await eventually(
      () => {
        expect(editorA.unacked.size).toBe(0);
        expect(editorB.unacked.size).toBe(0);
        expect(editorB.text()).toBe(editorA.text());
      },
      { timeout: 15_000 },
    );

    // A newcomer on B is served from B's in-memory document, which followed A's edits through Redis.
    const editorC = new ProposalEditor(commOnB, proposal.id);
    await editorC.open();
    expect(editorC.text()).toBe(editorA.text());
    // C answers the sync with the delete set it got from B: acknowledged, not stored again.
    await eventually(() => expect(editorC.unacked.size).toBe(0));
    expect(editorC.storedCount).toBe(0);
    const stored = await storedState(serverA.connection, proposal.id);
    expect(paragraphTextOf(stored.state)).toBe(editorA.text());
    expect(stored.logCount).toBe(editorA.storedCount + editorB.storedCount);
    // Every edit acknowledged; a delete inside a range already deleted is acknowledged without a log entry.
    expect(editorA.acked.length + editorB.acked.length).toBe(1 + 2 * 30);

    // Presence: the viewers on both processes, then one leaves process B.
    await eventually(async () => {
      const viewing = okData(await request(onA, "room:join", { roomId })).presence;
      expect(viewing.map((m) => `${m.userId}:${m.viewing.join(",")}`).sort()).toEqual(
        [gov, priv, comm].map((m) => `${m.userId}:${proposal.id}`).sort(),
      );
    });
    // Carets cross processes too, and a client's carets are cleared everywhere when it disconnects.
    const watcher = new Awareness(new Y.Doc());
    onA.on("proposal:awareness", ({ update }) =>
      applyAwarenessUpdate(watcher, new Uint8Array(update as ArrayBuffer), "server"),
    );
    const typist = new Awareness(editorB.doc);
    typist.setLocalState({ user: { name: "Swasta" }, cursor: { anchor: 1, head: 4 } });
    okData(
      await request(privOnB, "proposal:awareness", {
        proposalId: proposal.id,
        update: encodeAwarenessUpdate(typist, [editorB.doc.clientID]),
      }),
    );
    await eventually(() =>
      expect(watcher.getStates().get(editorB.doc.clientID)).toEqual({
        user: { name: priv.session.user.displayName, sector: "private" },
        cursor: { anchor: 1, head: 4 },
      }),
    );

    privOnB.close();
    await eventually(() => expect(presenceSeenOnA.at(-1)?.sort()).toEqual([gov.userId, comm.userId].sort()));
    await eventually(() => expect(watcher.getStates().has(editorB.doc.clientID)).toBe(false));
    typist.destroy();
    watcher.destroy();
  });
});

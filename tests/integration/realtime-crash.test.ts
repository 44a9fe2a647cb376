// Durability: the server is SIGKILLed while three clients edit; every edit it acknowledged is in the
// database when a new server starts on the same data, and the clients converge after reconnecting.
import * as Y from "yjs";
import { connectMongoose } from "@mufakat/server";
import { afterAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../utils/eventually.ts";
import { freshDatabaseName } from "../utils/server.ts";
import { type ServerProcess, spawnServer } from "../utils/serverProcess.ts";
import {
  type LiveClient,
  ProposalEditor,
  connect,
  okData,
  paragraphTextOf,
  request,
  roomWithMembers,
  seededRandom,
  storedState,
} from "../utils/socket.ts";

const databaseName = freshDatabaseName();
const processes: ServerProcess[] = [];
const sockets: LiveClient[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const child of processes) await child.kill();
  const db = await cleanerConnection();
  await db.dropDatabase();
  await db.close();
});

/** True when the stored state already holds everything in `update` (applying it changes nothing). */
function contains(state: Uint8Array, update: Uint8Array): boolean {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateAsUpdate(doc);
  Y.applyUpdate(doc, update);
  const after = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return Buffer.compare(Buffer.from(before), Buffer.from(after)) === 0;
}

describe("crash while editing", () => {
  it("keeps every acknowledged edit through a SIGKILL, and the clients converge on the restarted server", async () => {
    const first = await spawnServer({ databaseName });
    processes.push(first);
    const { roomId, members } = await roomWithMembers(first, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
      { sector: "community", role: "participant" },
    ]);
    const editors: ProposalEditor[] = [];
    let proposalId = "";
    for (const member of members) {
      const socket = await connect(first, member.token);
      sockets.push(socket);
      okData(await request(socket, "room:join", { roomId }));
      if (!proposalId) proposalId = okData(await request(socket, "proposal:create", { roomId, title: "Darurat" })).id;
      const editor = new ProposalEditor(socket, proposalId);
      await editor.open();
      editors.push(editor);
    }
    const [gov] = editors as [ProposalEditor];
    gov.createParagraph("Awal. ");
    await eventually(() => {
      for (const editor of editors) expect(editor.text()).toBe("Awal. ");
    });

    // Three clients type concurrently; the server is killed once 45 edits are acknowledged.
    let killed = false;
    let edits = 0;
    const typing = editors.map(async (editor, index) => {
      const random = seededRandom(7 + index);
      while (!killed) {
        const text = editor.paragraph;
        if (text) {
          text.insert(Math.floor(random() * (text.length + 1)), `${"gpc"[index]}${Math.floor(random() * 10)}`);
          edits += 1;
        }
        // Pacing, not synchronisation: typing speed until the kill.
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    });
    await eventually(() => expect(editors.reduce((n, e) => n + e.acked.length, 0)).toBeGreaterThanOrEqual(45), {
      timeout: 20_000,
    });
    await first.kill();
    killed = true;
    await Promise.all(typing);
    const ackedUpdates = editors.flatMap((editor) => editor.ackedUpdates);
    const unacked = editors.reduce((n, editor) => n + editor.unacked.size, 0);

    // Every acknowledged update is in the database, before any client says anything to the new server.
    const second = await spawnServer({ databaseName });
    processes.push(second);
    const stored = await storedState(await cleanerConnection(), proposalId);
    const missing = ackedUpdates.filter((update) => !contains(stored.state, update));
    expect(missing).toHaveLength(0);
    console.log(`SIGKILL after ${ackedUpdates.length} acked edits (${unacked} unacked of ${edits} typed)`);

    // Reconnect, sync, resend what was not acknowledged: everyone converges, on what is stored.
    for (const [index, editor] of editors.entries()) {
      const socket = await connect(second, (members[index] as (typeof members)[0]).token);
      sockets.push(socket);
      editor.attach(socket);
      okData(await request(socket, "room:join", { roomId }));
      await editor.open();
      editor.resendUnacked();
    }
    await eventually(
      () => {
        for (const editor of editors) {
          expect(editor.unacked.size).toBe(0);
          expect(editor.text()).toBe(gov.text());
        }
      },
      { timeout: 15_000 },
    );
    const after = await storedState(await cleanerConnection(), proposalId);
    expect(paragraphTextOf(after.state)).toBe(gov.text());
    // Nothing lost, acknowledged or not: the initial 6 characters plus 2 per edit typed.
    expect(gov.text()).toHaveLength("Awal. ".length + 2 * edits);
  });
});

let connection: import("mongoose").Connection | null = null;
async function cleanerConnection() {
  if (!connection) {
    connection = await connectMongoose(inject("mongoUri"), databaseName);
  }
  return connection;
}

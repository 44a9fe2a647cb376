// Co-editing one proposal live: concurrent random edits by three sectors converge, on every client and in
// what the server stored; a client that edits offline catches up after reconnecting.
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { eventually } from "../utils/eventually.ts";
import { serverForSuite } from "../utils/server.ts";
import {
  type LiveClient,
  ProposalEditor,
  connect,
  okData,
  paragraphTextOf,
  request,
  roomWithMembers,
  seededRandom,
  socketsClosedAfterAll,
  storedState,
} from "../utils/socket.ts";

const server = serverForSuite();
const sockets = socketsClosedAfterAll();

async function joinedEditors(count: 3) {
  const { roomId, members } = await roomWithMembers(server, [
    { sector: "government", role: "coordinator" },
    { sector: "private", role: "participant" },
    { sector: "community", role: "participant" },
  ]);
  const clients: LiveClient[] = [];
  for (const member of members.slice(0, count)) {
    const socket = await connect(server, member.token);
    sockets.push(socket);
    okData(await request(socket, "room:join", { roomId }));
    clients.push(socket);
  }
  const proposal = okData(await request(clients[0] as LiveClient, "proposal:create", { roomId, title: "Air bersih" }));
  const editors = clients.map((socket) => new ProposalEditor(socket, proposal.id));
  for (const editor of editors) await editor.open();
  return { roomId, members, proposal, editors };
}

/** One random edit: insert a short word at a random place, or delete a random short range. */
function randomEdit(editor: ProposalEditor, random: () => number, label: string): void {
  const text = editor.paragraph;
  if (!text) throw new Error("no paragraph yet");
  const length = text.length;
  if (length > 0 && random() < 0.35) {
    const index = Math.floor(random() * length);
    text.delete(index, Math.min(length - index, 1 + Math.floor(random() * 4)));
  } else {
    text.insert(Math.floor(random() * (length + 1)), `${label}${Math.floor(random() * 100)} `);
  }
}

describe("three sectors co-editing one proposal", () => {
  it("converges on every client and equals what the server stored", async () => {
    const { proposal, editors } = await joinedEditors(3);
    const [gov, priv, comm] = editors as [ProposalEditor, ProposalEditor, ProposalEditor];
    gov.createParagraph("Draf: ");
    await eventually(() => {
      expect(priv.text()).toBe("Draf: ");
      expect(comm.text()).toBe("Draf: ");
    });

    const editsPerClient = 40;
    const labels = ["g", "p", "c"];
    const started = Date.now();
    // Interleaved: each client edits, then yields to the event loop so broadcasts arrive in between.
    await Promise.all(
      editors.map(async (editor, index) => {
        const random = seededRandom(1000 + index);
        for (let i = 0; i < editsPerClient; i++) {
          randomEdit(editor, random, labels[index] as string);
          await new Promise((resolve) => setImmediate(resolve));
          // Stay under the per-socket edit rate: wait for this client's own acks now and then.
          if (i % 20 === 19) await eventually(() => expect(editor.unacked.size).toBe(0), { timeout: 10_000 });
        }
      }),
    );
    await eventually(
      () => {
        for (const editor of editors) expect(editor.unacked.size).toBe(0);
        expect(priv.text()).toBe(gov.text());
        expect(comm.text()).toBe(gov.text());
      },
      { timeout: 20_000 },
    );
    const finalText = gov.text();
    expect(finalText.length).toBeGreaterThan(20);
    // 1 paragraph + 3 x 40 edits acknowledged, no refusals.
    expect(editors.reduce((sum, editor) => sum + editor.acked.length, 0)).toBe(1 + 3 * editsPerClient);
    expect(editors.flatMap((editor) => editor.refusals)).toEqual([]);

    const stored = await storedState(server.connection, proposal.id);
    expect(paragraphTextOf(stored.state)).toBe(finalText);
    // One log entry per stored ack; a delete wholly inside a range another client already deleted adds
    // nothing and is acknowledged without a log entry.
    expect(stored.logCount).toBe(editors.reduce((sum, editor) => sum + editor.storedCount, 0));
    expect(stored.logCount).toBeGreaterThan(3 * editsPerClient * 0.6);
    console.log(
      `3 clients x ${editsPerClient} edits converged in ${Date.now() - started} ms: ${finalText.length} chars`,
    );
  });

  it("a client that edits offline resends its unacknowledged updates after reconnecting and converges", async () => {
    const { roomId, proposal, editors, members } = await joinedEditors(3);
    const [gov, priv, comm] = editors as [ProposalEditor, ProposalEditor, ProposalEditor];
    gov.createParagraph("Pasal 1. ");
    await eventually(() => expect(comm.text()).toBe("Pasal 1. "));

    // The community member's connection drops; they keep typing.
    comm.socket.disconnect();
    const paragraph = comm.paragraph;
    if (!paragraph) throw new Error("no paragraph");
    paragraph.insert(paragraph.length, "warga ");
    paragraph.insert(0, "[usul warga] ");
    expect(comm.unacked.size).toBe(2);
    // Meanwhile the others edit too.
    gov.paragraph?.insert(gov.paragraph.length, "pemerintah ");
    priv.paragraph?.insert(0, "(swasta) ");
    await eventually(() => {
      expect(gov.unacked.size).toBe(0);
      expect(priv.unacked.size).toBe(0);
      expect(priv.text()).toBe(gov.text());
    });
    expect(gov.text()).not.toContain("warga");

    // Reconnect with a new connection: join, sync, resend what was not acknowledged.
    const socket = await connect(server, (members[2] as (typeof members)[0]).token);
    sockets.push(socket);
    comm.attach(socket);
    okData(await request(socket, "room:join", { roomId }));
    await comm.open();
    comm.resendUnacked();
    await eventually(() => {
      expect(comm.unacked.size).toBe(0);
      expect(gov.text()).toBe(comm.text());
      expect(priv.text()).toBe(comm.text());
    });
    expect(comm.text()).toContain("[usul warga] ");
    expect(comm.text()).toContain("warga ");
    expect(comm.text()).toContain("(swasta) ");
    expect(comm.text()).toContain("pemerintah ");
    expect(comm.text().length).toBe("[usul warga] (swasta) Pasal 1. pemerintah warga ".length);

    // Resending is harmless: the whole state sent again is acknowledged, not stored again, and changes nothing.
    const logBefore = (await storedState(server.connection, proposal.id)).logCount;
    const before = comm.text();
    const resent = await request(socket, "proposal:update", {
      proposalId: proposal.id,
      update: Y.encodeStateAsUpdate(comm.doc),
    });
    expect(resent).toEqual({ ok: true, data: { proposalId: proposal.id, clientUpdateId: null, logId: null } });
    await eventually(async () => {
      expect(gov.text()).toBe(before);
      expect(paragraphTextOf((await storedState(server.connection, proposal.id)).state)).toBe(before);
    });
    expect((await storedState(server.connection, proposal.id)).logCount).toBe(logBefore);
  });
});

// An edit reaches the other viewers once validated, without waiting for the database, and is acknowledged
// only once stored; a client opening the proposal while the store is in flight gets the edit in its sync.
import type { Sector } from "@mufakat/shared";
import { afterAll, describe, expect, it } from "vitest";
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
  storedState,
} from "../utils/socket.ts";

const sockets: LiveClient[] = [];
/** While closed, every write to the update log waits here. */
let gate = openGate();

function openGate() {
  let release = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { waiting: 0, release, promise, closed: false };
}

const server = serverForSuite({
  collaboration: {
    beforeLogWrite: async () => {
      if (!gate.closed) return;
      gate.waiting += 1;
      await gate.promise;
    },
  },
});
afterAll(async () => {
  gate.release();
  for (const socket of sockets) socket.close();
});

async function editorFor(token: string, roomId: string, proposalId: string): Promise<ProposalEditor> {
  const socket = await connect(server, token);
  sockets.push(socket);
  okData(await request(socket, "room:join", { roomId }));
  const editor = new ProposalEditor(socket, proposalId);
  await editor.open();
  return editor;
}

/** A coordinator's new proposal with one paragraph, stored; the other members' tokens. */
async function authorInNewRoom(sectors: Sector[], title: string, paragraph: string) {
  const { roomId, members } = await roomWithMembers(
    server,
    sectors.map((sector, index) => ({ sector, role: index === 0 ? "coordinator" : "participant" })),
  );
  const [writer, ...others] = members.map((member) => member.token) as [string, ...string[]];
  const creator = await connect(server, writer);
  sockets.push(creator);
  okData(await request(creator, "room:join", { roomId }));
  const proposal = okData(await request(creator, "proposal:create", { roomId, title }));
  const author = new ProposalEditor(creator, proposal.id);
  await author.open();
  author.createParagraph(paragraph);
  await eventually(() => expect(author.unacked.size).toBe(0));
  return { roomId, proposal, author, others };
}

describe("relaying an edit while it is being stored", () => {
  it("the viewers get it at once, the sender's ack waits for the store, and a late opener's sync holds it", async () => {
    const { roomId, proposal, author, others } = await authorInNewRoom(
      ["government", "community", "academia"],
      "Tarif air",
      "Tarif ",
    );
    const [viewer, late] = others as [string, string];
    const reader = await editorFor(viewer, roomId, proposal.id);
    expect(reader.text()).toBe("Tarif ");

    gate = { ...openGate(), closed: true };
    const held = gate;
    author.paragraph?.insert(6, "sosial");
    await eventually(() => expect(reader.text()).toBe("Tarif sosial"));
    // Relayed, not yet stored, not acknowledged.
    expect(held.waiting).toBe(1);
    expect(author.unacked.size).toBe(1);
    expect(author.acked).toHaveLength(1);
    expect(paragraphTextOf((await storedState(server.connection, proposal.id)).state)).toBe("Tarif ");

    const opener = await editorFor(late, roomId, proposal.id);
    expect(opener.text()).toBe("Tarif sosial");

    gate.closed = false;
    held.release();
    await eventually(() => expect(author.unacked.size).toBe(0));
    expect(author.acked).toHaveLength(2);
    expect(author.storedCount).toBe(2);
    expect(paragraphTextOf((await storedState(server.connection, proposal.id)).state)).toBe("Tarif sosial");
    // The late opener's sync reply asked for nothing back that was not already stored.
    await eventually(() => expect(opener.unacked.size).toBe(0));
    expect(opener.refusals).toEqual([]);
  });

  it("edits that reach the server in one turn go to the viewers as fewer, merged frames", async () => {
    const { roomId, proposal, author, others } = await authorInNewRoom(["government", "private"], "Ketik cepat", "");
    const reader = await editorFor(others[0] as string, roomId, proposal.id);
    let frames = 0;
    reader.socket.on("proposal:update", () => {
      frames += 1;
    });

    // Twenty keystrokes sent in one go, as a fast typist's client flushes them after a stall.
    for (const letter of "abcdefghijklmnopqrst") author.paragraph?.insert(author.paragraph.length, letter);
    await eventually(() => expect(reader.text()).toBe("abcdefghijklmnopqrst"));
    await eventually(() => expect(author.unacked.size).toBe(0));
    expect(author.storedCount).toBe(21);
    expect(frames).toBeLessThan(20);
  });
});

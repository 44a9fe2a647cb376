// Compaction of the update log into a snapshot, in the background: the log shrinks, the text stays, and an
// update stored while a compaction runs survives it. Named versions and their diffs.
import { Types } from "mongoose";
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

const compactAfterUpdates = 20;
const sockets: LiveClient[] = [];
/** While set, compactions wait here after reading the log and before writing the snapshot. */
let gate: { entered: boolean; release: () => void; promise: Promise<void> } | null = null;

const server = serverForSuite({
  collaboration: {
    compactAfterUpdates,
    idleUnloadMs: 200,
    beforeSnapshotWrite: async () => {
      if (!gate) return;
      gate.entered = true;
      await gate.promise;
    },
  },
});
afterAll(async () => {
  gate?.release();
  for (const socket of sockets) socket.close();
});

function closedGate() {
  let release = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { entered: false, release, promise };
}

async function editorInNewRoom() {
  const { roomId, members } = await roomWithMembers(server, [
    { sector: "government", role: "coordinator" },
    { sector: "community", role: "participant" },
  ]);
  const socket = await connect(server, (members[0] as (typeof members)[0]).token);
  sockets.push(socket);
  okData(await request(socket, "room:join", { roomId }));
  const proposal = okData(await request(socket, "proposal:create", { roomId, title: "Rencana induk" }));
  const editor = new ProposalEditor(socket, proposal.id);
  await editor.open();
  return { roomId, members, proposal, editor, socket };
}

async function typeAndWait(editor: ProposalEditor, words: string[]): Promise<void> {
  for (const word of words) {
    editor.paragraph?.insert(editor.paragraph.length, `${word} `);
    await eventually(() => expect(editor.unacked.size).toBe(0));
  }
}

const snapshotOf = (proposalId: string) =>
  server.connection.collection("proposalsnapshots").findOne({ proposalId: new Types.ObjectId(proposalId) });

describe("compaction", () => {
  it("merges the log into a snapshot after N updates; the log shrinks and the text is intact", async () => {
    const { proposal, editor, members, roomId } = await editorInNewRoom();
    editor.createParagraph("");
    const words = Array.from({ length: 24 }, (_, i) => `kata${i}`);
    await typeAndWait(editor, words);
    const expected = `${words.join(" ")} `;
    expect(editor.text()).toBe(expected);

    await eventually(async () => {
      const snapshot = await snapshotOf(proposal.id);
      expect(snapshot).not.toBeNull();
      const { logCount } = await storedState(server.connection, proposal.id);
      expect(logCount).toBeLessThan(compactAfterUpdates);
      expect((snapshot?.mergedUpdates as number) + logCount).toBe(25);
    });
    const stored = await storedState(server.connection, proposal.id);
    expect(paragraphTextOf(stored.state)).toBe(expected);

    // Once nobody has it open, the document leaves memory; opening it again loads snapshot + log.
    editor.socket.close();
    await eventually(() => expect(server.app.realtime.hub.isLoaded(proposal.id)).toBe(false));
    const other = await connect(server, (members[1] as (typeof members)[0]).token);
    sockets.push(other);
    okData(await request(other, "room:join", { roomId }));
    const reader = new ProposalEditor(other, proposal.id);
    await reader.open();
    expect(reader.text()).toBe(expected);
  });

  it("keeps an update stored while a compaction is running", async () => {
    const { proposal, editor } = await editorInNewRoom();
    gate = closedGate();
    editor.createParagraph("");
    const before = Array.from({ length: 20 }, (_, i) => `a${i}`);
    await typeAndWait(editor, before.slice(0, 19));
    // The 20th stored update triggers the compaction, which stops at the gate having read 20 entries.
    await typeAndWait(editor, before.slice(19));
    await eventually(() => expect(gate?.entered).toBe(true));
    const during = ["selama1", "selama2", "selama3"];
    await typeAndWait(editor, during);
    expect((await storedState(server.connection, proposal.id)).logCount).toBe(24);

    gate.release();
    gate = null;
    await eventually(async () => {
      const snapshot = await snapshotOf(proposal.id);
      expect(snapshot?.mergedUpdates).toBe(20);
      expect((await storedState(server.connection, proposal.id)).logCount).toBe(4);
    });
    const expected = `${[...before, ...during].join(" ")} `;
    expect(editor.text()).toBe(expected);
    expect(paragraphTextOf((await storedState(server.connection, proposal.id)).state)).toBe(expected);
  });
});

describe("concurrent compactions (two processes at once)", () => {
  it("the one that read an older snapshot loses and deletes nothing; the text is intact", async () => {
    const { proposal, editor } = await editorInNewRoom();
    editor.createParagraph("");
    await typeAndWait(editor, ["satu", "dua", "tiga"]);
    const id = new Types.ObjectId(proposal.id);
    const hub = server.app.realtime.hub;

    // The first compaction reads the 4 entries, then waits at the gate.
    gate = closedGate();
    const slow = hub.compact(id);
    await eventually(() => expect(gate?.entered).toBe(true));
    const paused = gate;
    gate = null;
    // Meanwhile another compaction (another process, say) merges them and more.
    await typeAndWait(editor, ["empat"]);
    expect(await hub.compact(id)).toMatchObject({ state: "compacted", merged: 5 });
    await typeAndWait(editor, ["lima"]);
    paused.release();
    // The slow one would overwrite a newer snapshot with an older state: it is refused.
    expect(await slow).toEqual({ state: "skipped", reason: "lost-race" });

    const snapshot = await snapshotOf(proposal.id);
    expect(snapshot?.mergedUpdates).toBe(5);
    expect(snapshot?.revision).toBe(1);
    const stored = await storedState(server.connection, proposal.id);
    expect(stored.logCount).toBe(1);
    expect(paragraphTextOf(stored.state)).toBe("satu dua tiga empat lima ");
  });
});

describe("named versions", () => {
  it("saves, lists and diffs versions, against each other and the live text", async () => {
    const { proposal, editor, members, roomId } = await editorInNewRoom();
    const watcher = await connect(server, (members[1] as (typeof members)[0]).token);
    sockets.push(watcher);
    okData(await request(watcher, "room:join", { roomId }));
    const announced: string[] = [];
    watcher.on("version:saved", (version) => announced.push(version.name));

    editor.createParagraph("Tarif air naik sepuluh persen");
    await eventually(() => expect(editor.unacked.size).toBe(0));
    const first = okData(await request(editor.socket, "version:save", { proposalId: proposal.id, name: "Draf awal" }));
    expect(first).toMatchObject({
      proposalId: proposal.id,
      name: "Draf awal",
      createdBy: { id: members[0]?.userId, sector: "government" },
    });
    expect(first.bytes).toBeGreaterThan(0);

    const text = editor.paragraph;
    if (!text) throw new Error("no paragraph");
    text.delete("Tarif air naik ".length, "sepuluh".length);
    text.insert("Tarif air naik ".length, "lima");
    text.insert(text.length, " untuk industri");
    await eventually(() => expect(editor.unacked.size).toBe(0));
    expect(editor.text()).toBe("Tarif air naik lima persen untuk industri");
    const second = okData(await request(editor.socket, "version:save", { proposalId: proposal.id, name: "Revisi 1" }));

    const list = okData(await request(watcher, "version:list", { proposalId: proposal.id }));
    expect(list.map((v) => v.name)).toEqual(["Revisi 1", "Draf awal"]);
    await eventually(() => expect(announced).toEqual(["Draf awal", "Revisi 1"]));

    const diff = okData(
      await request(watcher, "version:diff", { proposalId: proposal.id, from: first.id, to: second.id }),
    );
    expect(diff).toEqual({
      from: first.id,
      to: second.id,
      fromText: "Tarif air naik sepuluh persen",
      toText: "Tarif air naik lima persen untuk industri",
      changes: [
        { type: "equal", text: "Tarif air naik " },
        { type: "delete", text: "sepuluh" },
        { type: "insert", text: "lima" },
        { type: "equal", text: " persen" },
        { type: "insert", text: " untuk industri" },
      ],
    });

    text.insert(0, "Usulan: ");
    await eventually(() => expect(editor.unacked.size).toBe(0));
    const live = okData(
      await request(watcher, "version:diff", { proposalId: proposal.id, from: second.id, to: "current" }),
    );
    expect(live.changes).toEqual([
      { type: "insert", text: "Usulan: " },
      { type: "equal", text: "Tarif air naik lima persen untuk industri" },
    ]);

    expect(
      await request(watcher, "version:diff", {
        proposalId: proposal.id,
        from: "0123456789abcdef01234567",
        to: "current",
      }),
    ).toEqual({
      ok: false,
      error: { code: "PROPOSAL_VERSION_NOT_FOUND", message: "no version 0123456789abcdef01234567 of this proposal" },
    });
    expect(await request(watcher, "version:save", { proposalId: proposal.id, name: "" })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED", details: [{ path: "name", message: "required" }] },
    });
    expect(
      await server.connection
        .collection("proposalversions")
        .countDocuments({ proposalId: new Types.ObjectId(proposal.id) }),
    ).toBe(2);
  });
});

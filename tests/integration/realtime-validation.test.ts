// Hostile or broken input over the socket: malformed and oversized payloads are refused with error acks,
// nothing is stored, and the server keeps serving; a flood from one socket is rate limited alone.
import { limits } from "@mufakat/shared";
import { Awareness, encodeAwarenessUpdate, applyAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { eventually } from "../utils/eventually.ts";
import { serverForSuite } from "../utils/server.ts";
import {
  type LiveClient,
  ProposalEditor,
  connect,
  okData,
  rawRequest,
  request,
  roomWithMembers,
  seededRandom,
  socketsClosedAfterAll,
} from "../utils/socket.ts";

const server = serverForSuite();
const sockets = socketsClosedAfterAll();

async function twoEditors() {
  const { roomId, members } = await roomWithMembers(server, [
    { sector: "government", role: "coordinator" },
    { sector: "private", role: "participant" },
  ]);
  const clients: LiveClient[] = [];
  for (const member of members) {
    const socket = await connect(server, member.token);
    sockets.push(socket);
    okData(await request(socket, "room:join", { roomId }));
    clients.push(socket);
  }
  const [good, bad] = clients as [LiveClient, LiveClient];
  const proposal = okData(await request(good, "proposal:create", { roomId, title: "Uji masukan" }));
  return { roomId, proposal, good, bad, members };
}

function textUpdate(content: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getXmlFragment("default").insert(0, [new Y.XmlText(content)]);
  return Y.encodeStateAsUpdate(doc);
}

describe("malformed and oversized payloads", () => {
  it("refuses each with an error ack, stores nothing, and keeps serving a good client", async () => {
    const { proposal, good, bad } = await twoEditors();
    const { Types } = await import("mongoose");
    const updates = server.connection.collection("proposalupdates");
    const count = () => updates.countDocuments({ proposalId: new Types.ObjectId(proposal.id) });
    const random = seededRandom(42);
    const randomBytes = Uint8Array.from({ length: 256 }, () => Math.floor(random() * 256));
    const valid = textUpdate("sah");
    const send = (payload: unknown) => rawRequest(bad, "proposal:update", payload);
    const proposalId = proposal.id;

    const malformed = [
      ["random bytes", randomBytes],
      ["truncated varint", Uint8Array.from([0xff, 0xff, 0xff])],
      ["truncated update", valid.slice(0, valid.length - 3)],
      ["trailing garbage", Uint8Array.from([...valid, 7, 7, 7])],
    ] as const;
    for (const [label, update] of malformed) {
      const ack = await send({ proposalId, update });
      expect(ack, label).toMatchObject({
        ok: false,
        error: { code: "MALFORMED_UPDATE", message: "update: not a valid Yjs update" },
      });
    }

    expect(await send({ proposalId, update: "AAECAwQ=" })).toEqual({
      ok: false,
      error: {
        code: "VALIDATION_FAILED",
        message: "update: must be binary",
        details: [{ path: "update", message: "must be binary", code: "custom", rule: "binary" }],
      },
    });
    expect(await send({ proposalId })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED", details: [{ path: "update" }] },
    });
    const empty = await send({});
    expect(empty.ok).toBe(false);
    if (!empty.ok)
      expect((empty.error.details as { path: string }[]).map((d) => d.path).sort()).toEqual(["proposalId", "update"]);
    expect(await send({ proposalId, update: valid, admin: true })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED", details: [{ path: "(body)" }] },
    });
    expect(await send("not an object")).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await send({ proposalId: { $gt: "" }, update: valid })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED", details: [{ path: "proposalId" }] },
    });
    expect(await send({ proposalId: "0123456789abcdef01234567", update: valid })).toMatchObject({
      ok: false,
      error: { code: "PROPOSAL_NOT_FOUND" },
    });

    const oversized = new Uint8Array(limits.yjsUpdateBytes + 1);
    expect(await send({ proposalId, update: oversized })).toEqual({
      ok: false,
      error: {
        code: "UPDATE_TOO_LARGE",
        message: `update: at most ${limits.yjsUpdateBytes} bytes`,
        details: { limit: limits.yjsUpdateBytes, bytes: limits.yjsUpdateBytes + 1 },
      },
    });
    // An event without an ack callback is ignored without harm.
    (bad as unknown as { emit(event: string, payload: unknown): void }).emit("proposal:update", {
      proposalId,
      update: randomBytes,
    });
    expect(await count()).toBe(0);

    // A message above socket.io's buffer limit ends only that connection.
    const huge = new Uint8Array(limits.socketMessageBytes + 1024);
    const closed = new Promise<string>((resolve) => bad.once("disconnect", (reason) => resolve(reason)));
    (bad as unknown as { emit(event: string, payload: unknown): void }).emit("proposal:update", {
      proposalId,
      update: huge,
    });
    expect(await closed).toBe("transport close");
    expect(await count()).toBe(0);

    // The server still serves the good client.
    const editor = new ProposalEditor(good, proposalId);
    await editor.open();
    editor.createParagraph("tetap jalan");
    await eventually(() => expect(editor.acked).toHaveLength(1));
    expect(await count()).toBe(1);
  });

  it("refuses an edit that would grow the document past its size limit", async () => {
    const { proposal, good } = await twoEditors();
    const chunk = "x".repeat(500_000);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const single = new Y.Doc();
      single.getXmlFragment("default").insert(0, [new Y.XmlText(chunk)]);
      const ack = await request(good, "proposal:update", {
        proposalId: proposal.id,
        update: Y.encodeStateAsUpdate(single),
      });
      codes.push(ack.ok ? "ok" : ack.error.code);
    }
    expect(codes).toEqual(["ok", "ok", "ok", "ok", "DOCUMENT_TOO_LARGE"]);
    const { Types } = await import("mongoose");
    expect(
      await server.connection
        .collection("proposalupdates")
        .countDocuments({ proposalId: new Types.ObjectId(proposal.id) }),
    ).toBe(4);
  });
});

describe("rate limit", () => {
  it("answers a flood from one socket with RATE_LIMITED while another client's edits go through", async () => {
    const { proposal, good, bad } = await twoEditors();
    // The flood writes to another shared type, so the good client's paragraph stays first in the body.
    const flood = Array.from({ length: 150 }, (_, i) => {
      const doc = new Y.Doc();
      doc.getMap("flood").set(`k${i}`, i);
      return request(bad, "proposal:update", { proposalId: proposal.id, update: Y.encodeStateAsUpdate(doc) });
    });
    const editor = new ProposalEditor(good, proposal.id);
    await editor.open();
    editor.createParagraph("");
    for (let i = 0; i < 10; i++) editor.paragraph?.insert(0, `${i}`);
    const acks = await Promise.all(flood);
    const accepted = acks.filter((ack) => ack.ok).length;
    const limited = acks.filter((ack) => !ack.ok && ack.error.code === "RATE_LIMITED");
    expect(accepted).toBeGreaterThanOrEqual(limits.editsPerSecond);
    expect(accepted).toBeLessThan(150);
    expect(limited).toHaveLength(150 - accepted);
    expect(limited[0]).toEqual({
      ok: false,
      error: {
        code: "RATE_LIMITED",
        message: `at most ${limits.editsPerSecond} edits per second; resend this one shortly`,
        details: { limit: limits.editsPerSecond },
      },
    });
    // 1 paragraph + 10 inserts (plus, maybe, the sync reply carrying flood entries it saw before the open ack).
    await eventually(() => expect(editor.acked.filter((id) => !id.includes("-sync-"))).toHaveLength(11));
    expect(editor.refusals).toEqual([]);
    expect(editor.text()).toBe("9876543210");
    const { Types } = await import("mongoose");
    expect(
      await server.connection
        .collection("proposalupdates")
        .countDocuments({ proposalId: new Types.ObjectId(proposal.id) }),
    ).toBe(accepted + editor.storedCount);
  });
});

describe("awareness", () => {
  it("relays carets to the other viewers and clears a client's states when it disconnects", async () => {
    const { proposal, good, bad, members } = await twoEditors();
    const empty = Y.encodeStateVector(new Y.Doc());
    okData(await request(good, "proposal:open", { proposalId: proposal.id, stateVector: empty }));
    okData(await request(bad, "proposal:open", { proposalId: proposal.id, stateVector: empty }));
    const typistName = members[1]!.session.user.displayName;

    const watcherDoc = new Y.Doc();
    const watcher = new Awareness(watcherDoc);
    good.on("proposal:awareness", ({ update }) =>
      applyAwarenessUpdate(watcher, new Uint8Array(update as ArrayBuffer), "server"),
    );

    const typistDoc = new Y.Doc();
    const typist = new Awareness(typistDoc);
    typist.setLocalState({ user: { name: "Budi", color: "#f00" }, cursor: { anchor: 3, head: 3 } });
    const ack = await request(bad, "proposal:awareness", {
      proposalId: proposal.id,
      update: encodeAwarenessUpdate(typist, [typistDoc.clientID]),
    });
    expect(ack).toEqual({ ok: true, data: { proposalId: proposal.id } });
    await eventually(() =>
      // The name on a caret is the sender's own, stamped by the server, whatever the client claimed.
      expect(watcher.getStates().get(typistDoc.clientID)).toEqual({
        user: { name: typistName, color: "#f00", sector: "private" },
        cursor: { anchor: 3, head: 3 },
      }),
    );

    // Another connection cannot speak for that caret: its update for the same client id is refused.
    const impostorDoc = new Y.Doc();
    impostorDoc.clientID = typistDoc.clientID;
    const impostor = new Awareness(impostorDoc);
    impostor.setLocalState({ user: { name: "Someone else" }, cursor: { anchor: 0, head: 0 } });
    const hijack = await request(good, "proposal:awareness", {
      proposalId: proposal.id,
      update: encodeAwarenessUpdate(impostor, [impostorDoc.clientID]),
    });
    expect(hijack).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(watcher.getStates().get(typistDoc.clientID)).toMatchObject({ user: { name: typistName } });
    impostor.destroy();
    expect(
      await request(bad, "proposal:awareness", { proposalId: proposal.id, update: Uint8Array.from([5, 1]) }),
    ).toMatchObject({
      ok: false,
      error: { code: "MALFORMED_UPDATE" },
    });

    bad.close();
    await eventually(() => expect(watcher.getStates().has(typistDoc.clientID)).toBe(false));
    typist.destroy();
    watcher.destroy();
  });
});

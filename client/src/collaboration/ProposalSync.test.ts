// ProposalSync against an in-memory server: sync steps on open, edits acked only when stored, remote edits
// never echoed, and edits made while disconnected resent after the reconnect.
import { limits } from "@mufakat/shared";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { ProposalSync } from "./ProposalSync.ts";
import { FakeProposalSocket } from "./fakeProposalSocket.ts";

const proposalId = "0123456789abcdef01234567";

function text(doc: Y.Doc): string {
  return doc.getText("body").toString();
}

function setUp() {
  const socket = new FakeProposalSocket(proposalId);
  const sync = new ProposalSync(socket.asLiveSocket(), proposalId, "user-1");
  return { socket, sync, updatesSent: () => socket.sent.filter((entry) => entry.event === "proposal:update") };
}

describe("ProposalSync", () => {
  it("opens with its state vector, takes the server's text, and stores its own edits", async () => {
    const { socket, sync, updatesSent } = setUp();
    socket.serverDoc.getText("body").insert(0, "Musyawarah");
    await sync.open();
    expect(socket.sent[0]).toMatchObject({ event: "proposal:open", payload: { proposalId } });
    expect(text(sync.doc)).toBe("Musyawarah");
    expect(updatesSent()).toHaveLength(0);

    sync.doc.getText("body").insert(10, " untuk mufakat");
    await vi.waitFor(() => expect(text(socket.serverDoc)).toBe("Musyawarah untuk mufakat"));
    expect(updatesSent()[0]?.payload.clientUpdateId).toMatch(new RegExp(`^${sync.doc.clientID}-\\d+$`));
    await vi.waitFor(() => expect(sync.getState()).toMatchObject({ opened: true, synced: true, unsaved: 0 }));
    sync.destroy();
  });

  it("applies remote updates without sending them back", async () => {
    const { socket, sync, updatesSent } = setUp();
    await sync.open();
    const other = new Y.Doc();
    other.getText("body").insert(0, "dari sektor lain");
    socket.receive("proposal:update", { proposalId, update: Y.encodeStateAsUpdate(other) });
    expect(text(sync.doc)).toBe("dari sektor lain");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(updatesSent()).toHaveLength(0);
    sync.destroy();
  });

  it("keeps edits whose ack was lost and edits made offline, and resends them after reopening", async () => {
    const { socket, sync, updatesSent } = setUp();
    await sync.open();
    socket.holdAcks = true;
    sync.doc.getText("body").insert(0, "satu");
    await vi.waitFor(() => expect(updatesSent()).toHaveLength(1));
    socket.disconnect();
    expect(sync.getState().opened).toBe(false);
    sync.doc.getText("body").insert(4, " dua");
    await vi.waitFor(() => expect(sync.getState().unsaved).toBe(2));
    expect(updatesSent()).toHaveLength(1);

    socket.connected = true;
    socket.holdAcks = false;
    await sync.open();
    await vi.waitFor(() => expect(sync.getState().unsaved).toBe(0));
    expect(text(socket.serverDoc)).toBe("satu dua");
    sync.destroy();
  });

  it("counts an edit as unsaved from its first keystroke, before its batch is sent, until it is acked", async () => {
    const { sync } = setUp();
    await sync.open();
    expect(sync.getState().unsaved).toBe(0);
    sync.doc.getText("body").insert(0, "k");
    expect(sync.getState().unsaved).toBe(1);
    await vi.waitFor(() => expect(sync.getState().unsaved).toBe(0));
    sync.destroy();
  });

  it("sends a batch that would merge into an update over the limit as its parts, each under it", async () => {
    const { socket, sync, updatesSent } = setUp();
    await sync.open();
    const third = "a".repeat(Math.floor(limits.yjsUpdateBytes / 3));
    const body = sync.doc.getText("body");
    body.insert(0, third);
    body.insert(body.length, third);
    body.insert(body.length, third);
    body.insert(body.length, third);
    await vi.waitFor(() => expect(sync.getState().unsaved).toBe(0));
    const sizes = updatesSent().map((entry) => entry.payload.update?.byteLength ?? 0);
    expect(sizes).toHaveLength(4);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(limits.yjsUpdateBytes);
    expect(sync.getState().refused).toBeNull();
    expect(text(socket.serverDoc)).toBe(third.repeat(4));
    sync.destroy();
  });

  it("closes the proposal on the server when destroyed", async () => {
    const { socket, sync } = setUp();
    await sync.open();
    sync.destroy();
    expect(socket.sent.at(-1)).toMatchObject({ event: "proposal:close", payload: { proposalId } });
  });
});

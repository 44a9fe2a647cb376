// ProposalSync against an in-memory server: sync steps on open, edits acked only when stored, remote edits
// never echoed, and edits made while disconnected resent after the reconnect.
import type { Ack } from "@mufakat/shared";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import type { LiveSocket } from "../realtime/liveConnection.ts";
import { ProposalSync } from "./ProposalSync.ts";

const proposalId = "0123456789abcdef01234567";
type Listener = (...args: unknown[]) => void;
interface Payload {
  proposalId: string;
  stateVector?: Uint8Array;
  update?: Uint8Array;
  clientUpdateId?: string;
}

/** Just enough of a socket.io client: events both ways, acks, a server-side Y.Doc that stores updates. */
class FakeSocket {
  connected = true;
  readonly serverDoc = new Y.Doc();
  readonly sent: Array<{ event: string; payload: Payload }> = [];
  /** While true, updates are not acknowledged (the ack is lost with the connection). */
  holdAcks = false;
  private readonly listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)?.add(listener);
    return this;
  }
  off(event: string, listener: Listener) {
    this.listeners.get(event)?.delete(listener);
    return this;
  }
  /** The server sends an event to this client. */
  receive(event: string, payload: unknown) {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }
  emit(event: string, payload: Payload, ack?: (ack: Ack<unknown>) => void) {
    void this.answer(event, payload).then((reply) => reply && ack?.(reply));
    return this;
  }
  timeout() {
    return {
      emitWithAck: (event: string, payload: Payload) =>
        this.answer(event, payload).then((reply) => reply ?? new Promise<never>(() => undefined)),
    };
  }
  disconnect() {
    this.connected = false;
    this.receive("disconnect", "transport close");
  }

  private async answer(event: string, payload: Payload): Promise<Ack<unknown> | null> {
    this.sent.push({ event, payload });
    switch (event) {
      case "proposal:open":
        return {
          ok: true,
          data: {
            proposal: { id: proposalId },
            update: Y.encodeStateAsUpdate(this.serverDoc, payload.stateVector ?? new Uint8Array([0])),
            stateVector: Y.encodeStateVector(this.serverDoc),
            awareness: null,
          },
        };
      case "proposal:update":
        if (this.holdAcks) return null;
        if (payload.update) Y.applyUpdate(this.serverDoc, payload.update);
        return { ok: true, data: { proposalId, clientUpdateId: payload.clientUpdateId, logId: "l" } };
      default:
        return { ok: true, data: { proposalId } };
    }
  }
}

function text(doc: Y.Doc): string {
  return doc.getText("body").toString();
}

function setUp() {
  const socket = new FakeSocket();
  const sync = new ProposalSync(socket as unknown as LiveSocket, proposalId, "user-1");
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

  it("closes the proposal on the server when destroyed", async () => {
    const { socket, sync } = setUp();
    await sync.open();
    sync.destroy();
    expect(socket.sent.at(-1)).toMatchObject({ event: "proposal:close", payload: { proposalId } });
  });
});

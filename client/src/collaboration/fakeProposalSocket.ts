// For unit tests only: just enough of a socket.io client for ProposalSync, with the server behind it — a
// Y.Doc that stores the updates it accepts, acks that can be held back (lost with the connection), and a
// rule that refuses updates for good, as the server does when an edit is too large.
import type { Ack, ErrorCode } from "@mufakat/shared";
import * as Y from "yjs";
import type { LiveSocket } from "../realtime/liveConnection.ts";

type Listener = (...args: unknown[]) => void;

export interface SentPayload {
  proposalId: string;
  stateVector?: Uint8Array;
  update?: Uint8Array;
  clientUpdateId?: string;
}

export class FakeProposalSocket {
  connected = true;
  readonly serverDoc = new Y.Doc();
  readonly sent: Array<{ event: string; payload: SentPayload }> = [];
  /** While true, updates are not acknowledged (the ack is lost with the connection). */
  holdAcks = false;
  /** The code an update is refused with for good (nothing stored), or null to store it. */
  refuseUpdate: (update: Uint8Array) => ErrorCode | null = () => null;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(readonly proposalId: string) {}

  asLiveSocket(): LiveSocket {
    return this as unknown as LiveSocket;
  }

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
  emit(event: string, payload: SentPayload, ack?: (ack: Ack<unknown>) => void) {
    void this.answer(event, payload).then((reply) => reply && ack?.(reply));
    return this;
  }
  timeout() {
    return {
      emitWithAck: (event: string, payload: SentPayload) =>
        this.answer(event, payload).then((reply) => reply ?? new Promise<never>(() => undefined)),
    };
  }
  disconnect() {
    this.connected = false;
    this.receive("disconnect", "transport close");
  }
  /** The payloads of every "proposal:update" sent so far. */
  updatesSent(): SentPayload[] {
    return this.sent.filter((entry) => entry.event === "proposal:update").map((entry) => entry.payload);
  }

  private async answer(event: string, payload: SentPayload): Promise<Ack<unknown> | null> {
    this.sent.push({ event, payload });
    switch (event) {
      case "proposal:open":
        return {
          ok: true,
          data: {
            proposal: { id: this.proposalId },
            update: Y.encodeStateAsUpdate(this.serverDoc, payload.stateVector ?? new Uint8Array([0])),
            stateVector: Y.encodeStateVector(this.serverDoc),
            awareness: null,
          },
        };
      case "proposal:update": {
        if (this.holdAcks) return null;
        const refused = payload.update ? this.refuseUpdate(payload.update) : null;
        if (refused) return { ok: false, error: { code: refused, message: refused } };
        if (payload.update) Y.applyUpdate(this.serverDoc, payload.update);
        return { ok: true, data: { proposalId: this.proposalId, clientUpdateId: payload.clientUpdateId, logId: "l" } };
      }
      default:
        return { ok: true, data: { proposalId: this.proposalId } };
    }
  }
}

// The unacknowledged-update queue: kept until acked, resent after a reconnect, retried when rate-limited,
// given up (and reported) when the server refuses it for good.
import { type Ack, type StoredUpdate, limits } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { OutgoingUpdates } from "./outgoingUpdates.ts";

interface Sent {
  id: string;
  update: Uint8Array;
  answer(ack: Ack<StoredUpdate>): void;
  cut(): void;
}

function fakeTransport() {
  const sent: Sent[] = [];
  const transport = {
    connected: true,
    canSend: () => transport.connected,
    send: (update: Uint8Array, id: string) =>
      new Promise<Ack<StoredUpdate>>((resolve, reject) => {
        sent.push({ id, update, answer: resolve, cut: () => reject(new Error("disconnected")) });
      }),
  };
  const timers: Array<() => void> = [];
  const scheduler = { setTimeout: (run: () => void) => timers.push(run) };
  return { transport, sent, timers, scheduler };
}

const stored = (id: string): Ack<StoredUpdate> => ({
  ok: true,
  data: { proposalId: "p", clientUpdateId: id, logId: "l" },
});
const refused = (code: "RATE_LIMITED" | "UPDATE_TOO_LARGE"): Ack<StoredUpdate> => ({
  ok: false,
  error: { code, message: code },
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("OutgoingUpdates", () => {
  it("sends each update at once with its clientUpdateId and keeps it until the ack", async () => {
    const { transport, sent } = fakeTransport();
    const queue = new OutgoingUpdates(transport, "42");
    queue.add(new Uint8Array([1]));
    queue.add(new Uint8Array([2]));
    expect(sent.map((s) => s.id)).toEqual(["42-0", "42-1"]);
    expect(queue.size).toBe(2);
    sent[1]?.answer(stored("42-1"));
    await settle();
    expect(queue.ids()).toEqual(["42-0"]);
  });

  it("keeps updates made offline and sends all unacked ones after the reconnect, each once", async () => {
    const { transport, sent } = fakeTransport();
    const queue = new OutgoingUpdates(transport, "7");
    queue.add(new Uint8Array([1]));
    transport.connected = false;
    sent[0]?.cut();
    queue.add(new Uint8Array([2]));
    await settle();
    expect(sent).toHaveLength(1);
    expect(queue.size).toBe(2);

    transport.connected = true;
    queue.resendAll();
    queue.resendAll(); // a second call while in flight sends nothing again
    expect(sent.map((s) => s.id)).toEqual(["7-0", "7-0", "7-1"]);
    sent[1]?.answer(stored("7-0"));
    sent[2]?.answer(stored("7-1"));
    await settle();
    expect(queue.size).toBe(0);
  });

  it("retries a rate-limited update later and drops one the server refuses for good", async () => {
    const { transport, sent, timers, scheduler } = fakeTransport();
    const queue = new OutgoingUpdates(transport, "1", scheduler, () => 0);
    const changes: number[] = [];
    queue.onChange(() => changes.push(queue.size));
    queue.add(new Uint8Array([1]));
    queue.add(new Uint8Array([2]));
    sent[0]?.answer(refused("RATE_LIMITED"));
    sent[1]?.answer(refused("UPDATE_TOO_LARGE"));
    await settle();
    expect(queue.ids()).toEqual(["1-0"]);
    expect(queue.refused).toEqual([{ clientUpdateId: "1-1", code: "UPDATE_TOO_LARGE", message: "UPDATE_TOO_LARGE" }]);
    expect(timers).toHaveLength(1);
    timers[0]?.();
    expect(sent.map((s) => s.id)).toEqual(["1-0", "1-1", "1-0"]);
    sent[2]?.answer(stored("1-0"));
    await settle();
    expect(queue.size).toBe(0);
    expect(changes).toEqual([1, 2, 1, 0]);
  });

  it("refuses an update over the server's limit without sending it, as the server would", () => {
    const { transport, sent } = fakeTransport();
    const queue = new OutgoingUpdates(transport, "9");
    let changes = 0;
    queue.onChange(() => {
      changes += 1;
    });
    queue.add(new Uint8Array(limits.yjsUpdateBytes + 1));
    queue.add(new Uint8Array(limits.yjsUpdateBytes));
    expect(sent.map((s) => s.id)).toEqual(["9-1"]);
    expect(queue.ids()).toEqual(["9-1"]);
    expect(queue.refused).toEqual([
      { clientUpdateId: "9-0", code: "UPDATE_TOO_LARGE", message: `update: at most ${limits.yjsUpdateBytes} bytes` },
    ]);
    expect(changes).toBe(2);
  });

  it("converges: a document rebuilt from the acked updates equals the editor's after a cut and a resend", async () => {
    const { transport, sent } = fakeTransport();
    const doc = new Y.Doc();
    const queue = new OutgoingUpdates(transport, String(doc.clientID));
    doc.on("update", (update: Uint8Array) => queue.add(update));
    const text = doc.getText("t");
    text.insert(0, "musyawarah");
    transport.connected = false;
    sent[0]?.cut();
    text.insert(text.length, " untuk mufakat");
    await settle();
    transport.connected = true;
    queue.resendAll();
    const server = new Y.Doc();
    for (const entry of sent.slice(1)) {
      Y.applyUpdate(server, entry.update);
      entry.answer(stored(entry.id));
    }
    await settle();
    expect(server.getText("t").toString()).toBe("musyawarah untuk mufakat");
    expect(queue.size).toBe(0);
  });
});

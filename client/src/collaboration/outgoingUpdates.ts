// The unacknowledged-update queue of one proposal: every local Yjs update stays here until the server
// acknowledges it as stored; a send cut by a disconnect is resent after the reconnect, a rate-limited one
// shortly after. One larger than the server takes is refused here without being sent. Transport-free so its
// logic is unit-tested without a socket.
import { type Ack, type ErrorCode, type StoredUpdate, limits } from "@mufakat/shared";

export interface UpdateTransport {
  /** Whether an update can go now (connected, and the proposal opened on this connection). */
  canSend(): boolean;
  /** Resolves with the server's ack; rejects when the connection dropped before one came. */
  send(update: Uint8Array, clientUpdateId: string): Promise<Ack<StoredUpdate>>;
}

export interface Scheduler {
  setTimeout(run: () => void, ms: number): unknown;
}

/** Codes for which the same update is sent again later instead of being given up. */
const retriedCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "RATE_LIMITED",
  "DATABASE_UNAVAILABLE",
  "TOKEN_EXPIRED",
  "INTERNAL",
]);

export interface RefusedUpdate {
  clientUpdateId: string;
  code: ErrorCode;
  message: string;
}

export class OutgoingUpdates {
  private readonly unacked = new Map<string, Uint8Array>();
  /** Sends awaiting an ack, by clientUpdateId, with the attempt they belong to. */
  private readonly inFlight = new Map<string, number>();
  private attempts = 0;
  private readonly listeners = new Set<() => void>();
  private counter = 0;
  readonly refused: RefusedUpdate[] = [];

  constructor(
    private readonly transport: UpdateTransport,
    /** Prefix of clientUpdateIds: unique per document copy (the Yjs clientID). */
    private readonly idPrefix: string,
    private readonly scheduler: Scheduler = globalThis,
    private readonly retryDelayMs: () => number = () => 100 + Math.floor(Math.random() * 200),
  ) {}

  /** How many updates are not yet acknowledged as stored. */
  get size(): number {
    return this.unacked.size;
  }

  ids(): string[] {
    return [...this.unacked.keys()];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Queues an update and sends it if connected; returns its clientUpdateId. One over the server's update
   * limit is refused at once, as the server would refuse it, without sending it.
   */
  add(update: Uint8Array): string {
    const id = `${this.idPrefix}-${this.counter++}`;
    if (update.byteLength > limits.yjsUpdateBytes) {
      this.refused.push({
        clientUpdateId: id,
        code: "UPDATE_TOO_LARGE",
        message: `update: at most ${limits.yjsUpdateBytes} bytes`,
      });
      this.changed();
      return id;
    }
    this.unacked.set(id, update);
    this.changed();
    this.send(id);
    return id;
  }

  /**
   * The connection dropped: acks still awaited will not come on it, so resendAll() sends those again too
   * (a late answer to an old attempt is still taken as the ack it is).
   */
  connectionLost(): void {
    this.inFlight.clear();
  }

  /** After a reconnect: every update not acknowledged goes again (the server ignores what it already has). */
  resendAll(): void {
    for (const id of this.unacked.keys()) this.send(id);
  }

  private send(id: string): void {
    const update = this.unacked.get(id);
    if (!update || !this.transport.canSend() || this.inFlight.has(id)) return;
    const attempt = ++this.attempts;
    this.inFlight.set(id, attempt);
    const settled = () => {
      if (this.inFlight.get(id) === attempt) this.inFlight.delete(id);
    };
    this.transport.send(update, id).then(
      (ack) => {
        settled();
        if (!this.unacked.has(id)) return;
        if (ack.ok) {
          this.unacked.delete(id);
          this.changed();
        } else if (retriedCodes.has(ack.error.code)) {
          this.scheduler.setTimeout(() => this.send(id), this.retryDelayMs());
        } else {
          // The server will never take this one (too large, not allowed): stop sending it, and say so.
          this.unacked.delete(id);
          this.refused.push({ clientUpdateId: id, code: ack.error.code, message: ack.error.message });
          this.changed();
        }
      },
      () => {
        // Cut before the ack: it stays unacked and goes again after the reconnect.
        settled();
      },
    );
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

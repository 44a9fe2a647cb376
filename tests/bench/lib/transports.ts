// The only part of the load generator that differs per server: how one client reaches one document.
//   MufakatPeer       socket.io, Mufakat's protocol (room:join, proposal:open = sync steps 1/2,
//                     proposal:update acked once stored)
//   YProtocolPeer     y-protocols sync messages over a plain WebSocket: y-websocket's framing, or
//                     Hocuspocus's (document name first, an auth message before sync, SyncStatus acks)
import { type ClientToServerEvents, type ServerToClientEvents, protocolVersion, wireParser } from "@mufakat/shared";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { type Socket, io } from "socket.io-client";
import WebSocket from "ws";

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Peer {
  /** Connects and does what must precede a sync (Mufakat: handshake and room:join; Hocuspocus: auth). */
  prepare(): Promise<void>;
  /** Connects (if needed) and syncs: sends the state vector, resolves with the server's step 2 update. */
  open(stateVector: Uint8Array, localState: (stateVector: Uint8Array) => Uint8Array): Promise<Uint8Array>;
  /** Sends one update; resolves when the server acknowledges it (stored for Mufakat, applied for
   *  Hocuspocus), at once where the protocol has no acknowledgement (y-websocket). */
  send(update: Uint8Array): Promise<void>;
  /** Called with every update the server relays. */
  onUpdate: (update: Uint8Array) => void;
  /** Closes the connection cleanly (what was sent is flushed first). */
  close(): void;
  readonly acknowledges: "stored" | "applied" | "none";
}

const connectTimeoutMs = 20_000;

export class MufakatPeer implements Peer {
  readonly acknowledges = "stored" as const;
  onUpdate: (update: Uint8Array) => void = () => undefined;
  socket: LiveClient | null = null;
  private counter = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly roomId: string,
    private readonly proposalId: string,
  ) {}

  async connect(): Promise<LiveClient> {
    if (this.socket?.connected) return this.socket;
    const socket: LiveClient = io(this.url, {
      auth: { token: this.token, protocolVersion },
      transports: ["websocket"],
      parser: wireParser,
      forceNew: true,
      reconnection: false,
      timeout: connectTimeoutMs,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", (error) => {
        socket.close();
        reject(error);
      });
    });
    socket.on("proposal:update", ({ proposalId, update }) => {
      if (proposalId === this.proposalId) this.onUpdate(new Uint8Array(update as ArrayBuffer));
    });
    this.socket = socket;
    return socket;
  }

  /** Sends and waits for the ack, at most `ackTimeoutMs` (a slow ack is a measurement, not an error). */
  async request<E extends keyof ClientToServerEvents>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
    ackTimeoutMs = connectTimeoutMs,
  ): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
    const socket = await this.connect();
    const timed = socket.timeout(ackTimeoutMs) as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<any>;
    };
    return timed.emitWithAck(event, payload);
  }

  private joined = false;

  async prepare(): Promise<void> {
    if (this.joined && this.socket?.connected) return;
    const joined = await this.request("room:join", { roomId: this.roomId });
    if (!joined.ok) throw new Error(`room:join: ${joined.error.code} ${joined.error.message}`);
    this.joined = true;
  }

  async open(stateVector: Uint8Array): Promise<Uint8Array> {
    await this.prepare();
    const opened = await this.request("proposal:open", { proposalId: this.proposalId, stateVector });
    if (!opened.ok) throw new Error(`proposal:open: ${opened.error.code} ${opened.error.message}`);
    return new Uint8Array(opened.data.update as ArrayBuffer);
  }

  async send(update: Uint8Array): Promise<void> {
    const clientUpdateId = `u${this.counter++}`;
    for (let attempt = 0; attempt < 20; attempt++) {
      const ack = await this.request("proposal:update", { proposalId: this.proposalId, update, clientUpdateId });
      if (ack.ok) return;
      if (ack.error.code !== "RATE_LIMITED") throw new Error(`proposal:update: ${ack.error.code}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("proposal:update: still rate limited after 20 tries");
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
    this.joined = false;
  }
}

const messageSync = 0;
const messageAwareness = 1;
const messageAuth = 2;
const messageSyncStatus = 8;
const syncStep1 = 0;
const syncStep2 = 1;
const syncUpdate = 2;

/** y-protocols over WebSocket; `documentPrefix` is Hocuspocus's: every message starts with the document name. */
export class YProtocolPeer implements Peer {
  onUpdate: (update: Uint8Array) => void = () => undefined;
  readonly acknowledges: "applied" | "none";
  private ws: WebSocket | null = null;
  private synced: ((update: Uint8Array) => void) | null = null;
  private localState: (stateVector: Uint8Array) => Uint8Array = () => new Uint8Array([0, 0]);
  private readonly unacked: Array<() => void> = [];
  private authenticated: Promise<void> = Promise.resolve();
  private onAuthenticated: (() => void) | null = null;

  constructor(
    private readonly url: string,
    private readonly documentName: string,
    private readonly flavour: "hocuspocus" | "y-websocket",
  ) {
    this.acknowledges = flavour === "hocuspocus" ? "applied" : "none";
  }

  private message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
    const encoder = encoding.createEncoder();
    if (this.flavour === "hocuspocus") encoding.writeVarString(encoder, this.documentName);
    encoding.writeVarUint(encoder, type);
    write(encoder);
    return encoding.toUint8Array(encoder);
  }

  private async connect(): Promise<WebSocket> {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) return this.ws;
    const address = this.flavour === "hocuspocus" ? this.url : `${this.url}/${this.documentName}`;
    const ws = new WebSocket(address, { perMessageDeflate: false });
    ws.binaryType = "nodebuffer";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("websocket connect timeout")), connectTimeoutMs);
      ws.once("open", () => {
        clearTimeout(timer);
        resolve();
      });
      ws.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    ws.on("message", (data: Buffer) => this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    ws.on("error", () => undefined);
    if (this.flavour === "hocuspocus") {
      this.authenticated = new Promise<void>((resolve) => {
        this.onAuthenticated = resolve;
      });
      ws.send(
        this.message(messageAuth, (encoder) => {
          encoding.writeVarUint(encoder, 0);
          encoding.writeVarString(encoder, "bench");
        }),
      );
    }
    this.ws = ws;
    return ws;
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    if (this.flavour === "hocuspocus") decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === messageSync) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncStep1) {
        this.ws?.send(
          this.message(messageSync, (encoder) => {
            encoding.writeVarUint(encoder, syncStep2);
            encoding.writeVarUint8Array(encoder, this.localState(payload));
          }),
        );
      } else if (step === syncStep2 && this.synced) {
        const resolve = this.synced;
        this.synced = null;
        resolve(payload);
      } else {
        this.onUpdate(payload);
      }
    } else if (type === messageSyncStatus) {
      this.unacked.shift()?.();
    } else if (type === messageAuth) {
      this.onAuthenticated?.();
      this.onAuthenticated = null;
    } else if (type === messageAwareness) {
      // Carets: nothing to measure.
    }
  }

  async prepare(): Promise<void> {
    await this.connect();
    await this.authenticated;
  }

  async open(stateVector: Uint8Array, localState: (stateVector: Uint8Array) => Uint8Array): Promise<Uint8Array> {
    this.localState = localState;
    const ws = await this.connect();
    const step2 = new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("sync step 2 timeout")), connectTimeoutMs);
      this.synced = (update) => {
        clearTimeout(timer);
        resolve(update);
      };
    });
    ws.send(
      this.message(messageSync, (encoder) => {
        encoding.writeVarUint(encoder, syncStep1);
        encoding.writeVarUint8Array(encoder, stateVector);
      }),
    );
    return step2;
  }

  send(update: Uint8Array): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error("not connected"));
    const acked =
      this.acknowledges === "applied" ? new Promise<void>((resolve) => this.unacked.push(resolve)) : Promise.resolve();
    ws.send(
      this.message(messageSync, (encoder) => {
        encoding.writeVarUint(encoder, syncUpdate);
        encoding.writeVarUint8Array(encoder, update);
      }),
    );
    return acked;
  }

  close(): void {
    this.ws?.close();
    this.ws = null;
  }
}

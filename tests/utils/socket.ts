// Real socket.io clients for the realtime tests: connect(server, token), a typed request helper, members
// set up over HTTP, ProposalEditor, a client-side Yjs editor that keeps its unacknowledged updates
// and resends them, as the app's client does, and the lists of sockets a file closes after its tests.
import {
  type Ack,
  type ClientToServerEvents,
  type MemberRole,
  type PresenceMember,
  type Sector,
  type ServerToClientEvents,
  type Session,
  applyPresenceChange,
  proposalBodyFragment,
  protocolVersion,
  wireParser,
} from "@mufakat/shared";
import { type Socket, io } from "socket.io-client";
import { afterAll, afterEach } from "vitest";
import * as Y from "yjs";
import { type ApiClient, registeredClient } from "./api.ts";

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  protocolVersion?: number | undefined;
  /** Replaces the whole handshake auth (for malformed-handshake tests). */
  auth?: Record<string, unknown>;
  reconnection?: boolean;
}

function makeSocket(server: { url: string }, token: string, options: ConnectOptions): LiveClient {
  return io(server.url, {
    auth: options.auth ?? { token, protocolVersion: options.protocolVersion ?? protocolVersion },
    transports: ["websocket"],
    parser: wireParser,
    forceNew: true,
    reconnection: options.reconnection ?? false,
    timeout: 5_000,
  });
}

/**
 * A list for the sockets a file's tests open, closed in an afterAll. Call it after serverForSuite: vitest
 * runs after-hooks in reverse order, so the sockets close before the server stops.
 */
export function socketsClosedAfterAll(): LiveClient[] {
  const sockets: LiveClient[] = [];
  afterAll(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  return sockets;
}

/** A list for the sockets each test opens, closed (and emptied) after every test, so none outlives its test. */
export function socketsClosedAfterEach(): LiveClient[] {
  const sockets: LiveClient[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  return sockets;
}

/** A connected client; rejects with the connect_error when the server refuses. */
export function connect(server: { url: string }, token: string, options: ConnectOptions = {}): Promise<LiveClient> {
  const socket = makeSocket(server, token, options);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** The refusal of a handshake: connect_error's message and data. */
export async function connectRefusal(
  server: { url: string },
  token: string,
  options: ConnectOptions = {},
): Promise<{ message: string; data: any }> {
  try {
    const socket = await connect(server, token, options);
    socket.close();
    throw new Error("expected the handshake to be refused");
  } catch (error) {
    const refused = error as Error & { data?: unknown };
    return { message: refused.message, data: refused.data };
  }
}

/** Emits an event and resolves with its ack (rejects after 10 s without one). */
export function request<E extends keyof ClientToServerEvents>(
  socket: LiveClient,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  const emit = socket.timeout(10_000).emitWithAck as unknown as (event: string, payload: unknown) => Promise<any>;
  return emit.call(socket.timeout(10_000), event, payload);
}

/** Emits anything (wrong types included) and resolves with the ack. */
export function rawRequest(socket: LiveClient, event: string, payload: unknown): Promise<Ack<any>> {
  const timed = socket.timeout(10_000) as unknown as { emitWithAck(event: string, payload: unknown): Promise<any> };
  return timed.emitWithAck(event, payload);
}

export function okData<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok ack, got ${JSON.stringify(ack.error)}`);
  return ack.data;
}

export interface Member {
  api: ApiClient;
  session: Session;
  token: string;
  userId: string;
  sector: Sector;
  role: MemberRole;
}

/** A room created by a coordinator of `sectors[0]`, with one member per further entry, joined by invite. */
export async function roomWithMembers(
  server: { url: string },
  members: Array<{ sector: Sector; role: MemberRole }>,
): Promise<{ roomId: string; members: Member[] }> {
  const [first, ...rest] = members;
  if (first?.role !== "coordinator") throw new Error("the first member creates the room (coordinator)");
  const creator = await registeredClient(server.url, first.sector);
  const room = await creator.client.post("/api/rooms", { title: "Air bersih Tamalate", visibility: "invite-only" });
  if (room.status !== 201) throw new Error(`room: ${room.status} ${JSON.stringify(room.body)}`);
  const roomId = room.body.id as string;
  const result: Member[] = [
    {
      api: creator.client,
      session: creator.session,
      token: creator.session.accessToken,
      userId: creator.session.user.id,
      sector: first.sector,
      role: "coordinator",
    },
  ];
  for (const spec of rest) {
    const invite = await creator.client.post(`/api/rooms/${roomId}/invites`, { role: spec.role });
    if (invite.status !== 201) throw new Error(`invite: ${invite.status} ${JSON.stringify(invite.body)}`);
    const joiner = await registeredClient(server.url, spec.sector);
    const accepted = await joiner.client.post("/api/invites/accept", { token: invite.body.token });
    if (accepted.status !== 201) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
    result.push({
      api: joiner.client,
      session: joiner.session,
      token: joiner.session.accessToken,
      userId: joiner.session.user.id,
      sector: spec.sector,
      role: spec.role,
    });
  }
  return { roomId, members: result };
}

const remote = Symbol("remote");

/**
 * A client-side editor of one proposal: a Y.Doc whose local changes go out as "proposal:update" and stay
 * in `unacked` until the server acknowledges them; remote updates are applied on arrival. After a
 * reconnect, `open()` syncs again and `resendUnacked()` sends what was not acknowledged.
 */
export class ProposalEditor {
  readonly doc = new Y.Doc();
  readonly unacked = new Map<string, Uint8Array>();
  /** clientUpdateIds the server acknowledged as stored, and the updates themselves. */
  readonly acked: string[] = [];
  readonly ackedUpdates: Uint8Array[] = [];
  /** Acks of updates the server stored (logId set); the others added nothing new. */
  storedCount = 0;
  readonly refusals: Array<{ code: string; clientUpdateId: string }> = [];
  private counter = 0;
  private inFlight = new Set<string>();

  constructor(
    public socket: LiveClient,
    readonly proposalId: string,
  ) {
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === remote) return;
      const id = `${this.doc.clientID}-${this.counter++}`;
      this.unacked.set(id, update);
      this.send(id);
    });
    this.listen(socket);
  }

  /** Uses a new socket (after a reconnect with a new connection). */
  attach(socket: LiveClient): void {
    this.socket = socket;
    this.listen(socket);
  }

  private listen(socket: LiveClient): void {
    socket.on("proposal:update", ({ proposalId, update }) => {
      if (proposalId === this.proposalId) Y.applyUpdate(this.doc, new Uint8Array(update as ArrayBuffer), remote);
    });
  }

  get body(): Y.XmlFragment {
    return this.doc.getXmlFragment(proposalBodyFragment);
  }

  /** The editable text: the first paragraph's XmlText (created by whoever calls createParagraph). */
  get paragraph(): Y.XmlText | null {
    const first = this.body.get(0);
    if (!(first instanceof Y.XmlElement)) return null;
    const text = first.get(0);
    return text instanceof Y.XmlText ? text : null;
  }

  createParagraph(initial = ""): void {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(initial)]);
    this.body.insert(0, [paragraph]);
  }

  text(): string {
    return this.paragraph?.toString() ?? "";
  }

  /** Sync step 1 / step 2, then sends what the server lacks (offline edits included). */
  async open(): Promise<void> {
    const ack = await request(this.socket, "proposal:open", {
      proposalId: this.proposalId,
      stateVector: Y.encodeStateVector(this.doc),
    });
    const opened = okData(ack);
    Y.applyUpdate(this.doc, new Uint8Array(opened.update as ArrayBuffer), remote);
    const missing = Y.encodeStateAsUpdate(this.doc, new Uint8Array(opened.stateVector as ArrayBuffer));
    // Only worth sending when it carries structs or deletions (an empty update is two zero bytes).
    if (missing.byteLength > 2) {
      const id = `${this.doc.clientID}-sync-${this.counter++}`;
      this.unacked.set(id, missing);
      this.send(id);
    }
  }

  resendUnacked(): void {
    for (const id of this.unacked.keys()) this.send(id);
  }

  private send(id: string): void {
    const update = this.unacked.get(id);
    if (!update || !this.socket.connected || this.inFlight.has(id)) return;
    this.inFlight.add(id);
    const socket = this.socket;
    rawRequest(socket, "proposal:update", { proposalId: this.proposalId, update, clientUpdateId: id })
      .then((ack) => {
        this.inFlight.delete(id);
        if (ack.ok) {
          this.unacked.delete(id);
          this.acked.push(id);
          this.ackedUpdates.push(update);
          if (ack.data.logId) this.storedCount += 1;
        } else if (ack.error.code === "RATE_LIMITED") {
          // What a client does with RATE_LIMITED: keep it and try again shortly.
          setTimeout(() => this.send(id), 100 + Math.floor(Math.random() * 200));
        } else {
          this.refusals.push({ code: ack.error.code, clientUpdateId: id });
        }
      })
      .catch(() => {
        // Disconnected before the ack: it stays unacked and is resent after the reconnect.
        this.inFlight.delete(id);
      });
  }
}

/**
 * Follows a room's presence as the client does: from `initial` (the room:join list), every change the server
 * sends is applied; returns the list of what each resulting presence looked like through `view`.
 */
export function followPresence<T>(
  socket: LiveClient,
  roomId: string,
  view: (members: PresenceMember[]) => T,
  initial: PresenceMember[] = [],
): T[] {
  let current = initial;
  const seen: T[] = [];
  socket.on("presence:update", (change) => {
    if (change.roomId !== roomId) return;
    current = applyPresenceChange(current, change);
    seen.push(view(current));
  });
  return seen;
}

/** A seeded PRNG (mulberry32), so random edit sequences replay exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The text of a stored state (snapshot + log loaded into a fresh Y.Doc). */
export function paragraphTextOf(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const first = doc.getXmlFragment(proposalBodyFragment).get(0);
  const text = first instanceof Y.XmlElement ? first.get(0) : null;
  const result = text instanceof Y.XmlText ? text.toString() : "";
  doc.destroy();
  return result;
}

/** The text of a state as the editors show it and the server reads it: one line per top-level block. */
export function linesOfState(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const lines = doc
    .getXmlFragment(proposalBodyFragment)
    .toArray()
    .map((block) =>
      block instanceof Y.XmlElement
        ? block
            .toArray()
            .map((child) => (child instanceof Y.XmlText ? child.toString() : ""))
            .join("")
        : "",
    );
  doc.destroy();
  return lines.join("\n");
}

/** What the database holds for a proposal, read straight from its collections: snapshot + update log. */
export async function storedState(
  connection: import("mongoose").Connection,
  proposalId: string,
): Promise<{ state: Uint8Array; logCount: number; snapshot: boolean }> {
  const { Types } = await import("mongoose");
  const id = new Types.ObjectId(proposalId);
  const snapshot = await connection.collection("proposalsnapshots").findOne({ proposalId: id });
  const log = await connection.collection("proposalupdates").find({ proposalId: id }).sort({ _id: 1 }).toArray();
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot.state.buffer));
  for (const entry of log) Y.applyUpdate(doc, new Uint8Array(entry.update.buffer));
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { state, logCount: log.length, snapshot: snapshot !== null };
}

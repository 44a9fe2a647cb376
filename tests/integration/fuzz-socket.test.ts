// Hostile input over socket.io: every inbound event (the protocol's payload table, discussion events and
// "motion:vote") gets fast-check payloads, random bytes and truncated varints as Yjs updates, text where
// binary is expected; then raw frames of the MessagePack wire format: malformed packets, binary bombs, stray
// bytes, nesting bombs. The server is a child process: it stays alive, never acks INTERNAL, a refused
// batch stores nothing, and a bystander keeps editing throughout.
import fc from "fast-check";
import {
  discussionPayloadSchemas,
  inboundPayloadSchemas,
  proposalBodyFragment,
  protocolVersion,
  wireParser,
} from "@mufakat/shared";
import { io } from "socket.io-client";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ApiClient } from "../utils/api.ts";
import { roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import {
  countChanges,
  documentCounts,
  expectServing,
  hostilePayload,
  hostileStrings,
  samples,
  schemaKeys,
} from "../utils/hostile.ts";
import { serverForSuite } from "../utils/server.ts";
import { type ServerProcess, spawnServer } from "../utils/serverProcess.ts";
import { type LiveClient, ProposalEditor, connect, okData, rawRequest, request } from "../utils/socket.ts";

const setup = serverForSuite({ motionSweepMs: 0 });
let child: ServerProcess;
let api: ApiClient;
let token = "";
let bystander: ProposalEditor;
const ids: Record<string, string> = {};
const sockets: LiveClient[] = [];

beforeAll(async () => {
  const room = await roomOfSectors(setup, 1);
  const motionProposal = await seedProposal(setup, room.roomId, room.coordinator.id, "Usulan dipilih");
  const motion = await room.coordinator.client.post(`/api/rooms/${room.roomId}/motions`, {
    proposalId: motionProposal,
    durationMinutes: 600,
  });
  expect(motion.status).toBe(201);
  child = await spawnServer({ databaseName: setup.databaseName });
  token = room.coordinator.accessToken;
  api = new ApiClient(child.url);
  api.accessToken = token;

  const fuzzer = await connect(child, token);
  sockets.push(fuzzer);
  okData(await request(fuzzer, "room:join", { roomId: room.roomId }));
  const proposal = okData(await request(fuzzer, "proposal:create", { roomId: room.roomId, title: "Sasaran fuzz" }));
  const message = okData(await request(fuzzer, "chat:send", { roomId: room.roomId, body: "halo" }));
  Object.assign(ids, {
    roomId: room.roomId,
    proposalId: proposal.id,
    motionId: motion.body.id,
    messageId: message.id,
    parentId: message.id,
  });
  fuzzer.close();

  // A member of another sector keeps editing the same proposal while the fuzzer attacks.
  const other = room.members[1];
  if (!other) throw new Error("no second member");
  const otherSocket = await connect(child, other.accessToken);
  sockets.push(otherSocket);
  okData(await request(otherSocket, "room:join", { roomId: room.roomId }));
  bystander = new ProposalEditor(otherSocket, proposal.id);
  await bystander.open();
  bystander.createParagraph("Tetap jalan. ");
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await child?.kill();
});

const figures = { inputs: 0, internal: 0, accepted: 0, stored: 0, dropped: 0, bystanderEdits: 0 };
const failures: string[] = [];

/** The bystander types one edit and it is acknowledged: the server serves others through the attack. */
async function bystanderStillEdits(): Promise<void> {
  const before = bystander.acked.length;
  bystander.paragraph?.insert(0, "b");
  await eventually(() => expect(bystander.acked.length).toBeGreaterThan(before), { timeout: 10_000 });
  figures.bystanderEdits += 1;
}

async function expectAlive(label: string): Promise<void> {
  if (child.child.exitCode !== null || child.child.signalCode !== null) {
    throw new Error(`server process died during ${label}`);
  }
  await expectServing(child.url, api);
  await bystanderStillEdits();
}

/** A fuzzer socket in the room with the proposal open, so handlers get past "join first". */
async function freshFuzzer(): Promise<LiveClient> {
  const socket = await connect(child, token);
  sockets.push(socket);
  okData(await request(socket, "room:join", { roomId: ids.roomId as string }));
  await request(socket, "proposal:open", { proposalId: ids.proposalId as string, stateVector: new Uint8Array([0]) });
  return socket;
}

function validUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getXmlFragment(proposalBodyFragment).insert(0, [new Y.XmlText(text)]);
  return Y.encodeStateAsUpdate(doc);
}

const binaryArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom(
    new Uint8Array(0),
    Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff]),
    Uint8Array.from([0x01, 0x80]),
    Uint8Array.from([0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]),
    validUpdate("potong").slice(0, 9),
    Uint8Array.from([...validUpdate("ekor"), 9, 9]),
  ),
  fc.constantFrom("AAEC", [0, 1, 2], { 0: 1, length: 1 }, { type: "Buffer", data: [1, 2] }),
);

function realField(key: string): fc.Arbitrary<unknown> | undefined {
  if (key === "update" || key === "stateVector") return binaryArbitrary;
  const id = ids[key];
  return id ? fc.constant(id) : undefined;
}

const events = [...Object.keys(inboundPayloadSchemas), ...Object.keys(discussionPayloadSchemas)].filter(
  (event, index, all) => all.indexOf(event) === index,
);
const schemas: Record<string, object> = { ...inboundPayloadSchemas, ...discussionPayloadSchemas };
/** `pnpm test:soak` (tests/vitest.soak.config.ts) tries ten times as many inputs. */
const soak = inject("soak") === true;
const inputsPerEvent = soak ? 400 : 40;

describe("socket event fuzzing", () => {
  it("acks every generated payload of every event without INTERNAL, storing nothing it refused", async () => {
    expect(events).toContain("motion:vote");
    expect(events).toContain("chat:send");
    for (const [index, event] of events.entries()) {
      const keys = schemaKeys(schemas[event]);
      const valid: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of keys) {
        const real = realField(key);
        if (real) valid[key] = real;
      }
      const payloads = samples(
        fc.oneof({ weight: 5, arbitrary: hostilePayload(keys, valid) }, { weight: 1, arbitrary: hostileStrings }),
        inputsPerEvent,
        11_000 + index,
      );
      const socket = await freshFuzzer();
      const before = await documentCounts(setup.connection);
      let anyAccepted = false;
      for (const payload of payloads) {
        figures.inputs += 1;
        if (!socket.connected) throw new Error(`${event}: the server dropped the connection on ${String(payload)}`);
        const ack = await rawRequest(socket, event, payload);
        if (typeof ack?.ok !== "boolean") failures.push(`${event}: ack without ok: ${JSON.stringify(ack)}`);
        else if (ack.ok) {
          anyAccepted = true;
          figures.accepted += 1;
        } else if (ack.error.code === "INTERNAL") {
          figures.internal += 1;
          failures.push(`${event}: INTERNAL for ${JSON.stringify(payload)?.slice(0, 200)}`);
        }
      }
      // Extra arguments and no ack callback at all: ignored without harm.
      (socket as unknown as { emit(...args: unknown[]): void }).emit(event, { proposalId: ids.proposalId }, 1, "x");
      (socket as unknown as { emit(...args: unknown[]): void }).emit(event);
      figures.inputs += 2;
      if (!anyAccepted) {
        // Attendance records a socket's stay whatever it sends: the previous fuzzer's leave is stored
        // (inserted, grouped) while this one runs. What a refused payload must not store is anything else.
        const changed = countChanges(before, await documentCounts(setup.connection), ["attendanceintervals"]);
        if (changed.length > 0) {
          figures.stored += 1;
          failures.push(`${event} stored: ${changed.join(", ")}`);
        }
      }
      socket.close();
      await expectAlive(event);
    }
    expect(failures).toEqual([]);
  });

  it("survives malformed frames, binary bombs, stray bytes and nesting bombs; others unaffected", async () => {
    const id = ids.proposalId as string;
    // Frames are MessagePack (shared/protocol/wire.ts): built with the wire encoder from hostile packets, or
    // written byte by byte where the encoder would refuse to produce them.
    const encoder = new wireParser.Encoder();
    const packet = (value: { type: unknown; nsp: unknown; data?: unknown; id?: unknown }) =>
      encoder.encode(value as Parameters<typeof encoder.encode>[0])[0] as Uint8Array;
    const event = (data: unknown, extra: { id?: unknown; nsp?: unknown; type?: unknown } = {}) =>
      packet({ type: 2, nsp: "/", data, ...extra });
    const big = new Uint8Array(100 * 1024);
    const bytes = (...values: number[]) => Uint8Array.from(values);
    const frames: Array<{ label: string; parts: Array<string | Uint8Array> }> = [
      { label: "text frame (the JSON parser's packet)", parts: ['2["proposal:list",{}]'] },
      { label: "empty event", parts: [event([])] },
      { label: "numeric event name", parts: [event([1, 2])] },
      { label: "object instead of array", parts: [event({ a: 1 })] },
      { label: "__proto__ event", parts: [event(["__proto__", {}])] },
      { label: "constructor event", parts: [event(["constructor", {}])] },
      { label: "toString event", parts: [event(["toString"])] },
      { label: "unknown packet type", parts: [packet({ type: 9, nsp: "/", data: ["x"] })] },
      { label: "ack for nothing", parts: [packet({ type: 3, nsp: "/", id: 999, data: ["x"] })] },
      { label: "foreign namespace", parts: [event(["room:join", {}], { nsp: "/admin" })] },
      { label: "namespace not a string", parts: [event(["proposal:list", {}], { nsp: 7 })] },
      { label: "huge ack id", parts: [event(["proposal:list", {}], { id: 2 ** 60 })] },
      { label: "fractional ack id", parts: [event(["proposal:list", {}], { id: 1.5 })] },
      {
        label: "text where binary is expected",
        parts: [event(["proposal:update", { proposalId: id, update: "AAEC" }])],
      },
      {
        label: "array where binary is expected",
        parts: [event(["proposal:update", { proposalId: id, update: [0, 1] }])],
      },
      { label: "nil packet", parts: [bytes(0xc0)] },
      { label: "nesting bomb", parts: [Uint8Array.from([...new Uint8Array(300_000).fill(0x91), 0xc0])] },
      { label: "bin announcing 4 GiB", parts: [bytes(0xc6, 0xff, 0xff, 0xff, 0xff, 1, 2, 3)] },
      { label: "array announcing 4 billion items", parts: [bytes(0xdd, 0xff, 0xff, 0xff, 0xff)] },
      { label: "map announcing 4 billion entries", parts: [bytes(0xdf, 0xff, 0xff, 0xff, 0xff)] },
      {
        label: "extension types",
        parts: [
          bytes(
            0x83,
            0xa4,
            0x74,
            0x79,
            0x70,
            0x65,
            0xd4,
            5,
            0,
            0xa3,
            0x6e,
            0x73,
            0x70,
            0xd4,
            0,
            0,
            0xa4,
            0x64,
            0x61,
            0x74,
            0x61,
            0x90,
          ),
        ],
      },
      { label: "truncated packet", parts: [event(["proposal:list", { roomId: ids.roomId }]).slice(0, 12)] },
      {
        label: "ten 100 KiB binaries",
        parts: [event(["proposal:update", { proposalId: id, update: Array.from({ length: 10 }, () => big) }])],
      },
      { label: "stray bytes", parts: [bytes(1, 2, 3)] },
      ...samples(fc.string({ maxLength: 200 }), 10, 3).map((text, n) => ({ label: `random text ${n}`, parts: [text] })),
      ...samples(fc.uint8Array({ maxLength: 200 }), 10, 4).map((random, n) => ({
        label: `random bytes ${n}`,
        parts: [random],
      })),
    ];
    let dropped = 0;
    for (const frame of frames) {
      const socket = await freshFuzzer();
      const engine = (socket.io as unknown as { engine: { write(data: string | Uint8Array): void } }).engine;
      for (const part of frame.parts) engine.write(part);
      figures.inputs += 1;
      // A valid request after the frame: answered, or the connection was dropped (a parse error closes it).
      const after = await rawRequest(socket, "proposal:list", { roomId: ids.roomId }).catch(() => null);
      if (after === null || !socket.connected) dropped += 1;
      else expect(after.ok, frame.label).toBe(true);
      socket.close();
      await expectAlive(frame.label);
    }

    // Deep arrays of buffers through the client's own encoder: many binaries, deeply nested.
    const bombs: unknown[] = [
      Array.from({ length: 50 }, () => new Uint8Array(8)),
      Array.from({ length: 300 }).reduce<unknown>((inner) => [inner, new Uint8Array(1)], new Uint8Array(1)),
    ];
    for (const bomb of bombs) {
      const socket = await freshFuzzer();
      figures.inputs += 1;
      const ack = await rawRequest(socket, "proposal:update", { proposalId: id, update: bomb }).catch(() => null);
      if (ack === null) dropped += 1;
      else expect(ack.ok).toBe(false);
      socket.close();
      await expectAlive("attachment bomb");
    }
    figures.dropped = dropped;
    // A different protocol version or no auth on a raw connection: refused, no crash.
    const refused = io(child.url, {
      transports: ["websocket"],
      parser: wireParser,
      forceNew: true,
      reconnection: false,
      auth: { protocolVersion: protocolVersion + 1, token: "x" },
    });
    await new Promise((resolve) => refused.once("connect_error", resolve));
    refused.close();
    await expectAlive("handshake");

    expect(failures).toEqual([]);
    console.log(
      `fuzz: socket ${figures.inputs} inputs over ${events.length} events and ${frames.length + bombs.length} raw frames, ` +
        `0 crashes, ${figures.internal} INTERNAL acks, ${figures.stored} stored (${figures.accepted} accepted as valid), ` +
        `${figures.dropped} connections dropped for bad frames, bystander acked ${figures.bystanderEdits} edits`,
    );
  });
});

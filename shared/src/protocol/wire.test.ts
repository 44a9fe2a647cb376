// The wire format is standard MessagePack: frames the encoder writes are read by a strict decoder that
// knows no extension type (as Python's msgpack, Go's or Rust's decoders read them without an ext hook),
// and packets as other socket.io clients write them (nil for an absent data, nsp or id) decode.
import { describe, expect, it } from "vitest";
import { wireParser } from "./wire.ts";

// shared/ compiles without Node's and the DOM's types; these are the test runtime's (Node's) own.
const runtime = globalThis as unknown as {
  TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };
  TextEncoder: new () => { encode(text: string): Uint8Array };
  Buffer: { from(bytes: Uint8Array): Uint8Array };
};

/** MessagePack's extension families: fixext 1–16 (0xd4–0xd8) and ext 8/16/32 (0xc7–0xc9). */
const extensionHeads = new Set([0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xc7, 0xc8, 0xc9]);

class ExtensionTypeFound extends Error {}

/**
 * A strict decoder of the MessagePack spec without extensions: every value a standard decoder gives
 * without an ext hook (nil → null, bin → Uint8Array, maps → objects); an extension type throws, naming
 * its head byte and offset. Trailing or missing bytes throw too.
 */
function decodeStandard(frame: Uint8Array): unknown {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  let offset = 0;
  const take = (length: number): Uint8Array => {
    if (offset + length > frame.byteLength) throw new Error(`truncated at ${offset}`);
    const bytes = frame.subarray(offset, offset + length);
    offset += length;
    return bytes;
  };
  const uint = (size: 1 | 2 | 4): number => {
    const bytes = take(size);
    const at = new DataView(bytes.buffer, bytes.byteOffset, size);
    return size === 1 ? at.getUint8(0) : size === 2 ? at.getUint16(0) : at.getUint32(0);
  };
  const text = (length: number) => new runtime.TextDecoder("utf-8", { fatal: true }).decode(take(length));
  const array = (length: number): unknown[] => Array.from({ length }, () => value());
  const map = (length: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let index = 0; index < length; index += 1) {
      const key = value();
      if (typeof key !== "string") throw new Error(`map key ${String(key)} is not a string`);
      Object.defineProperty(out, key, { value: value(), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  function value(): unknown {
    const head = uint(1);
    if (head <= 0x7f) return head;
    if (head >= 0xe0) return head - 0x100;
    if (head >= 0x80 && head <= 0x8f) return map(head & 0x0f);
    if (head >= 0x90 && head <= 0x9f) return array(head & 0x0f);
    if (head >= 0xa0 && head <= 0xbf) return text(head & 0x1f);
    if (extensionHeads.has(head)) {
      throw new ExtensionTypeFound(`extension type 0x${head.toString(16)} at offset ${offset - 1}`);
    }
    const at = offset;
    switch (head) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
        return new Uint8Array(take(uint(1)));
      case 0xc5:
        return new Uint8Array(take(uint(2)));
      case 0xc6:
        return new Uint8Array(take(uint(4)));
      case 0xca:
        take(4);
        return view.getFloat32(at);
      case 0xcb:
        take(8);
        return view.getFloat64(at);
      case 0xcc:
        return uint(1);
      case 0xcd:
        return uint(2);
      case 0xce:
        return uint(4);
      case 0xcf:
        take(8);
        return Number(view.getBigUint64(at));
      case 0xd0:
        take(1);
        return view.getInt8(at);
      case 0xd1:
        take(2);
        return view.getInt16(at);
      case 0xd2:
        take(4);
        return view.getInt32(at);
      case 0xd3:
        take(8);
        return Number(view.getBigInt64(at));
      case 0xd9:
        return text(uint(1));
      case 0xda:
        return text(uint(2));
      case 0xdb:
        return text(uint(4));
      case 0xdc:
        return array(uint(2));
      case 0xdd:
        return array(uint(4));
      case 0xde:
        return map(uint(2));
      case 0xdf:
        return map(uint(4));
      default:
        throw new Error(`0x${head.toString(16)} is not a MessagePack type (offset ${at - 1})`);
    }
  }
  const decoded = value();
  if (offset !== frame.byteLength) throw new Error(`${frame.byteLength - offset} trailing bytes`);
  return decoded;
}

/** A small standard MessagePack encoder, to write packets as another client would (nil included). */
function encodeStandard(input: unknown): Uint8Array {
  const bytes: number[] = [];
  const write = (item: unknown): void => {
    if (item === null) bytes.push(0xc0);
    else if (typeof item === "boolean") bytes.push(item ? 0xc3 : 0xc2);
    else if (typeof item === "number" && Number.isInteger(item) && item >= 0 && item < 0x80) bytes.push(item);
    else if (typeof item === "number" && Number.isInteger(item) && item >= 0 && item <= 0xffff) {
      bytes.push(0xcd, item >> 8, item & 0xff);
    } else if (typeof item === "string") {
      const utf8 = new runtime.TextEncoder().encode(item);
      if (utf8.length > 0x1f) throw new Error("long strings are not needed here");
      bytes.push(0xa0 | utf8.length, ...utf8);
    } else if (item instanceof Uint8Array) bytes.push(0xc4, item.length, ...item);
    else if (Array.isArray(item)) {
      bytes.push(0x90 | item.length);
      item.forEach(write);
    } else if (typeof item === "object") {
      const entries = Object.entries(item as Record<string, unknown>);
      bytes.push(0x80 | entries.length);
      for (const [key, entry] of entries) {
        write(key);
        write(entry);
      }
    } else throw new Error(`cannot write ${String(item)}`);
  };
  write(input);
  return Uint8Array.from(bytes);
}

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

function encodeFrame(packet: { type: number; nsp: string; data?: unknown; id?: number }): Uint8Array {
  const parts = new wireParser.Encoder().encode(packet);
  expect(parts).toHaveLength(1);
  return parts[0] as Uint8Array;
}

function decodeFrame(frame: Uint8Array): Record<string, unknown> {
  const decoder = new wireParser.Decoder();
  let decoded: Record<string, unknown> | null = null;
  decoder.on("decoded", (packet: Record<string, unknown>) => {
    decoded = packet;
  });
  // The server's engine hands the decoder each binary frame as a Buffer.
  decoder.add(runtime.Buffer.from(frame));
  if (decoded === null) throw new Error("nothing decoded");
  return decoded;
}

describe("frames the server writes", () => {
  it("carry no extension type: an undefined field is left out, an undefined array item is nil", () => {
    // The check can fail: notepack's undefined (d4 00 00), as socket.io-msgpack-parser alone writes it.
    const legacy = Uint8Array.from([0x82, 0xa3, 0x73, 0x69, 0x64, 0xa1, 0x61, 0xa3, 0x70, 0x69, 0x64, 0xd4, 0, 0]);
    expect(() => decodeStandard(legacy)).toThrow(new ExtensionTypeFound("extension type 0xd4 at offset 11"));

    const update = new Uint8Array([1, 2, 3, 4]).subarray(1, 3);
    const frames = {
      // What socket.io's server sends on connect when connection-state recovery is off: pid is undefined.
      connect: encodeFrame({ type: 0, nsp: "/", data: { sid: "Xy12", pid: undefined } }),
      // socket.io builds DISCONNECT without data.
      disconnect: encodeFrame({ type: 1, nsp: "/" }),
      disconnectUndefinedData: encodeFrame({ type: 1, nsp: "/", data: undefined, id: undefined }),
      event: encodeFrame({
        type: 2,
        nsp: "/",
        data: ["proposal:update", { proposalId: "p1", update, clientUpdateId: undefined }],
      }),
      ack: encodeFrame({
        type: 3,
        nsp: "/",
        id: 7,
        data: [
          {
            ok: true,
            data: {
              reason: undefined,
              at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
              list: [1, undefined, null],
              nested: { gone: undefined, kept: null, deeper: [{ gone: undefined }] },
              bytes: new Uint8Array([9, 8]).buffer,
              count: () => 3,
            },
          },
        ],
      }),
    };
    expect(decodeStandard(frames.connect)).toEqual({ type: 0, nsp: "/", data: { sid: "Xy12" } });
    expect(decodeStandard(frames.disconnect)).toEqual({ type: 1, nsp: "/" });
    expect(decodeStandard(frames.disconnectUndefinedData)).toEqual({ type: 1, nsp: "/" });
    expect(decodeStandard(frames.event)).toEqual({
      type: 2,
      nsp: "/",
      data: ["proposal:update", { proposalId: "p1", update: new Uint8Array([2, 3]) }],
    });
    expect(decodeStandard(frames.ack)).toEqual({
      type: 3,
      nsp: "/",
      id: 7,
      data: [
        {
          ok: true,
          data: {
            at: "2026-01-02T03:04:05.000Z",
            list: [1, null, null],
            nested: { kept: null, deeper: [{}] },
            bytes: new Uint8Array([9, 8]),
          },
        },
      ],
    });
    // An own "__proto__" key (as JSON.parse makes it) is sent as a key, like any other.
    const proto = encodeFrame({ type: 2, nsp: "/", data: ["x", JSON.parse('{"__proto__":{"a":1},"b":2}')] });
    expect(JSON.stringify(decodeStandard(proto))).toBe('{"type":2,"nsp":"/","data":["x",{"__proto__":{"a":1},"b":2}]}');
    for (const [name, frame] of Object.entries(frames)) {
      expect(() => decodeStandard(frame), name).not.toThrow();
    }
  });

  it("read back by this decoder give the same packet, binary as Uint8Array", () => {
    const decoded = decodeFrame(
      encodeFrame({ type: 2, nsp: "/", id: 3, data: ["x", { a: undefined, b: new Uint8Array([5]) }] }),
    );
    const [name, payload] = decoded.data as [string, Record<string, unknown>];
    expect({ ...decoded, data: undefined }).toEqual({ type: 2, nsp: "/", id: 3 });
    expect(name).toBe("x");
    expect(Object.keys(payload)).toEqual(["b"]);
    expect(payload.b).toBeInstanceOf(Uint8Array);
    expect(Array.from(payload.b as Uint8Array)).toEqual([5]);
  });
});

describe("packets other clients write", () => {
  it("decodes a DISCONNECT whose data is nil, as python-socketio sends it", () => {
    // The exact bytes of python-socketio 5's MsgPackPacket(DISCONNECT, namespace="/").encode():
    // {"type": 1, "data": None, "nsp": "/"}
    const frame = hex("83a47479706501a464617461c0a36e7370a12f");
    const decoded = decodeFrame(frame);
    expect(decoded).toEqual({ type: 1, nsp: "/" });
    expect(decoded.data).toBeUndefined();
    // And its CONNECT without auth: {"type": 0, "data": None, "nsp": "/"}
    expect(decodeFrame(hex("83a47479706500a464617461c0a36e7370a12f"))).toEqual({ type: 0, nsp: "/" });
  });

  it("decodes a CONNECT with nil data, an EVENT with a nil id and a packet with a nil or missing nsp", () => {
    expect(decodeFrame(encodeStandard({ type: 0, data: null, nsp: "/" }))).toEqual({ type: 0, nsp: "/" });
    expect(decodeFrame(encodeStandard({ type: 2, data: ["room:join", { roomId: "r" }], nsp: "/", id: null }))).toEqual({
      type: 2,
      nsp: "/",
      data: ["room:join", { roomId: "r" }],
    });
    expect(decodeFrame(encodeStandard({ type: 2, data: ["a"], nsp: null, id: 4 }))).toEqual({
      type: 2,
      nsp: "/",
      data: ["a"],
      id: 4,
    });
    expect(decodeFrame(encodeStandard({ type: 3, data: [{ ok: true }], id: 5 }))).toEqual({
      type: 3,
      nsp: "/",
      data: [{ ok: true }],
      id: 5,
    });
  });

  it("still refuses what is malformed when nil is read as absent", () => {
    expect(() => decodeFrame(encodeStandard({ type: 2, data: null, nsp: "/" }))).toThrow("invalid payload");
    expect(() => decodeFrame(encodeStandard({ type: 3, data: null, nsp: "/", id: 1 }))).toThrow("invalid payload");
    expect(() => decodeFrame(encodeStandard({ type: 2, data: ["a"], nsp: 7 }))).toThrow("invalid namespace");
    expect(() => decodeFrame(encodeStandard({ type: 2, data: ["a"], nsp: "/", id: "1" }))).toThrow("invalid packet id");
    expect(() => decodeFrame(encodeStandard(null))).toThrow("invalid packet");
    expect(() => decodeFrame(encodeStandard([1, "/"]))).toThrow("invalid packet");
  });
});

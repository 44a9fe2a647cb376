// The encoding both ends of the socket speak: MessagePack (socket.io-msgpack-parser), one frame a message.
//
// socket.io's default parser sends a message that carries binary (every Yjs update and awareness change)
// as two WebSocket frames, a JSON header and then the attachment, so each delivery costs two writes on the
// server; with N editors that is 2·N·(N−1) writes per round of edits, and the CPU profiles of `pnpm bench`
// showed those writes as the largest share of server time. MessagePack puts header and binary in one frame.
// Both ends must use this parser: a client speaking another one cannot complete the handshake (its first
// packet does not decode and the server closes the connection).
//
// The frames are standard MessagePack, so any client with a MessagePack library can speak the protocol
// (docs/protocol.md; tests/conformance drives the server with python-socketio and pycrdt):
// - No extension types. notepack.io, which socket.io-msgpack-parser uses, writes JavaScript's undefined
//   as the extension d4 00 00, a Date as d7 00 … and a non-Buffer ArrayBuffer on Node as ext 8/16/32;
//   other decoders surface those as opaque values. So data goes out as JSON would send it: a field whose
//   value is undefined (or a function) is left out, an undefined array item is nil, a Date is its ISO
//   string, anything with toJSON() is what toJSON() gives, and the packet itself carries only the
//   socket.io fields it has (type, nsp, data when defined, id when defined).
// - Nil means absent. A decoded packet's nil (or missing) data and id are read as absent and a nil or
//   missing nsp as "/", as socket.io's JSON parser reads a packet without them: python-socketio writes
//   every packet as {type, data, nsp}, so its DISCONNECT carries data: nil. Inbound payload fields
//   follow the same rule (withoutNilFields, payloads.ts).
//
// MessagePack's "bin" is read back as a Buffer by Node's decoder and as an ArrayBuffer by the browser's,
// and neither encoder writes a plain Uint8Array as "bin" (Node's writes an extension the browser cannot
// read, the browser's writes a map of numbered keys). So binary is converted to the platform's bin type
// on the way out and every bin is a Uint8Array on the way in, on both ends. A packet that does not
// decode, or whose type, namespace, data or ack id is malformed, closes its connection (socket.io
// catches the decoder's error).
import * as msgpackParser from "socket.io-msgpack-parser";

interface SocketIoPacket {
  type: number;
  nsp: string;
  data?: unknown;
  id?: number;
}

type NodeBufferClass = { from(buffer: ArrayBufferLike, byteOffset?: number, length?: number): Uint8Array };
/** Node's Buffer where there is one (the server, Node clients); undefined in browsers. */
const NodeBuffer = (globalThis as { Buffer?: NodeBufferClass }).Buffer;

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Binary as this platform's MessagePack encoder writes "bin": a Buffer on Node, an exact ArrayBuffer in browsers. */
function platformBinary(bytes: Uint8Array): Uint8Array | ArrayBuffer {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { buffer, byteOffset, byteLength } = bytes;
  return byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer
    ? buffer
    : bytes.slice().buffer;
}

/** Data as JSON.stringify would carry it, binary kept as binary; undefined where JSON leaves a value out. */
function toWire(value: unknown): unknown {
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return undefined;
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof ArrayBuffer) return platformBinary(new Uint8Array(value));
  if (ArrayBuffer.isView(value)) {
    return platformBinary(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  }
  if (Array.isArray(value)) {
    const items = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index += 1) items[index] = toWire(value[index]) ?? null;
    return items;
  }
  // Dates (an ISO string), ObjectIds and anything else that says how it is written as JSON.
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") {
    const json: unknown = toJSON.call(value);
    if (json !== value) return toWire(json);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const entry = toWire((value as Record<string, unknown>)[key]);
    if (entry === undefined) continue;
    // An own "__proto__" key stays a key, as in JSON (assigning it would set the prototype).
    if (key === "__proto__") {
      Object.defineProperty(out, key, { value: entry, enumerable: true, writable: true, configurable: true });
    } else out[key] = entry;
  }
  return out;
}

function fromWire(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) value[index] = fromWire(value[index]);
    return value;
  }
  if (!isPlainObject(value)) return value;
  for (const key of Object.keys(value)) value[key] = fromWire(value[key]);
  return value;
}

class WireEncoder {
  private readonly inner = new msgpackParser.Encoder();

  encode(packet: SocketIoPacket): unknown[] {
    // Only the socket.io fields: socket.io-client also hangs its emit options on the packet.
    const frame: SocketIoPacket = { type: packet.type, nsp: packet.nsp };
    const data = toWire(packet.data);
    if (data !== undefined) frame.data = data;
    if (packet.id !== undefined) frame.id = packet.id;
    return this.inner.encode(frame) as unknown as unknown[];
  }
}

class WireDecoder extends msgpackParser.Decoder {
  // The base decoder checks the packet and then emits it; the check is the one place to convert its data.
  override checkPacket(packet: SocketIoPacket): void {
    if (typeof packet !== "object" || packet === null || Array.isArray(packet) || !isPlainObject(packet)) {
      throw new Error("invalid packet");
    }
    const fields = packet as { data?: unknown; id?: unknown; nsp?: unknown };
    if (fields.data === null) delete fields.data;
    if (fields.id === null) delete fields.id;
    if (fields.nsp === null || fields.nsp === undefined) fields.nsp = "/";
    super.checkPacket(packet);
    if (packet.data !== undefined) packet.data = fromWire(packet.data);
  }
}

/** The `parser` option of socket.io's Server and of socket.io-client's io(). */
export const wireParser = { protocol: msgpackParser.protocol, Encoder: WireEncoder, Decoder: WireDecoder };

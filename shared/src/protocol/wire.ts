// The encoding both ends of the socket speak: MessagePack (socket.io-msgpack-parser), one frame a message.
//
// socket.io's default parser sends a message that carries binary (every Yjs update and awareness change)
// as two WebSocket frames, a JSON header and then the attachment, so each delivery costs two writes on the
// server; with N editors that is 2·N·(N−1) writes per round of edits, and the CPU profiles of `pnpm bench`
// showed those writes as the largest share of server time. MessagePack puts header and binary in one frame.
// Both ends must use this parser: a client speaking another one cannot complete the handshake (its first
// packet does not decode and the server closes the connection).
//
// MessagePack's "bin" is read back as a Buffer by Node's decoder and as an ArrayBuffer by the browser's,
// and neither encoder writes a plain Uint8Array as "bin" (Node's writes an extension the browser cannot
// read, the browser's writes a map of numbered keys). So binary is converted to the platform's bin type
// on the way out and every bin is a Uint8Array on the way in, on both ends. Dates go out as ISO strings,
// as JSON would send them. A packet that does not decode, or whose type, namespace, data or ack id is
// malformed, closes its connection (socket.io catches the decoder's error).
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

function toWire(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof ArrayBuffer) return platformBinary(new Uint8Array(value));
  if (ArrayBuffer.isView(value)) {
    return platformBinary(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toWire);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = toWire(entry);
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
    return this.inner.encode({ ...packet, data: toWire(packet.data) }) as unknown as unknown[];
  }
}

class WireDecoder extends msgpackParser.Decoder {
  // The base decoder checks the packet and then emits it; the check is the one place to convert its data.
  override checkPacket(packet: SocketIoPacket): void {
    super.checkPacket(packet);
    if (packet.data !== undefined) packet.data = fromWire(packet.data);
  }
}

/** The `parser` option of socket.io's Server and of socket.io-client's io(). */
export const wireParser = { protocol: msgpackParser.protocol, Encoder: WireEncoder, Decoder: WireDecoder };

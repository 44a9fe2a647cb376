// Checks on what clients send before it touches a stored document, and plain-text reading of a body.
import { proposalBodyFragment } from "@mufakat/shared";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";

export type UpdateCheck = { ok: true; empty: boolean } | { ok: false; reason: string };

/**
 * Parses a Yjs v1 update completely into a throwaway document: truncated varints, random bytes and
 * trailing garbage are refused here, before the update reaches any document that matters.
 */
export function parseUpdate(update: Uint8Array): UpdateCheck {
  let empty: boolean;
  try {
    const decoded = Y.decodeUpdate(update);
    empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0;
    const decoder = decoding.createDecoder(update);
    // A fixed guid: the default is a random UUID per document, which the profiles of the edit path showed.
    const scratch = new Y.Doc({ guid: "validation", gc: false });
    try {
      Y.readUpdate(decoder, scratch, "validation");
    } finally {
      scratch.destroy();
    }
    if (decoder.pos !== update.length) {
      return { ok: false, reason: `${update.length - decoder.pos} bytes after the end of the update` };
    }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : "unreadable update" };
  }
  return { ok: true, empty };
}

/** Checks a y-protocols awareness update byte by byte: entries of (clientID, clock, JSON state). */
export function parseAwarenessUpdate(update: Uint8Array): { ok: true; clientIds: number[] } | { ok: false } {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const clientIds: number[] = [];
    for (let i = 0; i < count; i++) {
      clientIds.push(decoding.readVarUint(decoder));
      decoding.readVarUint(decoder);
      JSON.parse(decoding.readVarString(decoder));
    }
    if (decoder.pos !== update.length) return { ok: false };
    return { ok: true, clientIds };
  } catch {
    return { ok: false };
  }
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The announced state, or null when the client removes itself. */
  state: Record<string, unknown> | null;
}

/** The entries of an awareness update (y-protocols format), or null when it is malformed. */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (state !== null && (typeof state !== "object" || Array.isArray(state))) return null;
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    return decoder.pos === update.length ? entries : null;
  } catch {
    return null;
  }
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

/** A document holding the given state, for reading; the caller destroys it. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** The body as plain text: one line per top-level block of the "default" XmlFragment, mentions as "@name". */
export function plainTextOfState(state: Uint8Array): string {
  const doc = docFromState(state);
  try {
    return doc
      .getXmlFragment(proposalBodyFragment)
      .toArray()
      .map((node) => textOfNode(node))
      .join("\n");
  } finally {
    doc.destroy();
  }
}

function textOfNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as Array<{ insert?: unknown }>)
      .map((op) => (typeof op.insert === "string" ? op.insert : ""))
      .join("");
  }
  if (node instanceof Y.XmlElement) {
    // A mention is an empty element: its text is the name it shows, as in the editor ("@Budi Santoso").
    if (node.nodeName === "mention") return `@${String(node.getAttribute("label") ?? node.getAttribute("id") ?? "")}`;
    return node.toArray().map(textOfNode).join("");
  }
  return "";
}

// The server's size limits (shared/src/limits.ts) applied to content about to enter the editor: a paste or a
// drop the server would refuse as one edit too large (UPDATE_TOO_LARGE), or as making the document too large
// (DOCUMENT_TOO_LARGE), is refused before the author's copy holds it. What this misses (a measure a little
// short, an edit of someone else stored meanwhile) the server still refuses, and ProposalSession rolls back.
import { limits, proposalBodyFragment } from "@mufakat/shared";
import { Fragment, type Node, type Schema } from "@tiptap/pm/model";
import { prosemirrorToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";

export interface EditTooLarge {
  /** "update": more than one edit may carry; "document": the proposal would grow past its limit. */
  limit: "update" | "document";
  /** Bytes of the edit, or of the document with it (what its position adds included): always over maxBytes. */
  bytes: number;
  maxBytes: number;
}

/**
 * What an insertion adds to the real update beyond its content as measured here: the position it is inserted
 * at, the selection it replaces. Small; it keeps an insertion measured just under a limit from passing it.
 */
const marginBytes = 1024;

/**
 * Yjs bytes beyond the text, measured on StarterKit content: an element is one item holding its name, a text
 * run an XmlText and a string item, a mark a pair of format items around the run.
 */
const elementOverheadBytes = 9;
const textOverheadBytes = 24;
const markOverheadBytes = 32;

/**
 * The refusal the server would give the insertion of `content` into a document of `documentBytes`, or null.
 * The insertion is measured from its text and nodes (converting 867,000 characters in thousands of
 * paragraphs to Yjs takes over a second); only when that count is within a quarter of deciding otherwise is
 * the content converted to Yjs and measured exactly.
 */
export function checkInsertion(schema: Schema, content: Fragment, documentBytes: number): EditTooLarge | null {
  const estimate = estimatedBytes(content);
  const low = refusalFor(Math.floor(estimate * 0.75), documentBytes);
  const high = refusalFor(Math.ceil(estimate * 1.25), documentBytes);
  if (low?.limit === high?.limit) return refusalFor(estimate, documentBytes);
  return refusalFor(measuredBytes(schema, content), documentBytes);
}

/** The refusal the server would give an insertion of `insertBytes` into a document of `documentBytes`, or null. */
export function refusalFor(insertBytes: number, documentBytes: number): EditTooLarge | null {
  const edit = insertBytes + marginBytes;
  if (edit > limits.yjsUpdateBytes) return { limit: "update", bytes: edit, maxBytes: limits.yjsUpdateBytes };
  const grown = documentBytes + edit;
  if (grown > limits.yjsDocumentBytes) {
    return { limit: "document", bytes: grown, maxBytes: limits.yjsDocumentBytes };
  }
  return null;
}

/** The encoded size of a document, as the server measures it against limits.yjsDocumentBytes. */
export function documentBytes(doc: Y.Doc): number {
  return Y.encodeStateAsUpdate(doc).byteLength;
}

/** Bytes the insertion of `content` adds to the Yjs document, counted from its text and nodes. */
export function estimatedBytes(content: Fragment): number {
  let bytes = 0;
  content.descendants((node) => {
    if (node.isText) {
      bytes += textOverheadBytes + utf8Length(node.text ?? "") + node.marks.length * markOverheadBytes;
    } else {
      bytes += elementOverheadBytes + node.type.name.length + attributesLength(node);
    }
    return true;
  });
  return bytes;
}

/** Bytes of `content` converted to Yjs, as the editor's binding will store it. */
export function measuredBytes(schema: Schema, content: Fragment): number {
  // Inline content (a paste inside a paragraph) is measured inside a paragraph, as it will be stored.
  const blocks =
    content.firstChild?.isInline && schema.nodes.paragraph
      ? Fragment.from(schema.nodes.paragraph.create(null, content))
      : content;
  const doc = prosemirrorToYDoc(schema.topNodeType.create(null, blocks), proposalBodyFragment);
  try {
    return Y.encodeStateAsUpdate(doc).byteLength;
  } finally {
    doc.destroy();
  }
}

function attributesLength(node: Node): number {
  const attrs = Object.entries(node.attrs).filter(([, value]) => value !== null);
  return attrs.length ? JSON.stringify(Object.fromEntries(attrs)).length : 0;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

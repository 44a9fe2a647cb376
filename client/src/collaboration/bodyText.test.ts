// The body as text, and the unsaved text of a copy: only the characters a stored state lacks, in passages,
// however the author's and the others' edits interleave.
import { proposalBodyFragment } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { bodyRuns, bodyText, unsavedText } from "./bodyText.ts";

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement("paragraph");
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

function lineOf(doc: Y.Doc, index: number): Y.XmlText {
  return (doc.getXmlFragment(proposalBodyFragment).get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A stored document and the author's copy of it. */
function storedAndCopy(...lines: string[]) {
  const stored = new Y.Doc();
  stored.getXmlFragment(proposalBodyFragment).insert(0, lines.map(paragraph));
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(stored));
  return { stored, copy };
}

const unsaved = (copy: Y.Doc, stored: Y.Doc) =>
  unsavedText(bodyRuns(copy.getXmlFragment(proposalBodyFragment)), Y.decodeStateVector(Y.encodeStateVector(stored)));

describe("bodyText", () => {
  it("reads one line per block, list items included, without formatting", () => {
    const doc = new Y.Doc();
    const list = new Y.XmlElement("bulletList");
    const item = new Y.XmlElement("listItem");
    item.insert(0, [paragraph("Senin"), paragraph("Kamis")]);
    list.insert(0, [item]);
    const bold = paragraph("Jadwal ");
    doc.getXmlFragment(proposalBodyFragment).insert(0, [bold, list]);
    (bold.get(0) as Y.XmlText).insert(7, "air", { bold: true });
    expect(bodyText(doc.getXmlFragment(proposalBodyFragment))).toBe("Jadwal air\nSenin\nKamis");
  });
});

describe("unsavedText", () => {
  it("is empty when the copy holds nothing the stored state lacks", () => {
    const { stored, copy } = storedAndCopy("Air bersih.", "Setiap Senin.");
    expect(unsaved(copy, stored)).toBe("");
  });

  it("is exactly a paste the server refused, in the middle of a stored line", () => {
    const { stored, copy } = storedAndCopy("Air bersih mengalir.");
    lineOf(copy, 0).insert(11, "dan listrik ");
    expect(bodyText(copy.getXmlFragment(proposalBodyFragment))).toBe("Air bersih dan listrik mengalir.");
    expect(unsaved(copy, stored)).toBe("dan listrik");
  });

  it("keeps the line breaks of a pasted passage of several paragraphs", () => {
    const { stored, copy } = storedAndCopy("Pembuka.", "Penutup.");
    copy.getXmlFragment(proposalBodyFragment).insert(1, [paragraph("Pasal 1."), paragraph("Pasal 2.")]);
    expect(unsaved(copy, stored)).toBe("Pasal 1.\nPasal 2.");
  });

  it("leaves out what others stored meanwhile, wherever it landed, and separates passages by a blank line", () => {
    const { stored, copy } = storedAndCopy("Air bersih mengalir.");
    // Someone else's edit, stored: the copy never saw it.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(stored));
    lineOf(other, 0).insert(0, "Usulan warga: ");
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(other, Y.encodeStateVector(stored)));
    // The author's two changes, never stored.
    lineOf(copy, 0).insert(20, " Tiap Senin.");
    lineOf(copy, 0).insert(0, "Catatan: ");
    expect(unsaved(copy, stored)).toBe("Catatan:\n\nTiap Senin.");
  });

  it("splits an item the author typed on both sides of what was stored", () => {
    const { stored, copy } = storedAndCopy("");
    lineOf(copy, 0).insert(0, "Disimpan");
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(copy, Y.encodeStateVector(stored)));
    // Typed straight after, by the same client: Yjs keeps one item for both.
    lineOf(copy, 0).insert(8, " lalu ditolak");
    expect(bodyRuns(copy.getXmlFragment(proposalBodyFragment))[0]).toHaveLength(1);
    expect(unsaved(copy, stored)).toBe("lalu ditolak");
  });
});

import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { parseAwarenessUpdate, parseUpdate, plainTextOfState } from "./yjsUpdates.ts";

function bodyUpdate(lines: string[]): Uint8Array {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment("default");
  for (const line of lines) {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(line)]);
    body.insert(body.length, [paragraph]);
  }
  return Y.encodeStateAsUpdate(doc);
}

describe("parseUpdate", () => {
  it("accepts a Yjs update and flags an empty one", () => {
    expect(parseUpdate(bodyUpdate(["a"]))).toEqual({ ok: true, empty: false });
    expect(parseUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({ ok: true, empty: true });
  });

  it("refuses truncated varints, truncated updates and trailing bytes", () => {
    const valid = bodyUpdate(["pasal satu"]);
    expect(parseUpdate(Uint8Array.from([0xff, 0xff])).ok).toBe(false);
    expect(parseUpdate(valid.slice(0, valid.length - 2)).ok).toBe(false);
    expect(parseUpdate(Uint8Array.from([...valid, 1])).ok).toBe(false);
    expect(parseUpdate(new Uint8Array()).ok).toBe(false);
  });
});

describe("parseAwarenessUpdate", () => {
  it("reads the client ids and refuses bad JSON or trailing bytes", () => {
    // one entry: clientID 7, clock 1, state "{}"
    expect(parseAwarenessUpdate(Uint8Array.from([1, 7, 1, 2, 123, 125]))).toEqual({ ok: true, clientIds: [7] });
    expect(parseAwarenessUpdate(Uint8Array.from([1, 7, 1, 2, 123, 123])).ok).toBe(false);
    expect(parseAwarenessUpdate(Uint8Array.from([1, 7, 1, 2, 123, 125, 0])).ok).toBe(false);
  });
});

describe("plainTextOfState", () => {
  it("reads one line per block of the default fragment", () => {
    expect(plainTextOfState(bodyUpdate(["Pasal 1", "Pasal 2"]))).toBe("Pasal 1\nPasal 2");
    expect(plainTextOfState(Y.encodeStateAsUpdate(new Y.Doc()))).toBe("");
  });

  it("reads formatted blocks, nested lists and mentions as the editor shows them", () => {
    const doc = new Y.Doc();
    const body = doc.getXmlFragment("default");
    const heading = new Y.XmlElement("heading");
    heading.setAttribute("level", "2");
    const title = new Y.XmlText();
    heading.insert(0, [title]);
    const list = new Y.XmlElement("bulletList");
    const item = new Y.XmlElement("listItem");
    const paragraph = new Y.XmlElement("paragraph");
    const mention = new Y.XmlElement("mention");
    mention.setAttribute("id", "64f000000000000000000001");
    mention.setAttribute("label", "Budi Santoso");
    mention.setAttribute("mentionSuggestionChar", "@");
    paragraph.insert(0, [new Y.XmlText("Tanya "), mention, new Y.XmlText(" soal Senin")]);
    item.insert(0, [paragraph]);
    list.insert(0, [item]);
    body.insert(0, [heading, list]);
    title.insert(0, "Jadwal ");
    title.insert(7, "air", { bold: {} });
    expect(plainTextOfState(Y.encodeStateAsUpdate(doc))).toBe("Jadwal air\nTanya @Budi Santoso soal Senin");
  });
});

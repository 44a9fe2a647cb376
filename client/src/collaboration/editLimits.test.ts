// The editor refuses what the server would refuse as too large: one edit over limits.yjsUpdateBytes, or a
// document grown past limits.yjsDocumentBytes. The count it decides by stays close to the real Yjs size.
import { limits } from "@mufakat/shared";
import { getSchema } from "@tiptap/core";
import { Fragment, type Node } from "@tiptap/pm/model";
import { StarterKit } from "@tiptap/starter-kit";
import { describe, expect, it } from "vitest";
import { checkInsertion, estimatedBytes, measuredBytes, refusalFor } from "./editLimits.ts";

const schema = getSchema([StarterKit.configure({ undoRedo: false })]);
const paragraph = schema.nodes.paragraph!;

function paragraphs(count: number, text: string, marks: "bold" | null = null): Fragment {
  const mark = marks ? [schema.marks[marks]!.create()] : [];
  return Fragment.from(Array.from({ length: count }, () => paragraph.create(null, schema.text(text, mark))));
}

function bulletList(items: number, text: string): Fragment {
  const listItems: Node[] = Array.from({ length: items }, () =>
    schema.nodes.listItem!.create(null, paragraph.create(null, schema.text(text))),
  );
  return Fragment.from(schema.nodes.bulletList!.create(null, listItems));
}

describe("checkInsertion", () => {
  it("refuses the user test's paste of 867,000 characters as more than one edit may carry", () => {
    const paste = paragraphs(1, "a".repeat(867_000));
    const refused = checkInsertion(schema, paste, 97_000);
    expect(refused).toMatchObject({ limit: "update", maxBytes: limits.yjsUpdateBytes });
    expect(refused?.bytes).toBeGreaterThan(limits.yjsUpdateBytes);
  });

  it("takes a paste that fits one edit and the document", () => {
    expect(checkInsertion(schema, paragraphs(100, "b".repeat(1000)), 97_000)).toBeNull();
  });

  it("refuses a paste that fits one edit but would grow the document past its limit", () => {
    const paste = paragraphs(1, "c".repeat(400_000));
    const refused = checkInsertion(schema, paste, limits.yjsDocumentBytes - 300_000);
    expect(refused).toMatchObject({ limit: "document", maxBytes: limits.yjsDocumentBytes });
    expect(refused?.bytes).toBeGreaterThan(limits.yjsDocumentBytes);
  });

  it("decides by the exact Yjs size near a limit", () => {
    // Just under the update limit as converted, whatever the count says.
    const text = "d".repeat(limits.yjsUpdateBytes - 4096);
    const paste = paragraphs(1, text);
    expect(checkInsertion(schema, paste, 0)).toEqual(refusalFor(measuredBytes(schema, paste), 0));
    expect(checkInsertion(schema, paste, 0)).toBeNull();
  });
});

describe("refusalFor", () => {
  it("never reports a size at or under the limit it was refused for", () => {
    for (const bytes of [limits.yjsUpdateBytes - 1023, limits.yjsUpdateBytes - 1, limits.yjsUpdateBytes + 1]) {
      const refused = refusalFor(bytes, 0);
      expect(refused?.limit).toBe("update");
      expect(refused?.bytes).toBeGreaterThan(limits.yjsUpdateBytes);
    }
    expect(refusalFor(limits.yjsUpdateBytes - 1024, 0)).toBeNull();
  });
});

describe("estimatedBytes", () => {
  const shapes: Record<string, () => Fragment> = {
    "one long paragraph": () => paragraphs(1, "a".repeat(100_000)),
    "many short paragraphs": () => paragraphs(2000, "Air bersih mengalir setiap Senin."),
    "bold text": () => paragraphs(500, "Kesepakatan bersama", "bold"),
    "a bullet list": () => bulletList(300, "Butir kesepakatan"),
    "text beyond ASCII": () => paragraphs(200, "Musyawarah untuk mufakat — 合意 😀"),
  };
  it.each(Object.keys(shapes))("stays within 10%% of the Yjs size of $0", (name) => {
    const content = shapes[name]?.() ?? Fragment.empty;
    const exact = measuredBytes(schema, content);
    const estimate = estimatedBytes(content);
    expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.1);
  });
});

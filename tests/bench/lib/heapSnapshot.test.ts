import { describe, expect, it } from "vitest";
import { groupHeapSnapshot, type HeapSnapshotJson, heapGrowth } from "./heapSnapshot.ts";

/** A snapshot in V8's layout: 3 fields per node (type, name, self_size), the types as its meta lists them. */
function snapshot(nodes: Array<[type: number, name: string, size: number]>): HeapSnapshotJson {
  const strings: string[] = [];
  const flat: number[] = [];
  for (const [type, name, size] of nodes) {
    let index = strings.indexOf(name);
    if (index < 0) index = strings.push(name) - 1;
    flat.push(type, index, size);
  }
  return {
    snapshot: {
      meta: { node_fields: ["type", "name", "self_size"], node_types: [["hidden", "object", "closure", "string"]] },
    },
    nodes: flat,
    strings,
  };
}

describe("groupHeapSnapshot", () => {
  it("totals objects by constructor and closures by name, strings by kind alone", () => {
    const groups = groupHeapSnapshot(
      snapshot([
        [1, "Socket", 120],
        [1, "Socket", 120],
        [2, "onDisconnect", 32],
        [3, "some text", 40],
        [3, "other text", 24],
        [0, "(system)", 8],
      ]),
    );
    expect([...groups.values()]).toEqual([
      { key: "object Socket", count: 2, selfBytes: 240 },
      { key: "closure onDisconnect", count: 1, selfBytes: 32 },
      { key: "string", count: 2, selfBytes: 64 },
      { key: "hidden", count: 1, selfBytes: 8 },
    ]);
  });

  it("refuses what is not a heap snapshot", () => {
    const broken = { snapshot: { meta: { node_fields: ["id"], node_types: [[]] } }, nodes: [], strings: [] };
    expect(() => groupHeapSnapshot(broken)).toThrow("not a V8 heap snapshot: node fields missing");
  });
});

describe("heapGrowth", () => {
  it("lists what grew, per unit, largest first, and leaves out what shrank or stayed", () => {
    const before = groupHeapSnapshot(
      snapshot([
        [1, "Socket", 100],
        [1, "Map", 500],
        [2, "handler", 10],
      ]),
    );
    const after = groupHeapSnapshot(
      snapshot([
        [1, "Socket", 100],
        [1, "Socket", 100],
        [1, "Socket", 100],
        [1, "Map", 400],
        [2, "handler", 10],
        [2, "onAck", 30],
        [2, "onAck", 30],
      ]),
    );
    expect(heapGrowth(before, after, 2)).toEqual([
      { key: "object Socket", addedCount: 2, addedBytes: 200, bytesPerUnit: 100, countPerUnit: 1 },
      { key: "closure onAck", addedCount: 2, addedBytes: 60, bytesPerUnit: 30, countPerUnit: 1 },
    ]);
    expect(heapGrowth(before, after, 2, 1).map((entry) => entry.key)).toEqual(["object Socket"]);
  });
});

// Reads a V8 heap snapshot (v8.writeHeapSnapshot) into totals per kind of node — objects by constructor,
// closures by function name, strings, arrays, code — and compares two of them, to see what a workload
// added to the heap and how much of it per connection.

export interface HeapSnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: unknown[] } };
  nodes: number[];
  strings: string[];
}

export interface HeapGroup {
  /** "object Socket", "closure onDisconnect", "string", … */
  key: string;
  count: number;
  selfBytes: number;
}

/** Node kinds whose name says nothing (string contents, array indices): grouped under the kind alone. */
const namelessKinds = new Set(["string", "concatenated string", "sliced string", "number", "array", "code", "hidden"]);

/** Totals per kind and name over every node of a snapshot. */
export function groupHeapSnapshot(snapshot: HeapSnapshotJson): Map<string, HeapGroup> {
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  if (typeAt < 0 || nameAt < 0 || sizeAt < 0) throw new Error("not a V8 heap snapshot: node fields missing");
  const types = snapshot.snapshot.meta.node_types[0];
  if (!Array.isArray(types)) throw new Error("not a V8 heap snapshot: node types missing");
  const groups = new Map<string, HeapGroup>();
  const { nodes, strings } = snapshot;
  for (let i = 0; i + width <= nodes.length; i += width) {
    const kind = String(types[nodes[i + typeAt] as number] ?? "?");
    const key = namelessKinds.has(kind) ? kind : `${kind} ${strings[nodes[i + nameAt] as number] ?? "?"}`;
    const group = groups.get(key) ?? { key, count: 0, selfBytes: 0 };
    group.count += 1;
    group.selfBytes += nodes[i + sizeAt] as number;
    groups.set(key, group);
  }
  return groups;
}

export interface HeapGrowth {
  key: string;
  addedCount: number;
  addedBytes: number;
  /** Added bytes divided by the number of units (connections) the workload added. */
  bytesPerUnit: number;
  countPerUnit: number;
}

/** What `after` holds beyond `before`, largest growth first, per `units` (e.g. connections). */
export function heapGrowth(
  before: Map<string, HeapGroup>,
  after: Map<string, HeapGroup>,
  units: number,
  top = 30,
): HeapGrowth[] {
  const per = Math.max(1, units);
  const growth: HeapGrowth[] = [];
  for (const [key, group] of after) {
    const previous = before.get(key);
    const addedBytes = group.selfBytes - (previous?.selfBytes ?? 0);
    const addedCount = group.count - (previous?.count ?? 0);
    if (addedBytes <= 0) continue;
    growth.push({
      key,
      addedCount,
      addedBytes,
      bytesPerUnit: Math.round((addedBytes / per) * 10) / 10,
      countPerUnit: Math.round((addedCount / per) * 100) / 100,
    });
  }
  return growth.sort((a, b) => b.addedBytes - a.addedBytes || a.key.localeCompare(b.key)).slice(0, top);
}

// A word-level diff (Myers' O(ND) algorithm) between two plain texts, for comparing named versions.
import type { TextChange } from "@mufakat/shared";

/** Words, runs of whitespace and newlines each become one token, so joining the tokens gives the text back. */
export function tokenize(text: string): string[] {
  return text.match(/\n|[^\S\n]+|[^\s]+/g) ?? [];
}

/** Edit distance (in tokens) past which the diff stops refining; the trace costs memory per step. */
const maxEditDistance = 2000;

export function diffText(from: string, to: string): TextChange[] {
  const a = tokenize(from);
  const b = tokenize(to);
  // The common head and tail cost nothing to keep out of the O(ND) search.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail)) ?? [
    // Too different to diff word by word within bounds: the whole middle was replaced.
    ...a.slice(head, a.length - tail).map((token) => ({ type: "delete" as const, token })),
    ...b.slice(head, b.length - tail).map((token) => ({ type: "insert" as const, token })),
  ];
  const edits: Edit[] = [
    ...a.slice(0, head).map((token) => ({ type: "equal" as const, token })),
    ...middle,
    ...a.slice(a.length - tail).map((token) => ({ type: "equal" as const, token })),
  ];
  const changes: TextChange[] = [];
  for (const edit of edits) {
    const last = changes.at(-1);
    if (last && last.type === edit.type) last.text += edit.token;
    else changes.push({ type: edit.type, text: edit.token });
  }
  return changes;
}

type Edit = { type: TextChange["type"]; token: string };

/** Myers' shortest edit script, or null when it would need more than maxEditDistance edits. */
function myers(a: string[], b: string[]): Edit[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEditDistance);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d-1 .. d+1] as it was before step d: O(D^2) memory, not O(D * (N + M)).
  const trace: Int32Array[] = [];
  const at = (row: Int32Array, d: number, k: number) => row[k + d + 1] ?? 0;
  let found = n === 0 && m === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))) x = v[offset + k + 1] ?? 0;
      else x = (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  if (!found) return null;
  // Walk the trace back from the end to recover the edit script.
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const row = trace[d] as Int32Array;
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && at(row, d, k - 1) < at(row, d, k + 1))) prevK = k + 1;
    else prevK = k - 1;
    const prevX = at(row, d, prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ type: "equal", token: a[x] as string });
    }
    if (d > 0) {
      if (x === prevX) {
        y--;
        edits.push({ type: "insert", token: b[y] as string });
      } else {
        x--;
        edits.push({ type: "delete", token: a[x] as string });
      }
    }
  }
  return edits.reverse();
}

// A word-level diff (Myers' O(ND) algorithm) between two plain texts, for comparing named versions.
import type { TextChange } from "@mufakat/shared";

/** Words, runs of whitespace and newlines each become one token, so joining the tokens gives the text back. */
export function tokenize(text: string): string[] {
  return text.match(/\n|[^\S\n]+|[^\s]+/g) ?? [];
}

export function diffText(from: string, to: string): TextChange[] {
  const a = tokenize(from);
  const b = tokenize(to);
  const edits = myers(a, b);
  const changes: TextChange[] = [];
  for (const edit of edits) {
    const last = changes.at(-1);
    if (last && last.type === edit.type) last.text += edit.token;
    else changes.push({ type: edit.type, text: edit.token });
  }
  return changes;
}

type Edit = { type: TextChange["type"]; token: string };

function myers(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
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
  // Walk the trace back from the end to recover the edit script.
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && (vd[offset + k - 1] ?? 0) < (vd[offset + k + 1] ?? 0))) prevK = k + 1;
    else prevK = k - 1;
    const prevX = vd[offset + prevK] ?? 0;
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

// A deterministic synthetic editing trace (seeded PRNG): typing runs at a cursor that mostly stays put and
// sometimes jumps to a random place, backspace runs, and occasional selection deletes, until `operations`
// single-character operations were made. About 70 % inserts, so 250 k operations leave about 100 k chars.
export type TraceOperation =
  | { type: "insert"; index: number; text: string }
  | { type: "delete"; index: number; length: number };

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words =
  "musyawarah untuk mufakat air bersih jadwal warga dinas sektor swasta komunitas usulan pasal anggaran ".split(" ");

/** Calls `apply` with each operation (a run of typed characters counts one operation per character). */
export function generateTrace(operations: number, seed: number, apply: (operation: TraceOperation) => void): number {
  const random = seededRandom(seed);
  let length = 0;
  let cursor = 0;
  let made = 0;
  while (made < operations) {
    const roll = random();
    if (roll < 0.1 || cursor > length) cursor = Math.floor(random() * (length + 1));
    if (roll < 0.7 || length < 50) {
      // A typing run: a few words, one character at a time.
      const run = Array.from({ length: 1 + Math.floor(random() * 6) }, () => words[Math.floor(random() * words.length)])
        .join(" ")
        .concat(" ");
      for (const character of run) {
        if (made >= operations) break;
        apply({ type: "insert", index: cursor, text: character });
        cursor += 1;
        length += 1;
        made += 1;
      }
    } else if (roll < 0.97) {
      // Backspaces.
      const count = Math.min(cursor, 1 + Math.floor(random() * 12));
      for (let i = 0; i < count && made < operations; i++) {
        apply({ type: "delete", index: cursor - 1, length: 1 });
        cursor -= 1;
        length -= 1;
        made += 1;
      }
    } else {
      // A selection deleted at once: one operation.
      const index = Math.floor(random() * length);
      const count = Math.min(length - index, 5 + Math.floor(random() * 60));
      if (count > 0) {
        apply({ type: "delete", index, length: count });
        length -= count;
        if (cursor > index) cursor = Math.max(index, cursor - count);
        made += 1;
      }
    }
  }
  return length;
}

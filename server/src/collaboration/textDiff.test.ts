import { describe, expect, it } from "vitest";
import { diffText, tokenize } from "./textDiff.ts";

describe("diffText", () => {
  it("diffs word by word, keeping whitespace and newlines", () => {
    expect(diffText("the quick brown fox\njumps", "the slow brown fox\njumps high")).toEqual([
      { type: "equal", text: "the " },
      { type: "delete", text: "quick" },
      { type: "insert", text: "slow" },
      { type: "equal", text: " brown fox\njumps" },
      { type: "insert", text: " high" },
    ]);
    expect(diffText("", "")).toEqual([]);
    expect(diffText("", "baru")).toEqual([{ type: "insert", text: "baru" }]);
    expect(diffText("lama", "")).toEqual([{ type: "delete", text: "lama" }]);
  });

  it("always rebuilds both texts from its changes (500 seeded random pairs)", () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const text = () =>
      Array.from({ length: Math.floor(random() * 30) }, () => "abc \n"[Math.floor(random() * 5)]).join("");
    for (let i = 0; i < 500; i++) {
      const from = text();
      const to = text();
      const changes = diffText(from, to);
      expect(
        changes
          .filter((c) => c.type !== "insert")
          .map((c) => c.text)
          .join(""),
      ).toBe(from);
      expect(
        changes
          .filter((c) => c.type !== "delete")
          .map((c) => c.text)
          .join(""),
      ).toBe(to);
    }
  });

  it("tokenizes words, runs of spaces and newlines separately", () => {
    expect(tokenize("a  b\n\nc")).toEqual(["a", "  ", "b", "\n", "\n", "c"]);
  });
});

describe("diffText on large, very different texts", () => {
  it("stays bounded and still rebuilds both texts", () => {
    const from = Array.from({ length: 20_000 }, (_, i) => `a${i}`).join(" ");
    const to = Array.from({ length: 20_000 }, (_, i) => `b${i}`).join(" ");
    const started = Date.now();
    const changes = diffText(`awal ${from} akhir`, `awal ${to} akhir`);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(changes[0]).toEqual({ type: "equal", text: "awal " });
    expect(changes.at(-1)).toEqual({ type: "equal", text: " akhir" });
    expect(
      changes
        .filter((c) => c.type !== "insert")
        .map((c) => c.text)
        .join(""),
    ).toBe(`awal ${from} akhir`);
    expect(
      changes
        .filter((c) => c.type !== "delete")
        .map((c) => c.text)
        .join(""),
    ).toBe(`awal ${to} akhir`);
  });
});

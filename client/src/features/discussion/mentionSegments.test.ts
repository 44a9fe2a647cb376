// Highlighting @mentions: the same spans the shared rule counts, nothing else.
import { describe, expect, it } from "vitest";
import { mentionSegments } from "./mentionSegments.ts";

const budi = { id: "0123456789abcdef01234567", displayName: "Budi" };
const budiSantoso = { id: "abcdefabcdefabcdefabcdef", displayName: "Budi Santoso" };

describe("mentionSegments", () => {
  it("marks the longest matching name and keeps the rest as text", () => {
    expect(mentionSegments("Halo @budi santoso, dan @Budi.", [budi, budiSantoso])).toEqual([
      { type: "text", text: "Halo " },
      { type: "mention", text: "@budi santoso", userId: budiSantoso.id },
      { type: "text", text: ", dan " },
      { type: "mention", text: "@Budi", userId: budi.id },
      { type: "text", text: "." },
    ]);
  });

  it("ignores emails, names running on, and unknown names", () => {
    const text = "budi@example.org @Budiman @Siti";
    expect(mentionSegments(text, [budi])).toEqual([{ type: "text", text }]);
  });

  it("marks a mention by id", () => {
    expect(mentionSegments(`cc @${budi.id}`, [budi])).toEqual([
      { type: "text", text: "cc " },
      { type: "mention", text: `@${budi.id}`, userId: budi.id },
    ]);
  });
});

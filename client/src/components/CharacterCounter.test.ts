// What a counter counts and when it speaks: the length the shared schemas check, announced near the limit.
import { limits, messageBodySchema } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { checkedLength, nearLimit } from "./CharacterCounter.tsx";

describe("character counter", () => {
  it("counts what the trimmed shared schema checks, so the counter agrees with the refusal", () => {
    for (const text of ["  hello  ", "\n".repeat(3), `${"x".repeat(limits.messageChars)}   `, "x".repeat(4001)]) {
      const withinLimit = checkedLength(text) <= limits.messageChars && checkedLength(text) > 0;
      expect(messageBodySchema.safeParse(text).success, JSON.stringify(text.slice(0, 12))).toBe(withinLimit);
    }
    expect(checkedLength("  Air  ")).toBe(3);
    expect(checkedLength("  Air  ", { trim: false })).toBe(7);
    expect(checkedLength(undefined)).toBe(0);
  });

  it("is near the limit in its last tenth, and at least its last ten characters", () => {
    expect(nearLimit(3599, 4000)).toBe(false);
    expect(nearLimit(3600, 4000)).toBe(true);
    expect(nearLimit(4100, 4000)).toBe(true);
    expect(nearLimit(29, 40)).toBe(false);
    expect(nearLimit(30, 40)).toBe(true);
  });
});

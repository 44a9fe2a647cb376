// Pledge quantities keep at most two decimals, however large: the check is not fooled by the rounding of
// binary floating point (schemathesis found 1295204087.14 refused by the old absolute tolerance).
import { describe, expect, it } from "vitest";
import { hasAtMostTwoDecimals, pledgeQuantitySchema } from "./accountability.ts";

describe("hasAtMostTwoDecimals", () => {
  it.each([1, 0.01, 0.29, 2.5, 1295204087.14, 2_400_000_000, 999_999_999_999.99, 1_000_000_000_000])(
    "accepts %d",
    (value) => {
      expect(hasAtMostTwoDecimals(value)).toBe(true);
      expect(pledgeQuantitySchema.safeParse(value).success).toBe(true);
    },
  );

  it.each([1.005, 0.001, 2.345, 1295204087.141, 123_456_789.125])("refuses %d", (value) => {
    expect(hasAtMostTwoDecimals(value)).toBe(false);
    expect(pledgeQuantitySchema.safeParse(value).success).toBe(false);
  });
});

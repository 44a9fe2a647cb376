// Exact non-negative fractions over BigInt. Shares are compared with thresholds exactly, so "2 of 3
// reaches 2/3" holds, and an equal-weighted mean of sector shares never loses a vote to rounding.

export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
}

/** numerator/denominator in lowest terms; the denominator must be positive. */
export function fraction(numerator: number | bigint, denominator: number | bigint): Fraction {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d <= 0n) throw new RangeError(`fraction: denominator must be positive, got ${d}`);
  const g = gcd(n, d);
  return g === 0n ? { numerator: 0n, denominator: 1n } : { numerator: n / g, denominator: d / g };
}

export function addFractions(a: Fraction, b: Fraction): Fraction {
  return fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

/** a >= b, exactly. */
export function isAtLeast(a: Fraction, b: Fraction): boolean {
  return a.numerator * b.denominator >= b.numerator * a.denominator;
}

/** Negative when a < b, 0 when equal, positive when a > b, exactly: for sorting and finding the fewest. */
export function compareFractions(a: Fraction, b: Fraction): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The nearest double, for display only: decisions are taken on the exact fraction. */
export function fractionToNumber(value: Fraction): number {
  return Number(value.numerator) / Number(value.denominator);
}

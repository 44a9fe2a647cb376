// The canonical JSON the decision log hashes: RFC 8785 (JSON Canonicalization Scheme, JCS), written by the
// maintained `canonicalize` package rather than by hand, so that any JCS implementation in any language
// gives the same bytes for the same record (docs/decision-log.md).
import canonicalize from "canonicalize";

/**
 * The RFC 8785 form of a JSON value: object members sorted by the UTF-16 code units of their names, no
 * whitespace, numbers and strings as ECMAScript writes them. Throws on what I-JSON forbids (NaN, Infinity,
 * a string with a lone surrogate) and on a value with no JSON form at all.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error("canonicalJson: the value has no JSON form");
  return text;
}

/**
 * The same value with every string made well-formed (a lone surrogate becomes U+FFFD): what a record stores,
 * so that a crafted string can never make a decision unhashable. Plain JSON in, plain JSON out.
 */
export function wellFormedJson<T>(value: T): T {
  if (typeof value === "string") return wellFormed(value) as T;
  if (Array.isArray(value)) return value.map(wellFormedJson) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [wellFormed(key), wellFormedJson(item)])) as T;
  }
  return value;
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** String.prototype.toWellFormed, which the ES2023 library this workspace compiles against lacks. */
function wellFormed(text: string): string {
  return text.replace(loneSurrogate, "\ufffd");
}

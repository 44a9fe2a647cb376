// Hostile input for the fuzz and abuse suites: fast-check arbitraries of wrong types, missing and extra
// fields, huge strings, deep nesting, prototype keys and query operators; plus what the suites check
// after each batch (every collection's document count, the server still answering).
import fc from "fast-check";
import type { Connection } from "mongoose";
import { expect } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** True under `pnpm test:soak` (tests/vitest.soak.config.ts): suites run longer. */
    soak: boolean;
  }
}
import type { ApiClient } from "./api.ts";

/** `{"__proto__": …}` as an own key, the way JSON.parse builds it (an object literal would set the prototype). */
export const prototypeKeys = fc.constantFrom(
  JSON.parse('{"__proto__":{"admin":true,"role":"coordinator"}}') as unknown,
  JSON.parse('{"constructor":{"prototype":{"admin":true}}}') as unknown,
  JSON.parse('{"__proto__":null}') as unknown,
);

/** MongoDB query operators where a value is expected. */
export const mongoOperators = fc.constantFrom<unknown>(
  { $gt: "" },
  { $ne: null },
  { $where: "sleep(1000) || true" },
  { $regex: ".*" },
  { $in: [] },
  { $expr: { $eq: [1, 1] } },
  { $exists: true },
);

export function nested(depth: number, leaf: unknown = "x"): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

export const hostileStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.constantFrom(
    "",
    " ",
    "$gt",
    "0123456789abcdef01234567",
    "ffffffffffffffffffffffff",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    '=HYPERLINK("http://evil")',
    "../../../etc/passwd",
    "\u0000\u0001",
    "\ud800",
    "\u202e\ufeff",
    "x".repeat(5_000),
    "é".repeat(70_000),
    "null",
    "NaN",
    "-1",
    "1e400",
  ),
);

/** Any value of the wrong kind, hostile objects included. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileStrings },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  mongoOperators,
  prototypeKeys,
  fc.constantFrom(nested(500), nested(60, { $gt: "" }), [], {}, [[[[]]]]),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 5 }),
  fc.anything({ maxDepth: 3 }),
);

/** The field names of a zod object schema (intersections and pipes unwrapped), or none. */
/** A zod schema, seen structurally (the tests package does not depend on zod). */
type Schema = object;

export function schemaKeys(schema: Schema | undefined): string[] {
  if (!schema) return [];
  const def = (schema as unknown as { def?: Record<string, unknown> }).def ?? {};
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  if (shape && typeof shape === "object") return Object.keys(shape);
  const parts = [def.left, def.right, def.in, def.out, def.innerType, def.schema].filter(Boolean) as Schema[];
  return [...new Set(parts.flatMap((part) => schemaKeys(part)))];
}

/**
 * Payloads for a schema with these keys: objects with each key missing or of a wrong kind, extra keys,
 * prototype keys and operators, and values that are not objects at all.
 */
export function hostilePayload(
  keys: string[],
  valid: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<unknown> {
  const fieldArb = (key: string) => (valid[key] ? fc.oneof(valid[key], hostileValue) : hostileValue);
  const shaped = fc
    .tuple(
      fc.record(Object.fromEntries(keys.map((key) => [key, fieldArb(key)])), { requiredKeys: [] }),
      fc.option(fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 3 }), { nil: undefined }),
      fc.option(prototypeKeys, { nil: undefined }),
    )
    // Spread defines "__proto__" as an own key (it does not set the prototype), as JSON.parse does.
    .map(([fields, extra, proto]) => ({ ...(extra ?? {}), ...fields, ...((proto as object | undefined) ?? {}) }));
  return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: hostileValue });
}

/** Document counts of every collection of the database. */
export async function documentCounts(connection: Connection): Promise<Record<string, number>> {
  const db = connection.db;
  if (!db) throw new Error("not connected");
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  const counts: Record<string, number> = {};
  for (const { name } of collections.sort((a, b) => a.name.localeCompare(b.name))) {
    counts[name] = await db.collection(name).countDocuments();
  }
  return counts;
}

/**
 * Collections whose count differs between two snapshots (a collection created meanwhile counts from 0),
 * leaving out the `ignored` ones.
 */
export function countChanges(
  before: Record<string, number>,
  after: Record<string, number>,
  ignored: readonly string[] = [],
): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((name) => !ignored.includes(name) && (before[name] ?? 0) !== (after[name] ?? 0))
    .map((name) => `${name}: ${before[name] ?? 0} -> ${after[name] ?? 0}`);
}

/** The server still answers: /healthz 200 and a valid authenticated request 200. */
export async function expectServing(baseUrl: string, client: ApiClient): Promise<void> {
  const health = await fetch(`${baseUrl}/healthz`);
  expect(health.status).toBe(200);
  const me = await client.get("/api/me");
  expect(me.status).toBe(200);
}

/** Deterministic samples of an arbitrary. */
export function samples<T>(arbitrary: fc.Arbitrary<T>, count: number, seed: number): T[] {
  return fc.sample(arbitrary, { numRuns: count, seed });
}

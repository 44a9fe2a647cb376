// Zod issues -> FieldIssue: the one place both sides turn a failed parse into what a client can word in any
// language (code + parameters), so no client ever has to read zod's English text.
import { z } from "zod";
import type { FieldIssue, FieldIssueValue } from "./errors.ts";

/** FieldIssue as a schema, for the documents that describe the error body (OpenAPI) and for tests. */
export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
  origin: z.string().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  inclusive: z.boolean().optional(),
  exact: z.boolean().optional(),
  format: z.string().optional(),
  expected: z.string().optional(),
  received: z.string().optional(),
  values: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  keys: z.array(z.string()).optional(),
  divisor: z.number().optional(),
  rule: z.string().optional(),
}) satisfies z.ZodType<FieldIssue>;

/** Every issue code zod 4 raises; a client words each one (translate.test.ts checks both dictionaries). */
export const zodIssueCodes = [
  "invalid_type",
  "too_big",
  "too_small",
  "invalid_format",
  "not_multiple_of",
  "unrecognized_keys",
  "invalid_union",
  "invalid_key",
  "invalid_element",
  "invalid_value",
  "custom",
] as const satisfies readonly z.core.$ZodIssueCode[];
export type ZodIssueCode = (typeof zodIssueCodes)[number];

/**
 * The shape read here: a finished zod issue; a raw one, as a per-parse error map sees it (no message or
 * path yet, but the input); or a hand-made one (`{path, message}`) from a command that refuses input zod
 * could not check, which then carries no code and reads as "invalid".
 */
export type IssueLike =
  | z.core.$ZodIssue
  | z.core.$ZodRawIssue
  | { readonly path: readonly PropertyKey[]; readonly message: string; readonly code?: undefined };

/**
 * The rules refinements in shared/src/schemas name in `params.rule`, so that a client can word a custom
 * issue; fieldIssues.test.ts finds each one by failing the schemas, translate.test.ts its words.
 */
export const fieldIssueRules = [
  "reasonRequired",
  "fractionAboveOne",
  "ownerRequired",
  "atMostTwoDecimals",
  "nothingToChange",
  "endsBeforeStart",
  "periodReversed",
  "periodTooLong",
  "binary",
] as const;
export type FieldIssueRule = (typeof fieldIssueRules)[number];

function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".") || "(body)";
}

function jsonNumber(value: number | bigint): number {
  return typeof value === "bigint" ? Number(value) : value;
}

function jsonValue(value: unknown): FieldIssueValue {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return value;
  }
  return String(value);
}

/** What zod calls a value's type ("undefined", "string", "array", …), for invalid_type. */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * One field issue from one zod issue. `input` is the value that was parsed: zod drops it from its issues
 * (unless asked to report it), and without it "missing" cannot be told from "of the wrong type".
 */
export function fieldIssueFromZod(issue: IssueLike, input?: { value: unknown }): FieldIssue {
  const base: FieldIssue = { path: dottedPath(issue.path ?? []), message: issue.message ?? "" };
  switch (issue.code) {
    case undefined:
      return base;
    case "invalid_type": {
      const reported = "input" in issue ? { value: issue.input } : input && { value: valueAt(input.value, issue.path) };
      return {
        ...base,
        code: issue.code,
        expected: issue.expected,
        ...(reported && { received: typeName(reported.value) }),
      };
    }
    case "too_small":
      return {
        ...base,
        code: issue.code,
        origin: issue.origin,
        minimum: jsonNumber(issue.minimum),
        inclusive: issue.inclusive !== false,
        ...(issue.exact && { exact: true }),
      };
    case "too_big":
      return {
        ...base,
        code: issue.code,
        origin: issue.origin,
        maximum: jsonNumber(issue.maximum),
        inclusive: issue.inclusive !== false,
        ...(issue.exact && { exact: true }),
      };
    case "invalid_format":
      return { ...base, code: issue.code, format: issue.format };
    case "not_multiple_of":
      return { ...base, code: issue.code, divisor: jsonNumber(issue.divisor) };
    case "unrecognized_keys":
      return { ...base, code: issue.code, keys: [...issue.keys] };
    case "invalid_value":
      return { ...base, code: issue.code, values: issue.values.map(jsonValue) };
    case "invalid_key":
    case "invalid_element":
      return { ...base, code: issue.code, origin: issue.origin };
    case "invalid_union":
      return { ...base, code: issue.code };
    case "custom": {
      const rule = issue.params?.rule;
      return { ...base, code: issue.code, ...(typeof rule === "string" && { rule }) };
    }
    default:
      // A code a newer zod adds still reaches the client, which words codes it does not know as "invalid".
      return { ...base, code: (issue as { code: string }).code };
  }
}

export function fieldIssuesFromZod(issues: readonly IssueLike[], input?: { value: unknown }): FieldIssue[] {
  return issues.map((issue) => fieldIssueFromZod(issue, input));
}

// The one adapter from react-hook-form's field errors to the API's FieldIssue shape, so a field's words come
// from describeFieldIssue whether the browser or the server refused the value. The form's resolver
// (useApiForm) puts the whole shared field issue into the error's message; an error set by other means
// (a `message` text, `type` a zod issue code) is read as far as it goes.
import { type FieldIssue, fieldIssueSchema } from "@mufakat/shared";
import type { FieldError, FieldErrors } from "react-hook-form";
import { ApiError } from "../api/ApiError.ts";
import { type Translate, describeFieldIssue } from "../i18n/translate.ts";

/** A field issue as a react-hook-form error message (which holds a string only). */
export function encodeFieldIssue(issue: FieldIssue): string {
  return JSON.stringify(issue);
}

function decodedFieldIssue(message: string | undefined): FieldIssue | null {
  if (!message?.startsWith("{")) return null;
  try {
    const parsed = fieldIssueSchema.safeParse(JSON.parse(message));
    return parsed.success ? (parsed.data as FieldIssue) : null;
  } catch {
    // Not one of ours: a plain message that happens to start with a brace.
    return null;
  }
}

/** One field's error as the server would report it; `path` is the field's dotted name in the request body. */
export function fieldIssueOf(path: string, error: FieldError): FieldIssue {
  const issue = decodedFieldIssue(error.message);
  if (issue) return { ...issue, path };
  return { path, message: error.message ?? error.type, code: error.type };
}

/** The words shown under a field for a browser-side refusal. */
export function describeFieldError(path: string, error: FieldError, t: Translate): string {
  return describeFieldIssue(fieldIssueOf(path, error), t);
}

function isFieldError(value: unknown): value is FieldError {
  return typeof value === "object" && value !== null && typeof (value as FieldError).type === "string";
}

/** Every field error of a form, nested ones (decisionRule.quorum.minVoters) by their dotted path. */
export function fieldIssuesOf(errors: FieldErrors, prefix = ""): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(errors)) {
    const path = key === "" || key === "root" ? prefix || "(body)" : prefix ? `${prefix}.${key}` : key;
    if (isFieldError(value)) issues.push(fieldIssueOf(path, value));
    else if (typeof value === "object" && value !== null) issues.push(...fieldIssuesOf(value as FieldErrors, path));
  }
  return issues;
}

/** A form the browser refused, as the 400 the server would answer (the form's banner shows its code). */
export function validationFailed(errors: FieldErrors): ApiError | null {
  const issues = fieldIssuesOf(errors);
  if (issues.length === 0) return null;
  return new ApiError(400, "VALIDATION_FAILED", issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
}

/** Whether an issue at `path` is about the field `name` or one nested in it (`decisionRule.quorum`). */
function isUnder(path: string, name: string): boolean {
  return path === name || path.startsWith(`${name}.`);
}

/**
 * The server's refusal without the issues of the fields changed since it answered: once a field is
 * changed its old issue no longer describes it (the form's own check takes over). A validation refusal
 * with no issue left is no refusal; any other refusal stays until the next send.
 */
export function withoutIssuesOf(error: ApiError | null, changed: ReadonlySet<string>): ApiError | null {
  if (!error || changed.size === 0 || error.fieldIssues.length === 0) return error;
  const remaining = error.fieldIssues.filter((issue) => ![...changed].some((name) => isUnder(issue.path, name)));
  if (remaining.length === error.fieldIssues.length) return error;
  if (remaining.length === 0 && error.code === "VALIDATION_FAILED") return null;
  return new ApiError(error.status, error.code, error.message, remaining);
}

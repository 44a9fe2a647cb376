// The one error type of the API client: the server's stable error code plus per-field issues.
import type { ErrorCode, FieldIssue } from "@mufakat/shared";

/** Failures that never reach the server's error handler, named like its codes so the UI treats them alike. */
export type ClientErrorCode = "NETWORK_ERROR" | "UNEXPECTED_RESPONSE";
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    /** HTTP status, or 0 when no response arrived. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Per-field issues of a 400 answer (path "email", "members.0.role", or "(body)"). */
    readonly fieldIssues: FieldIssue[] = [],
  ) {
    super(message);
  }

  /** The issues reported for one field, by its dotted path. */
  issuesFor(path: string): FieldIssue[] {
    return this.fieldIssues.filter((issue) => issue.path === path);
  }
}

function isFieldIssue(value: unknown): value is FieldIssue {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as FieldIssue).path === "string" &&
    typeof (value as FieldIssue).message === "string"
  );
}

/** Reads `{error:{code,message,details?}}`; anything else becomes UNEXPECTED_RESPONSE. */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (!error || typeof error.code !== "string" || typeof error.message !== "string") {
    return new ApiError(status, "UNEXPECTED_RESPONSE", `HTTP ${status} without an error body`);
  }
  const issues = Array.isArray(error.details) ? error.details.filter(isFieldIssue) : [];
  return new ApiError(status, error.code as ErrorCode, error.message, issues);
}

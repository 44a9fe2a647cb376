// Application errors: made by one factory with a stable code, rendered by one handler (http/errorHandler.ts).
import { type ErrorCode, type FieldIssue, type IssueLike, errorStatus, fieldIssuesFromZod } from "@mufakat/shared";

export class AppError extends Error {
  override name = "AppError";
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[] | Record<string, unknown>,
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export function appError(code: ErrorCode, message: string, details?: FieldIssue[] | Record<string, unknown>): AppError {
  return new AppError(code, message, details);
}

/** Field issues from a zod error, with dotted paths ("members.0.role") and the zod code a client words them by. */
export function fieldIssues(issues: readonly IssueLike[], input?: { value: unknown }): FieldIssue[] {
  return fieldIssuesFromZod(issues, input);
}

/** `input` is what was parsed, so a missing field reads as "required" rather than "of the wrong type". */
export function validationError(issues: readonly IssueLike[], input?: { value: unknown }): AppError {
  const details = fieldIssues(issues, input);
  const summary = details.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
  return new AppError("VALIDATION_FAILED", summary || "invalid input", details);
}

/** Errors of the driver that mean "the database is unreachable", which a client may retry. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const name = error.name;
  // insertMany (the update log's batches) wraps the driver's network error in a bulk write error.
  if (name === "MongoBulkWriteError") {
    const inner = (error as { errorResponse?: unknown }).errorResponse;
    return inner !== error && isDatabaseUnavailable(inner);
  }
  return (
    name === "MongoServerSelectionError" ||
    name === "MongoNetworkError" ||
    name === "MongoNetworkTimeoutError" ||
    name === "MongoNotConnectedError" ||
    name === "MongoTopologyClosedError" ||
    name === "MongoPoolClearedError" ||
    (name === "MongooseError" && /buffering|not connected|disconnected/i.test(error.message))
  );
}

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === 11000;
}

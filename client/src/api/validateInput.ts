// Checks a form against the shared zod schema before sending it, failing exactly as the server would (400 + field issues).
import { type IssueLike, fieldIssuesFromZod } from "@mufakat/shared";
import { ApiError } from "./ApiError.ts";

/** The part of a zod schema used here, so the client needs no direct zod dependency. */
export interface InputSchema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<IssueLike> } };
}

export function validateInput<T>(schema: InputSchema<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = fieldIssuesFromZod(parsed.error.issues, { value });
  throw new ApiError(400, "VALIDATION_FAILED", issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
}

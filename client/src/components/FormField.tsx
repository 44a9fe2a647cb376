// A labelled form control with its hint, its character counter (for a text with a length limit) and the
// issues for that field shown beneath it: the browser's (react-hook-form, through forms/fieldErrors.ts) and
// the API's, in the same words.
import { type ReactNode, useId } from "react";
import type { FieldError } from "react-hook-form";
import type { ApiError } from "../api/ApiError.ts";
import { useT } from "../i18n/I18nProvider.tsx";
import { describeFieldIssue } from "../i18n/translate.ts";
import { fieldIssueOf } from "../forms/fieldErrors.ts";
import { CharacterCounter } from "./CharacterCounter.tsx";

export interface ControlProps {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

/** A text's length limit (from shared/src/limits.ts) and the length the schema would check now. */
export interface LengthLimit {
  max: number;
  /** checkedLength(value): what the shared schema counts (trimmed, for most texts). */
  length: number;
}

interface FormFieldProps {
  /** The field's path in the request body, as the API names it in error details. */
  name: string;
  label: string;
  /** Keep the label for screen readers only (a composer whose placeholder says the same). */
  hideLabel?: boolean;
  /** Put before each issue ("Message: …") where the label is not on screen to name the field. */
  issuePrefix?: string;
  hint?: string;
  /** Shows a counter; an issue about the length says how many characters were typed. */
  limit?: LengthLimit;
  error: ApiError | null;
  /** The browser's refusal of this field (react-hook-form's errors[name]). */
  fieldError?: FieldError | undefined;
  /** Prefix of the error element's data-testid: `${testId}-error`; the counter is `${testId}-counter`. */
  testId: string;
  /** Announce the issues as they appear (role="alert"), for a field whose error is the form's only answer. */
  announce?: boolean;
  children: (control: ControlProps) => ReactNode;
}

export function FormField({
  name,
  label,
  hideLabel,
  issuePrefix,
  hint,
  limit,
  error,
  fieldError,
  testId,
  announce,
  children,
}: FormFieldProps) {
  const t = useT();
  const id = useId();
  const typed = limit ? { length: limit.length } : undefined;
  const issues = [...(fieldError ? [fieldIssueOf(name, fieldError)] : []), ...(error?.issuesFor(name) ?? [])].map(
    (issue) => {
      const words = describeFieldIssue(issue, t, typed);
      return issuePrefix ? t("fieldIssue.named", { field: issuePrefix, issue: words }) : words;
    },
  );
  const hintId = hint ? `${id}-hint` : undefined;
  const counterId = limit ? `${id}-counter` : undefined;
  const errorId = issues.length > 0 ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId, counterId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={issues.length > 0 ? "field field-invalid" : "field"}>
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : undefined}>
        {label}
      </label>
      {children({ id, "aria-invalid": issues.length > 0, "aria-describedby": describedBy })}
      {(hint || limit) && (
        <div className="field-notes">
          {hint && (
            <small id={hintId} className="field-hint">
              {hint}
            </small>
          )}
          {limit && counterId && (
            <CharacterCounter id={counterId} length={limit.length} max={limit.max} testId={`${testId}-counter`} />
          )}
        </div>
      )}
      {errorId && (
        <span
          id={errorId}
          className="field-error"
          role={announce ? "alert" : undefined}
          data-testid={`${testId}-error`}
        >
          {issues.join("; ")}
        </span>
      )}
    </div>
  );
}

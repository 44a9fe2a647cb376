// A labelled form control with its hint and the issues for that field shown beneath it: the browser's
// (react-hook-form, through forms/fieldErrors.ts) and the API's, in the same words.
import { type ReactNode, useId } from "react";
import type { FieldError } from "react-hook-form";
import type { ApiError } from "../api/ApiError.ts";
import { useT } from "../i18n/I18nProvider.tsx";
import { describeFieldIssue } from "../i18n/translate.ts";
import { describeFieldError } from "../forms/fieldErrors.ts";

export interface ControlProps {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

interface FormFieldProps {
  /** The field's path in the request body, as the API names it in error details. */
  name: string;
  label: string;
  hint?: string;
  error: ApiError | null;
  /** The browser's refusal of this field (react-hook-form's errors[name]). */
  fieldError?: FieldError | undefined;
  /** Prefix of the error element's data-testid: `${testId}-error`. */
  testId: string;
  /** Announce the issues as they appear (role="alert"), for a field whose error is the form's only answer. */
  announce?: boolean;
  children: (control: ControlProps) => ReactNode;
}

export function FormField({ name, label, hint, error, fieldError, testId, announce, children }: FormFieldProps) {
  const t = useT();
  const id = useId();
  const issues = [
    ...(fieldError ? [describeFieldError(name, fieldError, t)] : []),
    ...(error?.issuesFor(name) ?? []).map((issue) => describeFieldIssue(issue, t)),
  ];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = issues.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={issues.length > 0 ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": issues.length > 0, "aria-describedby": describedBy })}
      {hint && (
        <small id={hintId} className="field-hint">
          {hint}
        </small>
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

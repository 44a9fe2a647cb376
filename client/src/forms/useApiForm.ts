// The one way a form is built here: react-hook-form for the fields, validated in the browser by the shared
// zod schema on the body the form would send, then sent as a TanStack mutation. The server's field issues
// (ApiError.issuesFor) and the browser's show under the same fields, worded from the same zod issue codes,
// and the banner shows either refusal by its code.
import { toNestErrors } from "@hookform/resolvers";
import { type IssueLike, fieldIssuesFromZod } from "@mufakat/shared";
import { useMutation } from "@tanstack/react-query";
import {
  type DefaultValues,
  type FieldError,
  type FieldValues,
  type Resolver,
  type UseFormReturn,
  useForm,
} from "react-hook-form";
import type { ApiError } from "../api/ApiError.ts";
import { apiErrorOf } from "../api/queryClient.ts";
import { encodeFieldIssue, validationFailed } from "./fieldErrors.ts";

/** The part of a shared zod schema a form uses, so the client needs no direct zod dependency. */
export interface BodySchema {
  safeParseAsync(
    value: unknown,
  ): Promise<{ success: true; data: unknown } | { success: false; error: { issues: readonly IssueLike[] } }>;
}

interface ApiFormOptions<TValues extends FieldValues, TInput> {
  /** The shared zod schema of the request body. */
  schema: BodySchema;
  defaultValues: DefaultValues<TValues>;
  /** The fields (strings, as inputs hold them) as the body to validate and send: numbers parsed, days made instants. */
  toInput(values: TValues): unknown;
  /** Sends the validated body; a rejection shows as the form's error. */
  send(input: TInput): Promise<void>;
  /** After a successful send: clear what should not be sent twice. */
  onSent?(form: UseFormReturn<TValues, unknown, TInput>): void;
}

export interface ApiForm<TValues extends FieldValues, TInput> {
  form: UseFormReturn<TValues, unknown, TInput>;
  onSubmit(event?: React.BaseSyntheticEvent): Promise<void>;
  submitting: boolean;
  /** The server's refusal of the last send; its field issues show under the fields. */
  serverError: ApiError | null;
  /** For the banner: the browser's refusal, else the server's. */
  error: ApiError | null;
}

/**
 * The shared schema on the body the fields make: the field names are the body's, so issues land on their
 * fields. Unlike zodResolver, which keeps only zod's English message and code, each error carries the whole
 * field issue (code, limits, rule) made by the same shared function as the server's, so it is worded the same.
 */
export function bodyResolver<TValues extends FieldValues, TInput>(
  schema: BodySchema,
  toInput: (values: TValues) => unknown,
): Resolver<TValues, unknown, TInput> {
  return async (values, _context, options) => {
    const input = toInput(values);
    const parsed = await schema.safeParseAsync(input);
    if (parsed.success) return { values: parsed.data as TInput, errors: {} };
    const errors: Record<string, FieldError> = {};
    for (const issue of fieldIssuesFromZod(parsed.error.issues, { value: input })) {
      const name = issue.path === "(body)" ? "root" : issue.path;
      // The first issue of a field is the one shown, as the server's first issue is.
      errors[name] ??= { type: issue.code ?? "custom", message: encodeFieldIssue(issue) };
    }
    return { values: {}, errors: toNestErrors<TValues>(errors, options) };
  };
}

export function useApiForm<TValues extends FieldValues, TInput>({
  schema,
  defaultValues,
  toInput,
  send,
  onSent,
}: ApiFormOptions<TValues, TInput>): ApiForm<TValues, TInput> {
  const form = useForm<TValues, unknown, TInput>({
    resolver: bodyResolver<TValues, TInput>(schema, toInput),
    defaultValues,
    // As before: a field's error stays until the next submit, not rechecked on every key.
    reValidateMode: "onSubmit",
  });
  const mutation = useMutation({ mutationFn: send, onSuccess: () => onSent?.(form) });
  const onSubmit = form.handleSubmit(
    (input) => mutation.mutate(input),
    // A browser-side refusal replaces the server's earlier one.
    () => mutation.reset(),
  );
  const serverError = apiErrorOf(mutation.error);
  return {
    form,
    onSubmit,
    submitting: mutation.isPending,
    serverError,
    error: validationFailed(form.formState.errors) ?? serverError,
  };
}

// The one way a form is built here: react-hook-form for the fields, validated in the browser by the shared
// zod schema on the body the form would send, then sent as a TanStack mutation. The server's field issues
// (ApiError.issuesFor) and the browser's show under the same fields, worded from the same zod issue codes,
// and the banner shows either refusal by its code. Numbers are typed as text and read in the UI's language
// (forms/fieldReader.ts) before the schema checks them; when the language changes, what was typed is
// rewritten in the new language's separators, so the same text never silently means another number. An
// error clears once its cause is fixed: after a refused submit each change is checked again, and a field
// changed since the server refused it loses its issue.
import { toNestErrors } from "@hookform/resolvers";
import { type IssueLike, fieldIssuesFromZod } from "@mufakat/shared";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import {
  type DefaultValues,
  type FieldError,
  type FieldValues,
  type Path,
  type PathValue,
  type Resolver,
  type UseFormReturn,
  useForm,
} from "react-hook-form";
import type { ApiError } from "../api/ApiError.ts";
import { apiErrorOf } from "../api/queryClient.ts";
import { useLocale } from "../i18n/I18nProvider.tsx";
import { formatNumber } from "../i18n/numbers.ts";
import type { Locale } from "../i18n/translate.ts";
import { encodeFieldIssue, validationFailed, withoutIssuesOf } from "./fieldErrors.ts";
import { type FieldReader, readFields } from "./fieldReader.ts";

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
  /**
   * The fields (strings, as inputs hold them) as the body to validate and send: numbers read with
   * `read.number(path)` in the UI's language, days made instants.
   */
  toInput(values: TValues, read: FieldReader): unknown;
  /** Sends the validated body; a rejection shows as the form's error. */
  send(input: TInput): Promise<void>;
  /** After a successful send: clear what should not be sent twice. */
  onSent?(form: UseFormReturn<TValues, unknown, TInput>): void;
}

export interface ApiForm<TValues extends FieldValues, TInput> {
  form: UseFormReturn<TValues, unknown, TInput>;
  onSubmit(event?: React.BaseSyntheticEvent): Promise<void>;
  submitting: boolean;
  /** The server's refusal of the last send, less the fields changed since; its field issues show under them. */
  serverError: ApiError | null;
  /** For the banner: the browser's refusal, else the server's. */
  error: ApiError | null;
}

/**
 * The shared schema on the body the fields make: the field names are the body's, so issues land on their
 * fields. Unlike zodResolver, which keeps only zod's English message and code, each error carries the whole
 * field issue (code, limits, rule) made by the same shared function as the server's, so it is worded the same.
 * A number the reader refused is that field's error, before anything the schema says of the NaN it became.
 */
export function bodyResolver<TValues extends FieldValues, TInput>(
  schema: BodySchema,
  toInput: (values: TValues, read: FieldReader) => unknown,
  locale: Locale,
): Resolver<TValues, unknown, TInput> {
  return async (values, _context, options) => {
    const reading = readFields(values, locale);
    const input = toInput(values, reading.read);
    const parsed = await schema.safeParseAsync(input);
    if (parsed.success && reading.refusals.length === 0) return { values: parsed.data as TInput, errors: {} };
    const issues = [
      ...reading.refusals,
      ...(parsed.success ? [] : fieldIssuesFromZod(parsed.error.issues, { value: input })),
    ];
    const errors: Record<string, FieldError> = {};
    for (const issue of issues) {
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
  const { locale } = useLocale();
  const form = useForm<TValues, unknown, TInput>({
    resolver: bodyResolver<TValues, TInput>(schema, toInput, locale),
    defaultValues,
    // Nothing is marked before the first submit; after it, each change is checked again, so an issue goes
    // as soon as the field is right (a text back under its limit) instead of staying until the next submit.
    reValidateMode: "onChange",
  });
  // Fields changed since the last send: the server's issues about them are out of date.
  const [changed, setChanged] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    const subscription = form.watch((_values, { name }) => {
      if (name) setChanged((names) => (names.has(name) ? names : new Set(names).add(name)));
    });
    return () => subscription.unsubscribe();
  }, [form]);
  const mutation = useMutation({
    mutationFn: send,
    onMutate: () => setChanged(new Set()),
    onSuccess: () => onSent?.(form),
  });
  useRetypedNumbers(form, toInput, locale);
  const onSubmit = form.handleSubmit(
    (input) => mutation.mutate(input),
    // A browser-side refusal replaces the server's earlier one.
    () => mutation.reset(),
  );
  const serverError = withoutIssuesOf(apiErrorOf(mutation.error), changed);
  return {
    form,
    onSubmit,
    submitting: mutation.isPending,
    serverError,
    error: validationFailed(form.formState.errors) ?? serverError,
  };
}

/**
 * On a change of language, every number the fields hold that reads in the language it was typed in is
 * written again in the new one: "1.000" typed in Indonesian is one thousand, and stays one thousand
 * ("1,000") in English rather than becoming one. Text that reads as no number is left for its error.
 */
function useRetypedNumbers<TValues extends FieldValues, TInput>(
  form: UseFormReturn<TValues, unknown, TInput>,
  toInput: (values: TValues, read: FieldReader) => unknown,
  locale: Locale,
): void {
  const typedIn = useRef(locale);
  const latestToInput = useRef(toInput);
  latestToInput.current = toInput;
  useEffect(() => {
    const previous = typedIn.current;
    typedIn.current = locale;
    if (previous === locale) return;
    const values = form.getValues();
    const reading = readFields(values, previous);
    latestToInput.current(values, reading.read);
    for (const [path, value] of reading.numbers) {
      form.setValue(path as Path<TValues>, formatNumber(value, locale) as PathValue<TValues, Path<TValues>>);
    }
  }, [form, locale]);
}

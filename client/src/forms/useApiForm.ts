// The one way a form is built here: react-hook-form for the fields, validated in the browser by the shared
// zod schema (zodResolver) on the body the form would send, then sent as a TanStack mutation. The server's
// field issues (ApiError.issuesFor) and the browser's show under the same fields, and the banner shows
// either refusal by its code.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { type DefaultValues, type FieldValues, type Resolver, type UseFormReturn, useForm } from "react-hook-form";
import type { ApiError } from "../api/ApiError.ts";
import { apiErrorOf } from "../api/queryClient.ts";
import { validationFailed } from "./fieldErrors.ts";

interface ApiFormOptions<TValues extends FieldValues, TInput> {
  /** The shared zod schema of the request body. */
  schema: Parameters<typeof zodResolver>[0];
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

/** zodResolver on the body the fields make: the field names are the body's, so issues land on their fields. */
function bodyResolver<TValues extends FieldValues, TInput>(
  schema: ApiFormOptions<TValues, TInput>["schema"],
  toInput: (values: TValues) => unknown,
): Resolver<TValues, unknown, TInput> {
  const resolve = zodResolver(schema) as unknown as Resolver<FieldValues, unknown, TInput>;
  return (values, context, options) =>
    resolve(toInput(values) as FieldValues, context, options as never) as ReturnType<
      Resolver<TValues, unknown, TInput>
    >;
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

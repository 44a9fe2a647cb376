// Runs a form's API call and keeps its submitting flag and ApiError for the form to show.
import { useCallback, useState } from "react";
import type { ApiError } from "../api/ApiError.ts";
import { toApiError } from "../api/useApiQuery.ts";

export function useSubmit<TArgs extends unknown[]>(action: (...args: TArgs) => Promise<void>) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = useCallback(
    async (...args: TArgs) => {
      setSubmitting(true);
      setError(null);
      try {
        await action(...args);
      } catch (caught) {
        setError(toApiError(caught));
      } finally {
        setSubmitting(false);
      }
    },
    [action],
  );

  return { submit, submitting, error };
}

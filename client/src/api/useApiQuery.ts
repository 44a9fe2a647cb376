// Loads data from the API for a component: a tagged loading / loaded / failed state and a reload.
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "./ApiError.ts";

export type QueryState<T> = { state: "loading" } | { state: "loaded"; data: T } | { state: "failed"; error: ApiError };

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, "UNEXPECTED_RESPONSE", error instanceof Error ? error.message : String(error));
}

/** Runs `load` whenever `key` changes; `setData` lets a page apply the result of a mutation in place. */
export function useApiQuery<T>(key: string, load: () => Promise<T>) {
  const [result, setResult] = useState<QueryState<T>>({ state: "loading" });
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` fetches; a new closure alone is no reason to refetch
  useEffect(() => {
    let current = true;
    setResult({ state: "loading" });
    load().then(
      (data) => {
        if (current) setResult({ state: "loaded", data });
      },
      (error: unknown) => {
        if (current) setResult({ state: "failed", error: toApiError(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const setData = useCallback((data: T) => setResult({ state: "loaded", data }), []);
  return { result, reload, setData };
}

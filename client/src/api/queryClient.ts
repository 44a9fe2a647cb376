// The one cache of server state: every component that shows a resource reads it through this client, so a
// page asks the server once per resource; mutations and socket events update or invalidate its entries.
import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./ApiError.ts";

/** Whatever a query or mutation threw, as the ApiError the UI knows how to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, "UNEXPECTED_RESPONSE", error instanceof Error ? error.message : String(error));
}

/** A mutation's or query's error for an ErrorMessage or FormField; null while there is none. */
export function apiErrorOf(error: unknown): ApiError | null {
  return error === null || error === undefined ? null : toApiError(error);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A failed read shows its error and a retry button at once, as before: the user decides.
        retry: false,
        // Fresh long enough that components mounting later on the same page (a tab, the motion panel)
        // reuse what the page already read; changes arrive through mutations and socket events.
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}

// Renders a query's loading and failed states, and the page once its data has arrived.
import type { ReactNode } from "react";
import { toApiError } from "../api/queryClient.ts";
import { useT } from "../i18n/I18nProvider.tsx";
import { ErrorMessage } from "./ErrorMessage.tsx";
import { Loading } from "./Loading.tsx";

/** What QueryView needs of a TanStack query (or of several, through `allQueries`). */
export interface ViewableQuery<T> {
  status: "pending" | "error" | "success";
  data: T | undefined;
  error: unknown;
  refetch(): unknown;
}

interface QueryViewProps<T> {
  query: ViewableQuery<T>;
  children: (data: T) => ReactNode;
  /** Shown while the first read runs; a skeleton of the page's shape keeps it from jumping. */
  loading?: ReactNode;
}

export function QueryView<T>({ query, children, loading }: QueryViewProps<T>) {
  const t = useT();
  // Data already on screen stays there while a refetch runs or fails (a later read heals it); a refetch
  // that failed in the background says so above it, with a retry, instead of failing silently.
  if (query.data !== undefined && query.status !== "pending") {
    return (
      <>
        {query.status === "error" && (
          <div className="background-failure" role="status" data-testid="refresh-failed">
            <p className="background-failure-text">{t("common.refreshFailed")}</p>
            <button type="button" className="button-quiet" onClick={() => void query.refetch()}>
              {t("common.retry")}
            </button>
          </div>
        )}
        {children(query.data)}
      </>
    );
  }
  if (query.status === "pending") return loading ?? <Loading />;
  return (
    <div className="query-failed">
      <ErrorMessage error={toApiError(query.error)} testId="load-error" />
      <button type="button" onClick={() => void query.refetch()} data-testid="retry">
        {t("common.retry")}
      </button>
    </div>
  );
}

type DataOf<Q> = Q extends { data: infer T } ? Exclude<T, undefined> : never;

/** Several queries shown as one: loaded when all are, failed when one is; retry refetches the failed ones. */
export function allQueries<const Qs extends readonly ViewableQuery<unknown>[]>(
  queries: Qs,
): ViewableQuery<{ [K in keyof Qs]: DataOf<Qs[K]> }> {
  const failed = queries.find((query) => query.status === "error" && query.data === undefined);
  const loaded = queries.every((query) => query.data !== undefined);
  return {
    status: failed ? "error" : loaded ? "success" : "pending",
    data: loaded ? (queries.map((query) => query.data) as { [K in keyof Qs]: DataOf<Qs[K]> }) : undefined,
    error: failed?.error ?? null,
    refetch: () => {
      for (const query of queries) if (query.status === "error") void query.refetch();
    },
  };
}

// Renders a query's loading and failed states, and the page once its data has arrived.
import type { ReactNode } from "react";
import type { QueryState } from "../api/useApiQuery.ts";
import { useT } from "../i18n/I18nProvider.tsx";
import { ErrorMessage } from "./ErrorMessage.tsx";
import { Loading } from "./Loading.tsx";

interface QueryViewProps<T> {
  result: QueryState<T>;
  reload(): void;
  children: (data: T) => ReactNode;
}

export function QueryView<T>({ result, reload, children }: QueryViewProps<T>) {
  const t = useT();
  switch (result.state) {
    case "loading":
      return <Loading />;
    case "failed":
      return (
        <div className="query-failed">
          <ErrorMessage error={result.error} testId="load-error" />
          <button type="button" onClick={reload} data-testid="retry">
            {t("common.retry")}
          </button>
        </div>
      );
    case "loaded":
      return children(result.data);
  }
}

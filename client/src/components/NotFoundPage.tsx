// The page for a path the app does not know.
import { Link } from "react-router";
import { useT } from "../i18n/I18nProvider.tsx";
import { useDocumentTitle } from "./useDocumentTitle.ts";

export function NotFoundPage() {
  const t = useT();
  useDocumentTitle(t("notFound.title"));
  return (
    <main className="page page-narrow" data-testid="not-found">
      <h1>{t("notFound.title")}</h1>
      <Link to="/rooms">{t("notFound.back")}</Link>
    </main>
  );
}

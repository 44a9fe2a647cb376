// Each page names itself in the browser's title ("Log in · Mufakat"), in the chosen language, so a tab, the
// history and a screen reader arriving on the page say where one is (WCAG 2.4.2).
import { useEffect } from "react";
import { useT } from "../i18n/I18nProvider.tsx";

/** Sets document.title to the page's name(s), most specific first, then the app's name. */
export function useDocumentTitle(...parts: Array<string | null | undefined>): void {
  const t = useT();
  const title = [...parts.filter((part): part is string => Boolean(part)), t("app.name")].join(" · ");
  useEffect(() => {
    document.title = title;
  }, [title]);
}

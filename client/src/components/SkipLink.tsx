// The first tab stop on every page: a link past the header to the page's content (WCAG 2.4.1), shown when
// it has focus.
import { useT } from "../i18n/I18nProvider.tsx";
import { mainContentId, skipToMainContent } from "./focusOnArrival.ts";

export function SkipLink() {
  const t = useT();
  return (
    <a
      href={`#${mainContentId}`}
      className="skip-link"
      data-testid="skip-link"
      onClick={(event) => {
        event.preventDefault();
        skipToMainContent();
      }}
    >
      {t("nav.skipToContent")}
    </a>
  );
}

// The placeholder shown while something loads.
import { useT } from "../i18n/I18nProvider.tsx";

export function Loading() {
  const t = useT();
  return (
    <p className="loading" data-testid="loading" aria-busy="true">
      {t("common.loading")}
    </p>
  );
}

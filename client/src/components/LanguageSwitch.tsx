// The header's language selector (Bahasa Indonesia / English).
import { useId } from "react";
import { useLocale, useT } from "../i18n/I18nProvider.tsx";
import { isLocale, locales } from "../i18n/translate.ts";

export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const id = useId();
  return (
    <span className="language-switch">
      <label htmlFor={id} className="visually-hidden">
        {t("language.label")}
      </label>
      <select
        id={id}
        value={locale}
        data-testid="language-switch"
        onChange={(event) => {
          if (isLocale(event.target.value)) setLocale(event.target.value);
        }}
      >
        {locales.map((option) => (
          <option key={option} value={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </span>
  );
}

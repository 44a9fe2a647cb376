// The chosen language for the whole app, remembered in localStorage once chosen (before that, the browser's
// preferred languages decide: see browserLocale), and the useT()/useFormat() hooks that read it.
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import {
  type Formatters,
  type Locale,
  type Translate,
  browserLocale,
  formatters,
  isLocale,
  translator,
} from "./translate.ts";

const storageKey = "mufakat.locale";

interface I18nContextValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
}

const I18nContext = createContext<I18nContextValue | null>(null);

/** The language the user chose with the switch, else the first of the browser's languages we speak. */
function initialLocale(): Locale {
  const preferred = browserLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLocale(value) ? value : preferred;
  } catch {
    // Storage can be disabled (privacy settings); the browser's language still works.
    return preferred;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // Not remembered across visits, but switched for this one.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo(() => ({ locale, setLocale, t: translator(locale) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useT/useLocale must be used inside <I18nProvider>");
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): { locale: Locale; setLocale(locale: Locale): void } {
  const { locale, setLocale } = useI18n();
  return { locale, setLocale };
}

/** Numbers, quantities, percentages and dates as the chosen language writes them. */
export function useFormat(): Formatters {
  return formatters(useI18n().locale);
}

/** Dates (with the time) as the chosen language writes them. */
export function useFormatDate(): (iso: string) => string {
  return useFormat().dateTime;
}

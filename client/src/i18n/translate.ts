// Translation on FormatJS: ICU messages (plurals, numbers, dates) per language, the number and date
// formats the app uses, and server field issues worded from their zod code, never from English text.
import { createIntl, createIntlCache, type IntlShape } from "@formatjs/intl";
import { type FieldIssue, type IssueLike, fieldIssueFromZod } from "@mufakat/shared";
import type { ApiErrorCode } from "../api/ApiError.ts";
import { messagesEn } from "./messages.en.ts";
import { type MessageKey, type Messages, messagesId } from "./messages.id.ts";

export const locales = ["id", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "id";

const dictionaries: Record<Locale, Messages> = { id: messagesId, en: messagesEn };

/** The BCP 47 tag each language formats with: Indonesian as in Indonesia, English as in Britain (dd/mm). */
const localeTags: Record<Locale, string> = { id: "id-ID", en: "en-GB" };

export function localeTag(locale: Locale): string {
  return localeTags[locale];
}

export type TranslateVars = Record<string, string | number | Date>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * The first of the browser's preferred languages (navigator.languages, most preferred first) that the app
 * speaks, by primary subtag ("en-US" is English, "id-ID" and the older "in" Indonesian); Indonesian when
 * none is. So a browser asking for French, then English, gets English.
 */
export function browserLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === "in") return "id";
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
}

/** Named formats, usable as `{date, date, dateTime}` in a message and by the formatters below. */
const formats = {
  date: {
    dateTime: { dateStyle: "medium", timeStyle: "short" },
    day: { dateStyle: "full" },
    dayMonth: { day: "numeric", month: "short" },
  },
  number: {
    quantity: { maximumFractionDigits: 2 },
    compact: { notation: "compact", maximumFractionDigits: 1 },
    twoDecimals: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
    wholePercent: { style: "percent", maximumFractionDigits: 0 },
  },
} as const;

const cache = createIntlCache();
const intls = new Map<Locale, IntlShape>();

function intlFor(locale: Locale): IntlShape {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl(
      {
        locale: localeTags[locale],
        defaultLocale: localeTags[locale],
        messages: dictionaries[locale],
        formats,
        // A message that cannot be formatted (a value missing) shows its source text rather than breaking
        // the page; the dictionary tests keep every message well-formed.
        onError: (error) => console.warn(`i18n: ${error.message}`),
      },
      cache,
    );
    intls.set(locale, intl);
  }
  return intl;
}

export function translator(locale: Locale): Translate {
  const intl = intlFor(locale);
  return (key, vars) =>
    String(intl.formatMessage({ id: key } as Parameters<IntlShape["formatMessage"]>[0], vars as never));
}

/** The number and date formats of one language, for values shown outside a message. */
export interface Formatters {
  /** An instant as date and time ("2 Des 2026, 14.05" / "2 Dec 2026, 14:05"). */
  dateTime(iso: string | Date): string;
  /** A day in full, as a picked day is confirmed beside its input ("Rabu, 05 Maret 2031" / "Wednesday, 5 March 2031"). */
  day(iso: string | Date): string;
  /** Day and short month, for chart axes ("2 Des"). */
  dayMonth(iso: string | Date): string;
  /** A whole or decimal number with the language's separators ("2.400.000" / "2,400,000"). */
  number(value: number): string;
  /** A pledged quantity: at most the two decimals pledges keep ("750.000,5"). */
  quantity(value: number): string;
  /** A number in few characters, for a chart's axis ("2,4 M" / "2.4bn"); the tooltip shows it in full. */
  compact(value: number): string;
  /** A ratio with exactly two decimals ("1,05"). */
  twoDecimals(value: number): string;
  /** A share 0–1 as a whole percentage ("67%"), or "–" when there is none. */
  percent(share: number | null): string;
  /** Items joined as the language lists them: "a, b or c" / "a, b, atau c" (disjunction), "a, b and c". */
  list(items: readonly string[], type: "conjunction" | "disjunction"): string;
}

const formattersByLocale = new Map<Locale, Formatters>();

export function formatters(locale: Locale): Formatters {
  let found = formattersByLocale.get(locale);
  if (!found) {
    const intl = intlFor(locale);
    found = {
      dateTime: (iso) => intl.formatDate(iso, { format: "dateTime" }),
      day: (iso) => intl.formatDate(iso, { format: "day" }),
      dayMonth: (iso) => intl.formatDate(iso, { format: "dayMonth" }),
      number: (value) => intl.formatNumber(value),
      quantity: (value) => intl.formatNumber(value, { format: "quantity" }),
      compact: (value) => intl.formatNumber(value, { format: "compact" }),
      twoDecimals: (value) => intl.formatNumber(value, { format: "twoDecimals" }),
      percent: (share) => (share === null ? "–" : intl.formatNumber(share, { format: "wholePercent" })),
      list: (items, type) => intl.formatList(items, { type }),
    };
    formattersByLocale.set(locale, found);
  }
  return found;
}

type FieldIssueKey = Extract<MessageKey, `fieldIssue.${string}`>;

function isMessageKey(key: string): key is MessageKey {
  return key in messagesId;
}

/** What the form knows beyond the issue: the length of the text now in the field, when it has a limit. */
export interface FieldContext {
  length?: number;
}

/** too_small/too_big on a length ("string"), a count ("array", "set") or a value ("number", "date"). */
function describeBound(kind: "min" | "max", issue: FieldIssue, t: Translate, context: FieldContext): string {
  const bound = (kind === "min" ? issue.minimum : issue.maximum) ?? 0;
  const exact = issue.exact === true;
  const vars: TranslateVars = { [exact ? "length" : kind === "min" ? "minimum" : "maximum"]: bound };
  switch (issue.origin) {
    case "string":
      // min(1) on a text is how the shared schemas say "required" (an empty field sends "").
      if (kind === "min" && !exact && bound <= 1) return t("fieldIssue.required");
      if (exact) return t("fieldIssue.string.exact", vars);
      // "At most 4,000 characters — 5,120 typed": the count the person can act on, while it is still over.
      if (kind === "max" && context.length !== undefined && context.length > bound) {
        return t("fieldIssue.string.maxTyped", { maximum: bound, length: context.length });
      }
      return t(kind === "min" ? "fieldIssue.string.min" : "fieldIssue.string.max", vars);
    case "array":
    case "set":
      if (exact) return t("fieldIssue.array.exact", vars);
      return t(kind === "min" ? "fieldIssue.array.min" : "fieldIssue.array.max", vars);
    case "number":
    case "int":
    case "bigint":
      if (kind === "min")
        return t(issue.inclusive === false ? "fieldIssue.number.above" : "fieldIssue.number.min", vars);
      return t(issue.inclusive === false ? "fieldIssue.number.below" : "fieldIssue.number.max", vars);
    case "date":
      // zod gives a date's bound as milliseconds since the epoch.
      return t(kind === "min" ? "fieldIssue.date.min" : "fieldIssue.date.max", vars);
    default:
      return t("fieldIssue.invalid");
  }
}

const formatKeys: Partial<Record<string, FieldIssueKey>> = {
  email: "fieldIssue.format.email",
  url: "fieldIssue.format.url",
  datetime: "fieldIssue.format.datetime",
  date: "fieldIssue.format.date",
  time: "fieldIssue.format.time",
};

/**
 * Words one field issue by its zod code and parameters (see shared/src/fieldIssues.ts). An issue without
 * a code (made by hand by a command) or with a code this client does not know reads as "invalid". With the
 * field's current length, a text that is too long also says how long it is.
 */
export function describeFieldIssue(issue: FieldIssue, t: Translate, context: FieldContext = {}): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.received === "undefined") return t("fieldIssue.required");
      // A number with decimals where a whole one is expected (z.int() on 2.5).
      if (issue.expected === "int" && issue.received === "number") return t("fieldIssue.type.int");
      if (issue.expected === "number" || issue.expected === "int") return t("fieldIssue.type.number");
      return t("fieldIssue.invalid");
    case "too_small":
      return describeBound("min", issue, t, context);
    case "too_big":
      return describeBound("max", issue, t, context);
    case "invalid_format":
      return t(formatKeys[issue.format ?? ""] ?? "fieldIssue.format.other");
    case "invalid_value":
      return t("fieldIssue.invalidOption");
    case "not_multiple_of":
      return t("fieldIssue.multipleOf", { divisor: issue.divisor ?? 1 });
    case "unrecognized_keys":
      return t("fieldIssue.unknownFields", { count: issue.keys?.length ?? 0, keys: (issue.keys ?? []).join(", ") });
    case "custom": {
      const key = `fieldIssue.rule.${issue.rule ?? ""}`;
      return t(isMessageKey(key) ? key : "fieldIssue.invalid");
    }
    default:
      // invalid_union, invalid_key, invalid_element, and codes newer than this client.
      return t("fieldIssue.invalid");
  }
}

/**
 * The client-side twin, for a form's own validation. With react-hook-form, pass `zodErrorMap(t)` as the
 * parse's error map (`zodResolver(schema, { error: zodErrorMap(t) })`): zod then hands over the raw issue
 * with its input, so a missing field reads as "required", and the form shows the words directly.
 */
export function describeZodIssue(issue: IssueLike, t: Translate): string {
  return describeFieldIssue(fieldIssueFromZod(issue), t);
}

export function zodErrorMap(t: Translate): (issue: IssueLike) => string {
  return (issue) => describeZodIssue(issue, t);
}

/** A server newer than this client may send a code it has no words for yet: say so, with the code. */
export function errorCodeMessage(code: ApiErrorCode | string, t: Translate): string {
  const key = `error.${code}`;
  return isMessageKey(key) ? t(key) : t("error.unknownCode", { code });
}

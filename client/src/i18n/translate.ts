// Pure translation helpers: look a key up, fill {placeholders}, and turn server field issues into words.
import type { FieldIssue } from "@mufakat/shared";
import type { ApiErrorCode } from "../api/ApiError.ts";
import { messagesEn } from "./messages.en.ts";
import { type MessageKey, type Messages, messagesId } from "./messages.id.ts";

export const locales = ["id", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "id";

const dictionaries: Record<Locale, Messages> = { id: messagesId, en: messagesEn };

export type TranslateVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function translator(locale: Locale): Translate {
  const dictionary = dictionaries[locale];
  return (key, vars) => {
    const template = dictionary[key];
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

/**
 * The server words field issues in English after the shared zod schemas ("required", "at least 10
 * characters", "must be an email address"); known shapes are translated, anything else reads as "invalid".
 */
export function describeFieldIssue(issue: FieldIssue, t: Translate): string {
  const message = issue.message.trim();
  if (/^required$|received undefined/i.test(message)) return t("fieldIssue.required");
  if (/email/i.test(message)) return t("fieldIssue.email");
  const atLeast = /at least (\d+)|>=\s*(\d+)/i.exec(message);
  if (atLeast) return t("fieldIssue.tooShort", { n: atLeast[1] ?? atLeast[2] ?? "" });
  const atMost = /at most (\d+)|<=\s*(\d+)/i.exec(message);
  if (atMost) return t("fieldIssue.tooLong", { n: atMost[1] ?? atMost[2] ?? "" });
  if (/option|expected one of/i.test(message)) return t("fieldIssue.invalidOption");
  return t("fieldIssue.invalid");
}

/** A server newer than this client may send a code it has no words for yet: say so, with the code. */
export function errorCodeMessage(code: ApiErrorCode | string, t: Translate): string {
  const key = `error.${code}`;
  return key in messagesId ? t(key as MessageKey) : t("error.unknownCode", { code });
}

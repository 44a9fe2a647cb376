// Numbers as a person types and reads them in the UI's language: Indonesian writes 2.400.000,5 (a point
// between thousands, a comma before the decimals), English 2,400,000.5. The parser reads exactly what
// Intl.NumberFormat of that language prints, with or without the thousands separators, and refuses text
// whose separators it would have to guess at ("2,400.5" or "1.5" in Indonesian) instead of reading it
// some other way. The API keeps JSON numbers: only the browser ever sees the text.
import { type Locale, localeTag } from "./translate.ts";

/** The characters a language writes numbers with, as its Intl.NumberFormat prints them. */
export interface NumberSymbols {
  group: string;
  decimal: string;
  minus: string;
}

const symbolsByLocale = new Map<Locale, NumberSymbols>();

export function numberSymbols(locale: Locale): NumberSymbols {
  let found = symbolsByLocale.get(locale);
  if (!found) {
    const parts = new Intl.NumberFormat(localeTag(locale)).formatToParts(-1234567.5);
    const part = (type: Intl.NumberFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
    found = { group: part("group"), decimal: part("decimal"), minus: part("minusSign") };
    symbolsByLocale.set(locale, found);
  }
  return found;
}

/**
 * Why a text is not a number in the language: nothing typed; characters no number has ("abc", "Rp 5",
 * "1e5"); separators out of place or read two ways ("1.5" or "2,400.5" in Indonesian, "1,5" in English, a
 * thousands separator not followed by three digits, two decimal separators); too large for a number.
 */
export const numberRefusals = ["empty", "notANumber", "numberSeparators", "numberOutOfRange"] as const;
export type NumberRefusal = (typeof numberRefusals)[number];

export type ParsedNumber = { ok: true; value: number } | { ok: false; refusal: NumberRefusal };

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface NumberGrammar {
  symbols: NumberSymbols;
  /** Every character a number may hold: digits, both separators of either convention, minus signs. */
  numberLike: RegExp;
  /** An integer part with its thousands separated: 1–3 digits, then groups of exactly three. */
  grouped: RegExp;
}

const grammars = new Map<Locale, NumberGrammar>();

function grammarOf(locale: Locale): NumberGrammar {
  let found = grammars.get(locale);
  if (!found) {
    const symbols = numberSymbols(locale);
    const known = escaped(`${symbols.group}${symbols.decimal}.,`);
    found = {
      symbols,
      numberLike: new RegExp(`^[0-9${known}\\s]*$`, "u"),
      grouped: new RegExp(`^\\d{1,3}(?:${escaped(symbols.group)}\\d{3})+$`, "u"),
    };
    grammars.set(locale, found);
  }
  return found;
}

/** A leading minus: the language's own, the ASCII hyphen-minus, or U+2212. */
function withoutSign(text: string, minus: string): { negative: boolean; rest: string } {
  for (const sign of [minus, "-", "\u2212"]) {
    if (sign !== "" && text.startsWith(sign)) return { negative: true, rest: text.slice(sign.length) };
  }
  return { negative: false, rest: text };
}

const refuse = (refusal: NumberRefusal): ParsedNumber => ({ ok: false, refusal });

/** The number a person typed, read as `locale` writes numbers; see the header for what is refused. */
export function parseNumber(text: string, locale: Locale): ParsedNumber {
  const { symbols, numberLike, grouped } = grammarOf(locale);
  const trimmed = text.trim();
  if (trimmed === "") return refuse("empty");
  const { negative, rest } = withoutSign(trimmed, symbols.minus);
  if (!/\d/.test(rest) || !numberLike.test(rest)) return refuse("notANumber");
  // A language that groups with a space (not Indonesian or English) may be typed with any space.
  const typed = /^\s$/u.test(symbols.group) ? rest.replace(/\s/gu, symbols.group) : rest;
  if (/\s/u.test(typed)) return refuse("numberSeparators");

  const parts = typed.split(symbols.decimal);
  if (parts.length > 2) return refuse("numberSeparators");
  const [integer = "", fraction] = parts;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return refuse("numberSeparators");
  let digits: string;
  if (integer === "" && fraction !== undefined) digits = "0";
  else if (/^\d+$/.test(integer)) digits = integer;
  else if (grouped.test(integer)) digits = integer.split(symbols.group).join("");
  else return refuse("numberSeparators");

  // JavaScript's own reading of the plain decimal rounds it to the nearest double, exactly once.
  const value = Number(`${negative ? "-" : ""}${digits}.${fraction ?? "0"}`);
  return Number.isFinite(value) ? { ok: true, value } : refuse("numberOutOfRange");
}

/**
 * The shortest decimal digits that read back as `value` (what String(value) writes), without an exponent:
 * the integer digits and the fraction digits ("" when whole). `value` is finite and not negative.
 */
export function plainDecimal(value: number): { integer: string; fraction: string } {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new Error(`plainDecimal: not a finite, non-negative number: ${value}`);
  const significant = `${match[1]}${match[2] ?? ""}`;
  const point = (match[1] ?? "").length + Number(match[3] ?? 0);
  const padded =
    point <= 0
      ? `${"0".repeat(1 - point)}${significant}`
      : significant.padEnd(Math.max(point, significant.length), "0");
  const at = Math.max(point, 1);
  const integer = padded.slice(0, at).replace(/^0+(?=\d)/, "");
  const fraction = padded.slice(at).replace(/0+$/, "");
  return { integer, fraction };
}

const integerFormats = new Map<Locale, Intl.NumberFormat>();

function integerFormat(locale: Locale): Intl.NumberFormat {
  let found = integerFormats.get(locale);
  if (!found) {
    found = new Intl.NumberFormat(localeTag(locale), { maximumFractionDigits: 0 });
    integerFormats.set(locale, found);
  }
  return found;
}

/**
 * A number as an input holds it in `locale`: with the thousands separated as Intl.NumberFormat does, and
 * every decimal it needs to read back as exactly `value` (parseNumber(formatNumber(x)) is x), where the
 * display formats round. Not finite: "".
 */
export function formatNumber(value: number, locale: Locale): string {
  if (!Number.isFinite(value)) return "";
  const { decimal, minus } = numberSymbols(locale);
  const { integer, fraction } = plainDecimal(Math.abs(value));
  // A BigInt keeps every digit of a large integer part; Intl groups it as it groups any number.
  const grouped = integerFormat(locale).format(BigInt(integer));
  const sign = value < 0 || Object.is(value, -0) ? minus : "";
  return `${sign}${grouped}${fraction === "" ? "" : `${decimal}${fraction}`}`;
}

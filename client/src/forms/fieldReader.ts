// Typed text as the values a request body holds, read before the shared schema checks the body: numbers as
// the UI's language writes them (i18n/numbers.ts). A text that is not a number in that language marks its
// field with why, as a field issue worded like any other, so it shows beside the field and not as "must
// be a number" from the schema.
import type { FieldIssue } from "@mufakat/shared";
import { type NumberRefusal, parseNumber } from "../i18n/numbers.ts";
import type { Locale } from "../i18n/translate.ts";

export interface FieldReader {
  /**
   * The number typed into the field at `path` (its dotted name in the form's values, which is its name in
   * the body), read as the UI's language writes numbers. Nothing typed is undefined, for the schema to
   * refuse as required or leave out; text that is no number in the language is NaN and marks the field.
   */
  number(path: string): number | undefined;
}

export interface FieldReading {
  read: FieldReader;
  /** The fields refused while reading, by path, each as the field issue it shows. */
  refusals: FieldIssue[];
  /** Every number read, by path: what the form holds, whichever language it was typed in. */
  numbers: Map<string, number>;
}

const refusalMessages: Record<Exclude<NumberRefusal, "empty">, string> = {
  notANumber: "not a number",
  numberSeparators: "thousands or decimal separators out of place for the language",
  numberOutOfRange: "too large",
};

function valueAt(values: unknown, path: string): unknown {
  let value = values;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A reader of `values` (a form's fields) in `locale`; each refusal and each number read is kept. */
export function readFields(values: unknown, locale: Locale): FieldReading {
  const refusals: FieldIssue[] = [];
  const numbers = new Map<string, number>();
  const read: FieldReader = {
    number(path) {
      const text = valueAt(values, path);
      if (typeof text === "number") return text;
      if (typeof text !== "string") return undefined;
      const parsed = parseNumber(text, locale);
      if (parsed.ok) {
        numbers.set(path, parsed.value);
        return parsed.value;
      }
      if (parsed.refusal === "empty") return undefined;
      refusals.push({ path, code: "custom", rule: parsed.refusal, message: refusalMessages[parsed.refusal] });
      return Number.NaN;
    },
  };
  return { read, refusals, numbers };
}

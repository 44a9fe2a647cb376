// CSV as RFC 4180 writes it (CRLF line ends, fields quoted when they hold a quote, comma, CR or LF, quotes
// doubled), with text cells neutralised against formula injection: a spreadsheet runs a cell that starts
// with = + - @ (or a tab or CR, which some strip first) as a formula, so such text gets a leading single
// quote. Numbers are written as numbers: -5 is a quantity, not a formula. Server exports and the client
// share this, so what a coordinator downloads is what the client would preview.

export type CsvValue = string | number | boolean | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

/** Text a spreadsheet would read as a formula, prefixed with a single quote; other text unchanged. */
export function neutraliseCsvText(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** One field: empty for null/undefined, numbers and booleans as written, text neutralised and quoted if needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`csvCell: not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = neutraliseCsvText(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole document: the header row, then one row per record; every line (the last too) ends with CRLF. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header, ...rows].map((row) => {
    if (row.length !== header.length) {
      throw new RangeError(`toCsv: a row has ${row.length} fields, the header ${header.length}`);
    }
    return row.map(csvCell).join(",");
  });
  return `${lines.join("\r\n")}\r\n`;
}

import { describe, expect, it } from "vitest";
import { csvCell, neutraliseCsvText, toCsv } from "./csv.ts";

describe("neutraliseCsvText", () => {
  it("prefixes a single quote to text a spreadsheet would run as a formula", () => {
    expect(neutraliseCsvText('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(neutraliseCsvText("+62 811")).toBe("'+62 811");
    expect(neutraliseCsvText("-1")).toBe("'-1");
    expect(neutraliseCsvText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseCsvText("\t=1")).toBe("'\t=1");
    expect(neutraliseCsvText("\r=1")).toBe("'\r=1");
  });

  it("leaves other text alone, formula characters inside included", () => {
    for (const text of ["Air bersih", "a=b", "", " =1", "'quoted", "100%"]) expect(neutraliseCsvText(text)).toBe(text);
  });
});

describe("csvCell", () => {
  it("quotes fields holding a quote, comma, CR or LF and doubles the quotes", () => {
    expect(csvCell('Jadwal "pagi"')).toBe('"Jadwal ""pagi"""');
    expect(csvCell("Senin, Kamis")).toBe('"Senin, Kamis"');
    expect(csvCell("baris\nkedua")).toBe('"baris\nkedua"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
    expect(csvCell("plain")).toBe("plain");
  });

  it("neutralises before quoting, so a quoted formula still starts with the quote mark", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("=1+1")).toBe("'=1+1");
  });

  it("writes numbers and booleans as they are and null as an empty field", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(1500000.25)).toBe("1500000.25");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(() => csvCell(Number.NaN)).toThrow(RangeError);
  });
});

describe("toCsv", () => {
  it("ends every line with CRLF, the header first", () => {
    expect(
      toCsv(
        ["seq", "title"],
        [
          [1, "Air"],
          [2, "-x, y"],
        ],
      ),
    ).toBe('seq,title\r\n1,Air\r\n2,"\'-x, y"\r\n');
    expect(toCsv(["a"], [])).toBe("a\r\n");
  });

  it("refuses a row whose width differs from the header's", () => {
    expect(() => toCsv(["a", "b"], [["only one"]])).toThrow(RangeError);
  });
});

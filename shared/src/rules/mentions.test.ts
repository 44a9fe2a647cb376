// findMentions: which members a text names, by display name or id, at word boundaries only.
import { describe, expect, it } from "vitest";
import { findMentions } from "./mentions.ts";

const budi = { id: "64f000000000000000000001", displayName: "Budi" };
const budiSantoso = { id: "64f000000000000000000002", displayName: "Budi Santoso" };
const citra = { id: "64f000000000000000000003", displayName: "Citra" };
const otherCitra = { id: "64f000000000000000000004", displayName: "citra" };
const members = [budi, budiSantoso, citra];

describe("findMentions", () => {
  it("finds names case-insensitively, in order of first mention, each once", () => {
    expect(findMentions("@citra dan @BUDI, lalu @Citra lagi", members)).toEqual([citra.id, budi.id]);
  });

  it("prefers the longest name, and needs a word boundary after it", () => {
    expect(findMentions("@Budi Santoso setuju", members)).toEqual([budiSantoso.id]);
    expect(findMentions("@Budiman dan @Budi.", members)).toEqual([budi.id]);
    expect(findMentions("@Budi Santosowati", members)).toEqual([budi.id]);
  });

  it("ignores an @ inside a word, such as an email address", () => {
    expect(findMentions("surel budi@budi.id atau x@Citra", members)).toEqual([]);
  });

  it("finds members by id, and only members", () => {
    expect(findMentions(`@${citra.id} dan @64f0000000000000000000ff`, members)).toEqual([citra.id]);
  });

  it("mentions every member who shares the matched name", () => {
    expect(findMentions("@Citra", [citra, otherCitra])).toEqual([citra.id, otherCitra.id]);
  });

  it("finds nothing without an @ or without members", () => {
    expect(findMentions("Budi Santoso", members)).toEqual([]);
    expect(findMentions("@Budi", [])).toEqual([]);
  });
});

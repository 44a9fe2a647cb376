// The @mention suggestions of a text box: the query the caret is in, the members it matches, the text after
// a choice (which the shared findMentions resolves to that member).
import { findMentions } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { activeMentionQuery, insertMention, matchMembers } from "./mentionQuery.ts";

const budi = { id: "64f000000000000000000001", displayName: "Budi Santoso" };
const citra = { id: "64f000000000000000000002", displayName: "Citra Lestari" };
const siti = { id: "64f000000000000000000003", displayName: "Siti Budiarti" };
const ayu = { id: "64f000000000000000000004", displayName: "Ayu Ésa" };
const members = [siti, citra, budi, ayu];

describe("activeMentionQuery", () => {
  it("finds the @query the caret ends, at the start of a word", () => {
    expect(activeMentionQuery("Mohon @Bu", 9)).toEqual({ from: 6, query: "Bu" });
    expect(activeMentionQuery("@", 1)).toEqual({ from: 0, query: "" });
    expect(activeMentionQuery("Mohon @Budi Sa setuju", 14)).toEqual({ from: 6, query: "Budi Sa" });
  });

  it("ignores e-mail addresses, other lines, a space after @ and far-back @", () => {
    expect(activeMentionQuery("budi@tamalate", 13)).toBeNull();
    expect(activeMentionQuery("@Budi\nlalu", 10)).toBeNull();
    expect(activeMentionQuery("@ Budi", 6)).toBeNull();
    expect(activeMentionQuery(`@${"a".repeat(41)}`, 42)).toBeNull();
    expect(activeMentionQuery("tanpa sebutan", 5)).toBeNull();
  });
});

describe("matchMembers", () => {
  it("ranks whole-name prefixes before later words, alphabetically within each", () => {
    expect(matchMembers("bu", members)).toEqual([budi, siti]);
    expect(matchMembers("BUDI S", members)).toEqual([budi]);
    expect(matchMembers("lest", members)).toEqual([citra]);
  });

  it("ignores accents and offers everyone for an empty query, up to the maximum", () => {
    expect(matchMembers("esa", members)).toEqual([ayu]);
    expect(matchMembers("", members)).toEqual([ayu, budi, citra, siti]);
    expect(matchMembers("", members, 2)).toEqual([ayu, budi]);
    expect(matchMembers("zz", members)).toEqual([]);
  });
});

describe("insertMention", () => {
  it("replaces the query with the name and a space, which the server resolves to the member", () => {
    const text = "Mohon @bu pastikan";
    const chosen = insertMention(text, { from: 6, query: "bu" }, 9, budi);
    expect(chosen).toEqual({ text: "Mohon @Budi Santoso pastikan", caret: 20 });
    expect(findMentions(chosen.text, members)).toEqual([budi.id]);
    expect(insertMention("@ci", { from: 0, query: "ci" }, 3, citra)).toEqual({ text: "@Citra Lestari ", caret: 15 });
  });
});

// Both dictionaries translate every domain term, error code and field issue, as well-formed ICU messages
// with the same arguments; plurals, numbers and field issues read as each language writes them.
import {
  type FieldIssue,
  collaborationStages,
  errorCodes,
  fieldIssueRules,
  fieldIssuesFromZod,
  memberRoles,
  registerInputSchema,
  roomVisibilities,
  sectors,
  voteInputSchema,
  zodIssueCodes,
} from "@mufakat/shared";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { messagesEn } from "./messages.en.ts";
import { type MessageKey, messagesId } from "./messages.id.ts";
import {
  describeFieldIssue,
  describeZodIssue,
  errorCodeMessage,
  formatters,
  translator,
  zodErrorMap,
} from "./translate.ts";

type Element = ReturnType<IntlMessageFormat["getAst"]>[number];

/** The argument names of a message, nested plural branches included. */
function argumentsOf(elements: Element[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    // Type 0 is literal text; every other element with a string value names an argument.
    if ("value" in element && typeof element.value === "string" && element.type !== 0) {
      found.add(element.value);
    }
    if ("options" in element) {
      for (const option of Object.values(element.options) as { value: Element[] }[]) argumentsOf(option.value, found);
    }
  }
  return found;
}

const en = translator("en");
const id = translator("id");

describe("dictionaries", () => {
  it("have the same keys, no empty text, and the same ICU arguments per key", () => {
    expect(Object.keys(messagesEn).sort()).toEqual(Object.keys(messagesId).sort());
    for (const [key, text] of Object.entries(messagesId)) {
      const english = messagesEn[key as MessageKey];
      expect(text.trim(), key).not.toBe("");
      expect(english.trim(), key).not.toBe("");
      const idArgs = argumentsOf(new IntlMessageFormat(text, "id-ID").getAst());
      const enArgs = argumentsOf(new IntlMessageFormat(english, "en-GB").getAst());
      expect([...enArgs].sort(), key).toEqual([...idArgs].sort());
    }
  });

  it("translate every error code of the shared contract", () => {
    for (const code of errorCodes) {
      const hint = `add "error.${code}" to client/src/i18n/messages.id.ts and messages.en.ts`;
      expect(messagesId, hint).toHaveProperty([`error.${code}`]);
      expect(messagesEn, hint).toHaveProperty([`error.${code}`]);
    }
  });

  it("word every refinement rule of the shared schemas", () => {
    for (const rule of fieldIssueRules) {
      const hint = `add "fieldIssue.rule.${rule}" to both dictionaries`;
      expect(messagesId, hint).toHaveProperty([`fieldIssue.rule.${rule}`]);
      expect(messagesEn, hint).toHaveProperty([`fieldIssue.rule.${rule}`]);
    }
  });

  it("put no number in a plain argument, where FormatJS would write it without the language's separators", () => {
    // A plain {arg} prints String(value): "2400000", never "2.400.000". Every plain argument is text (a
    // name, a value already formatted, a hash) or a record's number (#12, an identifier): a number to read
    // goes through {arg, number} or a plural's #.
    const textArguments = new Set([
      ...["keys", "role", "titles", "reason", "date", "consensus", "hash", "time", "name", "title", "position"],
      ...["outcome", "share", "sectors", "kind", "unit", "from", "to", "index", "sector", "code", "seq", "requester"],
      // A field's label and what is wrong with it, both already worded.
      ...["field", "issue", "label"],
      // The participation warning's pieces, each already worded (lists, clauses, a formatted figure).
      ...["kinds", "clauses", "expected"],
      // A chat message's text, announced as it was written.
      "body",
      // A poll's leading options, their labels already joined; a mean score already formatted.
      ...["labels", "mean"],
      // An opinion statement's text, and a share already formatted as a percentage.
      ...["text"],
    ]);
    function plainArguments(elements: Element[], found: Set<string>): Set<string> {
      for (const element of elements) {
        // Type 1 is a plain {argument}.
        if (element.type === 1) found.add(element.value);
        if ("options" in element) {
          for (const option of Object.values(element.options) as { value: Element[] }[]) {
            plainArguments(option.value, found);
          }
        }
      }
      return found;
    }
    // Every offending key at once, so one run names them all.
    const numberLike: Record<string, string[]> = {};
    for (const [key, text] of Object.entries(messagesId)) {
      const plain = plainArguments(new IntlMessageFormat(text, "id-ID").getAst(), new Set());
      const unknown = [...plain].filter((name) => !textArguments.has(name));
      if (unknown.length > 0) numberLike[key] = unknown;
    }
    expect(numberLike).toEqual({});
    expect(id("rule.thresholdSummary", { n: 999_999, d: 1_000_000 })).toBe("ambang 999.999/1.000.000");
    expect(en("rule.thresholdSummary", { n: 999_999, d: 1_000_000 })).toBe("threshold 999,999/1,000,000");
  });

  it("use the glossary's Indonesian terms for sectors, roles and stages", () => {
    expect(sectors.map((sector) => id(`sector.${sector}`))).toEqual([
      "Pemerintah",
      "Swasta",
      "Masyarakat",
      "Akademisi",
      "Media",
    ]);
    expect(memberRoles.map((role) => id(`role.${role}`))).toEqual(["Koordinator", "Peserta", "Pengamat"]);
    expect(collaborationStages.map((stage) => id(`stage.${stage}`))).toEqual([
      "Eksplorasi",
      "Pembentukan",
      "Pertumbuhan",
      "Kematangan",
      "Berakhir",
    ]);
    expect(roomVisibilities.map((visibility) => id(`visibility.${visibility}`))).toHaveLength(2);
  });
});

describe("translator", () => {
  it("chooses the English plural by count: 0, 1 and 2", () => {
    expect([0, 1, 2].map((n) => en("rooms.memberCount", { n }))).toEqual(["0 members", "1 member", "2 members"]);
    expect([0, 1, 2].map((n) => en("connection.saving", { n }))).toEqual([
      "Saving 0 edits…",
      "Saving 1 edit…",
      "Saving 2 edits…",
    ]);
    expect(en("decisions.valid", { n: 1 })).toBe("Chain intact ✓ (1 record checked)");
    expect(en("review.summaryCounts", { voters: 1, commitments: 0, pledges: 2 })).toBe(
      "1 voter, 0 commitments, 2 resource pledges",
    );
  });

  it("writes Indonesian counts without plural inflection, with Indonesian digit grouping", () => {
    expect([1, 2].map((n) => id("rooms.memberCount", { n }))).toEqual(["1 anggota", "2 anggota"]);
    expect(id("rooms.memberCount", { n: 12500 })).toBe("12.500 anggota");
    expect(en("rooms.memberCount", { n: 12500 })).toBe("12,500 members");
    expect(id("decisions.valid", { n: 2 })).toBe("Rantai catatan utuh ✓ (2 catatan diperiksa)");
  });

  it("shows a message's source instead of failing when a value is missing", () => {
    expect(id("rooms.myRole", {})).toBe("Peran Anda: {role}");
  });

  it("names an error code it has no words for instead of failing", () => {
    expect(errorCodeMessage("INVITE_EXPIRED", en)).toBe("This invite link has expired.");
    expect(errorCodeMessage("SOMETHING_NEW", en)).toBe("Something went wrong (SOMETHING_NEW).");
  });
});

describe("formatters", () => {
  it("write numbers as each language does: Indonesian '.' thousands and ',' decimals", () => {
    expect(formatters("id").number(2_400_000_000)).toBe("2.400.000.000");
    expect(formatters("en").number(2_400_000_000)).toBe("2,400,000,000");
    expect(formatters("id").quantity(750_000.5)).toBe("750.000,5");
    expect(formatters("id").quantity(1.005)).toBe("1,01");
    expect(formatters("id").twoDecimals(1.05)).toBe("1,05");
    expect(formatters("en").twoDecimals(1)).toBe("1.00");
    expect(formatters("id").compact(2_400_000_000)).toBe("2,4\u00a0M");
    expect(formatters("en").compact(2_400_000_000)).toBe("2.4bn");
  });

  it("write percentages and dates in the language", () => {
    expect(formatters("id").percent(2 / 3)).toBe("67%");
    expect(formatters("en").percent(null)).toBe("–");
    const instant = new Date(2026, 11, 2, 14, 5);
    expect(formatters("id").dateTime(instant)).toMatch(/^2 Des 2026.*14\.05$/);
    expect(formatters("en").dateTime(instant)).toMatch(/^2 Dec 2026.*14:05$/);
    expect(formatters("id").dayMonth(instant.toISOString())).toBe("2 Des");
    expect(formatters("id").day(new Date(2031, 2, 5))).toBe("Rabu, 05 Maret 2031");
    expect(formatters("en").day(new Date(2031, 2, 5))).toBe("Wednesday, 5 March 2031");
  });
});

/** One issue of every zod code the shared schemas produce, as the server sends it. */
const sampleIssues: Record<(typeof zodIssueCodes)[number], FieldIssue> = {
  invalid_type: { path: "email", message: "", code: "invalid_type", expected: "string", received: "undefined" },
  too_small: { path: "password", message: "", code: "too_small", origin: "string", minimum: 10, inclusive: true },
  too_big: { path: "title", message: "", code: "too_big", origin: "string", maximum: 140, inclusive: true },
  invalid_format: { path: "email", message: "", code: "invalid_format", format: "email" },
  not_multiple_of: { path: "quantity", message: "", code: "not_multiple_of", divisor: 5 },
  unrecognized_keys: { path: "(body)", message: "", code: "unrecognized_keys", keys: ["role", "admin"] },
  invalid_union: { path: "decisionRule.consensus", message: "", code: "invalid_union" },
  invalid_key: { path: "meta", message: "", code: "invalid_key", origin: "record" },
  invalid_element: { path: "tags", message: "", code: "invalid_element", origin: "set" },
  invalid_value: { path: "sector", message: "", code: "invalid_value", values: ["government", "private"] },
  custom: { path: "reason", message: "", code: "custom", rule: "reasonRequired" },
};

describe("describeFieldIssue", () => {
  it("words every zod issue code in both languages, from the code and not the English message", () => {
    for (const code of zodIssueCodes) {
      const issue = { ...sampleIssues[code], message: "English text the client must not read" };
      for (const t of [id, en]) {
        const words = describeFieldIssue(issue, t);
        expect(words, code).not.toMatch(/[{}]|English text/);
        expect(words.trim(), code).not.toBe("");
      }
    }
    expect(zodIssueCodes.map((code) => describeFieldIssue(sampleIssues[code], en))).toEqual([
      "Required",
      "At most 140 characters",
      "At least 10 characters",
      "Must be an email address",
      "Must be a multiple of 5",
      "Unknown fields: role, admin",
      "Invalid value",
      "Invalid value",
      "Invalid value",
      "Choose one of the available options",
      "Write a reason for this position.",
    ]);
  });

  it.each<[Omit<FieldIssue, "path" | "message">, string, string]>([
    [{ code: "too_small", origin: "string", minimum: 1, inclusive: true }, "Wajib diisi", "Required"],
    [
      { code: "too_small", origin: "string", minimum: 2, inclusive: true },
      "Minimal 2 karakter",
      "At least 2 characters",
    ],
    [{ code: "too_big", origin: "string", maximum: 1, inclusive: true }, "Maksimal 1 karakter", "At most 1 character"],
    [
      { code: "too_small", origin: "string", minimum: 6, exact: true },
      "Harus tepat 6 karakter",
      "Exactly 6 characters",
    ],
    [{ code: "too_small", origin: "array", minimum: 1 }, "Pilih minimal 1 butir", "Choose at least 1 item"],
    [{ code: "too_big", origin: "array", maximum: 0 }, "Pilih maksimal 0 butir", "Choose at most 0 items"],
    [
      { code: "too_small", origin: "number", minimum: 0, inclusive: false },
      "Harus lebih dari 0",
      "Must be more than 0",
    ],
    [{ code: "too_small", origin: "int", minimum: 1, inclusive: true }, "Minimal 1", "At least 1"],
    [
      { code: "too_big", origin: "number", maximum: 2_400_000_000, inclusive: true },
      "Maksimal 2.400.000.000",
      "At most 2,400,000,000",
    ],
    [
      { code: "too_big", origin: "number", maximum: 100, inclusive: false },
      "Harus kurang dari 100",
      "Must be less than 100",
    ],
    [{ code: "invalid_format", format: "datetime" }, "Harus berupa tanggal dan waktu", "Must be a date and time"],
    [{ code: "invalid_format", format: "regex" }, "Formatnya tidak sesuai", "Not in the expected format"],
    [{ code: "invalid_type", expected: "number", received: "string" }, "Harus berupa angka", "Must be a number"],
    [
      { code: "invalid_type", expected: "int", received: "number" },
      "Harus bilangan bulat, tanpa desimal",
      "Must be a whole number, without decimals",
    ],
    [{ code: "invalid_type", expected: "int", received: "NaN" }, "Harus berupa angka", "Must be a number"],
    [{ code: "invalid_type", expected: "string" }, "Isian tidak valid", "Invalid value"],
    [{ code: "unrecognized_keys", keys: ["role"] }, "Isian tidak dikenal: role", "Unknown field: role"],
    [
      { code: "custom", rule: "ownerRequired" },
      "Sebutkan penanggung jawab: anggota, organisasi, atau keduanya",
      "Name an owner: a member, an organisation or both",
    ],
    [{ code: "custom", rule: "aRuleFromANewerServer" }, "Isian tidak valid", "Invalid value"],
    [{ code: "custom" }, "Isian tidak valid", "Invalid value"],
    [{ code: "a_code_from_a_newer_zod" }, "Isian tidak valid", "Invalid value"],
    [{}, "Isian tidak valid", "Invalid value"],
  ])("words %j as %j / %j", (params, indonesian, english) => {
    const issue: FieldIssue = { path: "field", message: "at least 10 characters", ...params };
    expect(describeFieldIssue(issue, id)).toBe(indonesian);
    expect(describeFieldIssue(issue, en)).toBe(english);
  });

  it("says how long a text too long is, in the language's number format, while it is still over", () => {
    const issue: FieldIssue = { path: "body", message: "", code: "too_big", origin: "string", maximum: 4000 };
    expect(describeFieldIssue(issue, id, { length: 5120 })).toBe("Maksimal 4.000 karakter — 5.120 diketik");
    expect(describeFieldIssue(issue, en, { length: 5120 })).toBe("At most 4,000 characters — 5,120 typed");
    // Back under the limit (a server issue not yet cleared), the count would contradict the issue: left out.
    expect(describeFieldIssue(issue, en, { length: 3999 })).toBe("At most 4,000 characters");
    expect(describeFieldIssue({ ...issue, origin: "number" }, en, { length: 5120 })).toBe("At most 4,000");
  });

  it("words a date bound with the language's date format", () => {
    const minimum = new Date(2026, 0, 31, 9, 30).getTime();
    const issue: FieldIssue = { path: "dueDate", message: "", code: "too_small", origin: "date", minimum };
    expect(describeFieldIssue(issue, id)).toMatch(/^Paling awal 31 Jan 2026.*09\.30$/);
  });

  it("words what the shared schemas really refuse, as the server sends it", () => {
    const value = { email: "nope", displayName: "", password: "short", sector: "aliens" };
    const parsed = registerInputSchema.safeParse(value);
    if (parsed.success) throw new Error("expected a refusal");
    const words = fieldIssuesFromZod(parsed.error.issues, { value }).map((issue) => [
      issue.path,
      describeFieldIssue(issue, id),
    ]);
    expect(words).toEqual([
      ["email", "Harus berupa alamat email"],
      ["displayName", "Wajib diisi"],
      ["password", "Minimal 10 karakter"],
      ["sector", "Pilih salah satu pilihan yang tersedia"],
      ["organisation", "Wajib diisi"],
    ]);
  });
});

describe("describeZodIssue", () => {
  it("words a finished zod issue from a form's own validation", () => {
    const parsed = voteInputSchema.safeParse({ position: "object" });
    if (parsed.success) throw new Error("expected a refusal");
    expect(parsed.error.issues.map((issue) => describeZodIssue(issue, id))).toEqual([
      "Tuliskan alasan untuk posisi ini.",
    ]);
  });

  it("as a parse's error map, tells a missing field (required) from one of the wrong type", () => {
    const parsed = registerInputSchema.safeParse(
      { email: 5, password: "long enough password", sector: "media", organisation: "Tempo" },
      { error: zodErrorMap(en) },
    );
    if (parsed.success) throw new Error("expected a refusal");
    expect(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["email", "Invalid value"],
      ["displayName", "Required"],
    ]);
  });
});

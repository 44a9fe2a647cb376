// The adapter from react-hook-form's errors to the API's field issues: dotted paths for nested fields, the
// form's refusal as the 400 the server would answer, and the words of describeFieldIssue.
import { createPledgeInputSchema, fieldIssuesFromZod, registerInputSchema } from "@mufakat/shared";
import type { FieldError } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { describeFieldIssue, translator } from "../i18n/translate.ts";
import { ApiError } from "../api/ApiError.ts";
import { describeFieldError, fieldIssueOf, fieldIssuesOf, validationFailed, withoutIssuesOf } from "./fieldErrors.ts";
import { bodyResolver } from "./useApiForm.ts";

describe("fieldErrors", () => {
  it("names nested field errors by their dotted path in the request body", () => {
    const issues = fieldIssuesOf({
      what: { type: "too_small", message: "Too small: expected string to have >=1 characters" },
      decisionRule: { quorum: { minVoters: { type: "too_small", message: "Too small: expected number to be >=1" } } },
    });
    expect(issues).toEqual([
      { path: "what", message: "Too small: expected string to have >=1 characters", code: "too_small" },
      {
        path: "decisionRule.quorum.minVoters",
        message: "Too small: expected number to be >=1",
        code: "too_small",
      },
    ]);
  });

  it("reports a refused form as VALIDATION_FAILED with its issues, and nothing for a clean one", () => {
    const refused = validationFailed({ email: { type: "invalid_format", message: "Invalid email address" } });
    expect(refused?.status).toBe(400);
    expect(refused?.code).toBe("VALIDATION_FAILED");
    expect(refused?.issuesFor("email")).toEqual([
      { path: "email", message: "Invalid email address", code: "invalid_format" },
    ]);
    expect(validationFailed({})).toBeNull();
  });

  it("words a browser-side refusal exactly as the same issue from the server", () => {
    const t = translator("id");
    const error = { type: "invalid_format", message: "Invalid email address" };
    expect(describeFieldError("email", error, t)).toBe(describeFieldIssue(fieldIssueOf("email", error), t));
    expect(fieldIssueOf("note", { type: "custom" })).toEqual({ path: "note", message: "custom", code: "custom" });
  });
});

describe("a server refusal once fields changed", () => {
  const refused = new ApiError(400, "VALIDATION_FAILED", "body: too long; roomId: invalid", [
    { path: "body", message: "at most 4000 characters", code: "too_big" },
    { path: "decisionRule.quorum.minVoters", message: "at least 1", code: "too_small" },
  ]);

  it("drops the issues of the changed fields (and the fields nested in them), keeping the others", () => {
    expect(withoutIssuesOf(refused, new Set())).toBe(refused);
    const left = withoutIssuesOf(refused, new Set(["decisionRule"]));
    expect(left?.code).toBe("VALIDATION_FAILED");
    expect(left?.fieldIssues.map((issue) => issue.path)).toEqual(["body"]);
    expect(withoutIssuesOf(refused, new Set(["decision"]))?.fieldIssues).toHaveLength(2);
  });

  it("is no refusal once every field it named has changed", () => {
    expect(withoutIssuesOf(refused, new Set(["body", "decisionRule"]))).toBeNull();
  });

  it("keeps a refusal that is not about the fields until the next send", () => {
    const conflict = new ApiError(409, "CONFLICT", "changed meanwhile");
    expect(withoutIssuesOf(conflict, new Set(["body"]))).toBe(conflict);
    const limited = new ApiError(429, "RATE_LIMITED", "slow down", [{ path: "body", message: "x" }]);
    expect(withoutIssuesOf(limited, new Set(["body"]))?.fieldIssues).toEqual([]);
    expect(withoutIssuesOf(limited, new Set(["body"]))?.code).toBe("RATE_LIMITED");
  });
});

describe("the form resolver", () => {
  const resolve = bodyResolver<Record<string, string>, unknown>(registerInputSchema, (fields) => fields, "id");
  const options = { fields: {}, shouldUseNativeValidation: false } as const;

  it("gives each refused field the whole shared field issue, worded as the server's would be", async () => {
    const fields = { email: "bukan-email", displayName: "", password: "pendek", sector: "community", organisation: "" };
    const result = await resolve(fields, undefined, options);
    const issues = fieldIssuesOf(result.errors);
    const serverIssues = fieldIssuesFromZod(registerInputSchema.safeParse(fields).error?.issues ?? [], {
      value: fields,
    });
    const firstPerField = serverIssues.filter((issue, i) => serverIssues.findIndex((o) => o.path === issue.path) === i);
    expect(issues).toEqual(firstPerField);
    expect(issues.find((issue) => issue.path === "password")).toMatchObject({ code: "too_small", minimum: 10 });
    const t = translator("en");
    expect(describeFieldError("password", result.errors.password as FieldError, t)).toBe(
      describeFieldIssue(firstPerField.find((issue) => issue.path === "password")!, t),
    );
  });

  it("passes a valid body through as parsed by the schema", async () => {
    const fields = {
      email: "Warga@Example.org",
      displayName: " Ibu Rahma ",
      password: "kata-sandi-panjang",
      sector: "community",
      organisation: "RW 03",
    };
    const result = await resolve(fields, undefined, options);
    expect(result.errors).toEqual({});
    expect(result.values).toEqual(registerInputSchema.parse(fields));
  });

  describe("with numbers typed as text", () => {
    const pledge = (locale: "id" | "en") =>
      bodyResolver<Record<string, string>, unknown>(
        createPledgeInputSchema,
        (_fields, read) => ({ kind: "funds", unit: "IDR", quantity: read.number("quantity") }),
        locale,
      );

    it("reads the number in the UI's language before the schema checks it", async () => {
      expect((await pledge("id")({ quantity: "2.400.000.000" }, undefined, options)).values).toMatchObject({
        quantity: 2_400_000_000,
      });
      expect((await pledge("en")({ quantity: "2,400,000,000" }, undefined, options)).values).toMatchObject({
        quantity: 2_400_000_000,
      });
      expect((await pledge("id")({ quantity: "1.234,5" }, undefined, options)).values).toMatchObject({
        quantity: 1234.5,
      });
    });

    it("marks the field with the reader's refusal, not the schema's word on the NaN it became", async () => {
      const result = await pledge("id")({ quantity: "2,400.5" }, undefined, options);
      expect(fieldIssuesOf(result.errors)).toEqual([
        {
          path: "quantity",
          code: "custom",
          rule: "numberSeparators",
          message: "thousands or decimal separators out of place for the language",
        },
      ]);
      expect(describeFieldError("quantity", result.errors.quantity as FieldError, translator("id"))).toBe(
        "Tanda pemisahnya tidak jelas: titik memisahkan ribuan (2.400.000), koma menandai desimal (1.234,5)",
      );
      const empty = await pledge("en")({ quantity: " " }, undefined, options);
      expect(fieldIssuesOf(empty.errors)).toMatchObject([{ path: "quantity", code: "invalid_type" }]);
      expect(describeFieldError("quantity", empty.errors.quantity as FieldError, translator("en"))).toBe("Required");
    });
  });
});

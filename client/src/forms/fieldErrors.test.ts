// The adapter from react-hook-form's errors to the API's field issues: dotted paths for nested fields, the
// form's refusal as the 400 the server would answer, and the words of describeFieldIssue.
import { describe, expect, it } from "vitest";
import { describeFieldIssue, translator } from "../i18n/translate.ts";
import { describeFieldError, fieldIssueOf, fieldIssuesOf, validationFailed } from "./fieldErrors.ts";

describe("fieldErrors", () => {
  it("names nested field errors by their dotted path in the request body", () => {
    const issues = fieldIssuesOf({
      what: { type: "too_small", message: "Too small: expected string to have >=1 characters" },
      decisionRule: { quorum: { minVoters: { type: "too_small", message: "Too small: expected number to be >=1" } } },
    });
    expect(issues).toEqual([
      { path: "what", message: "Too small: expected string to have >=1 characters" },
      { path: "decisionRule.quorum.minVoters", message: "Too small: expected number to be >=1" },
    ]);
  });

  it("reports a refused form as VALIDATION_FAILED with its issues, and nothing for a clean one", () => {
    const refused = validationFailed({ email: { type: "invalid_format", message: "Invalid email address" } });
    expect(refused?.status).toBe(400);
    expect(refused?.code).toBe("VALIDATION_FAILED");
    expect(refused?.issuesFor("email")).toEqual([{ path: "email", message: "Invalid email address" }]);
    expect(validationFailed({})).toBeNull();
  });

  it("words a browser-side refusal exactly as the same issue from the server", () => {
    const t = translator("id");
    const error = { type: "invalid_format", message: "Invalid email address" };
    expect(describeFieldError("email", error, t)).toBe(describeFieldIssue(fieldIssueOf("email", error), t));
    expect(fieldIssueOf("note", { type: "custom" })).toEqual({ path: "note", message: "custom" });
  });
});

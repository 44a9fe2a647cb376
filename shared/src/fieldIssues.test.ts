// Field issues carry the zod code and the parameters a client needs to word them, for every failure the
// shared schemas can produce.
import { describe, expect, it } from "vitest";
import { fieldIssueFromZod, fieldIssueRules, fieldIssueSchema, fieldIssuesFromZod } from "./fieldIssues.ts";
import { binarySchema } from "./protocol/payloads.ts";
import { createCommitmentInputSchema, createPledgeInputSchema, periodQuerySchema } from "./schemas/accountability.ts";
import { updateRoomDecisionSettingsInputSchema } from "./schemas/decision.ts";
import { commentAnchorSchema } from "./schemas/discussion.ts";
import { thresholdSchema, voteInputSchema } from "./schemas/motion.ts";
import { createRoomInputSchema } from "./schemas/room.ts";
import { registerInputSchema, updateProfileInputSchema } from "./schemas/user.ts";

interface Parser {
  safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } };
}

function issuesOf(schema: Parser, value: unknown) {
  const parsed = schema.safeParse(value);
  if (parsed.success || !parsed.error) throw new Error("expected the schema to refuse the value");
  return fieldIssuesFromZod(parsed.error.issues as Parameters<typeof fieldIssuesFromZod>[0], { value });
}

describe("fieldIssueFromZod", () => {
  it("names each field of a refused registration with its code and parameters", () => {
    const issues = issuesOf(registerInputSchema, {
      email: "not-an-email",
      displayName: "",
      password: "short",
      sector: "aliens",
      extra: 1,
    });
    expect(issues).toEqual([
      { path: "email", message: "must be an email address", code: "invalid_format", format: "email" },
      { path: "displayName", message: "required", code: "too_small", origin: "string", minimum: 1, inclusive: true },
      {
        path: "password",
        message: "at least 10 characters",
        code: "too_small",
        origin: "string",
        minimum: 10,
        inclusive: true,
      },
      {
        path: "sector",
        message: expect.any(String),
        code: "invalid_value",
        values: ["government", "private", "community", "academia", "media"],
      },
      {
        path: "organisation",
        message: expect.any(String),
        code: "invalid_type",
        expected: "string",
        received: "undefined",
      },
      { path: "(body)", message: expect.any(String), code: "unrecognized_keys", keys: ["extra"] },
    ]);
    for (const issue of issues) expect(fieldIssueSchema.strict().parse(issue)).toEqual(issue);
  });

  it("tells a missing field from one of the wrong type only when it knows the input", () => {
    const parsed = registerInputSchema.safeParse({ email: 5 });
    if (parsed.success) throw new Error("expected a refusal");
    const [email] = parsed.error.issues;
    if (!email) throw new Error("expected an issue");
    expect(fieldIssueFromZod(email, { value: { email: 5 } })).toMatchObject({ expected: "string", received: "number" });
    expect(fieldIssueFromZod(email)).not.toHaveProperty("received");
  });

  it("keeps the upper bound, and whether it is inclusive", () => {
    const [title] = issuesOf(createRoomInputSchema, { title: "x".repeat(500), visibility: "open" });
    expect(title).toMatchObject({ path: "title", code: "too_big", origin: "string", inclusive: true });
    expect(typeof title?.maximum).toBe("number");
    const [quantity] = issuesOf(createPledgeInputSchema, { kind: "funds", quantity: 0, unit: "IDR" });
    expect(quantity).toMatchObject({ code: "too_small", origin: "number", minimum: 0, inclusive: false });
  });

  it("leaves an issue a command made by hand without a code", () => {
    expect(fieldIssueFromZod({ path: ["parentId"], message: "not a comment on this proposal" })).toEqual({
      path: "parentId",
      message: "not a comment on this proposal",
    });
  });

  it("names the rule of every refinement in the shared schemas, and lists each rule", () => {
    const found = [
      issuesOf(voteInputSchema, { position: "block" }),
      issuesOf(thresholdSchema, { numerator: 3, denominator: 2 }),
      issuesOf(createCommitmentInputSchema, {
        decisionSeq: 1,
        what: "x",
        ownerUserId: null,
        ownerOrganisation: null,
        dueDate: "2026-12-31T00:00:00Z",
      }),
      issuesOf(createPledgeInputSchema, { kind: "funds", quantity: 1.005, unit: "IDR" }),
      issuesOf(updateProfileInputSchema, {}),
      issuesOf(updateRoomDecisionSettingsInputSchema, {}),
      issuesOf(commentAnchorSchema, { from: 5, to: 1, quote: "q" }),
      issuesOf(binarySchema, "text"),
      issuesOf(periodQuerySchema, { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }),
      issuesOf(periodQuerySchema, { from: "2024-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }),
    ]
      .flat()
      .filter((issue) => issue.code === "custom")
      .map((issue) => issue.rule);
    expect(new Set(found)).toEqual(new Set(fieldIssueRules));
  });
});

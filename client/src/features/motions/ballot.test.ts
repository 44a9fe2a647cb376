// The vote form's rules: reasons where the gradient needs them, and a lost answer resent with the same id.
import { type Position, ballotReasonChars, fieldIssuesFromZod, positions, voteInputSchema } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/ApiError.ts";
import { ballotOfFields, sendVoteOnce, voteAttempt, voteInput } from "./ballot.ts";

// The form checks a ballot with the shared schema the server uses (useApiForm); these are its ballot rules.
describe("a ballot checked by the shared vote schema", () => {
  const problemOf = (position: Position, reason: string) => {
    // The form checks the ballot before a clientVoteId is added to it (when it is sent).
    const { clientVoteId: _sentWithTheVote, ...ballot } = voteInput(position, reason, "id-12345");
    const parsed = voteInputSchema.safeParse(ballot);
    if (parsed.success) return null;
    const issue = fieldIssuesFromZod(parsed.error.issues)[0];
    return issue?.code === "custom" ? issue.rule : issue?.code;
  };

  it.each([
    ["support", "", null],
    ["standAside", "", null],
    ["supportWithReservations", "", "reasonRequired"],
    ["object", "   ", "reasonRequired"],
    ["block", "", "reasonRequired"],
    ["block", "Melanggar perda air", null],
  ] as const)("%s with reason %j -> %s", (position, reason, problem) => {
    expect(problemOf(position, reason)).toBe(problem);
  });

  it("refuses a ballot on which no position was chosen, under position, as missing: none is assumed", () => {
    const unchosen = ballotOfFields(null, "");
    expect(unchosen).toEqual({ reason: "" });
    const parsed = voteInputSchema.safeParse(unchosen);
    expect(parsed.success).toBe(false);
    expect(fieldIssuesFromZod(parsed.error?.issues ?? [], { value: unchosen })).toEqual([
      { path: "position", message: expect.any(String), code: "invalid_value", values: [...positions] },
    ]);
    expect(ballotOfFields("standAside", "")).toEqual({ position: "standAside", reason: "" });
  });

  it("refuses a reason longer than the shared limit", () => {
    expect(problemOf("object", "x".repeat(ballotReasonChars + 1))).toBe("too_big");
  });
});

describe("voteInput and voteAttempt", () => {
  it("sends a trimmed reason only when one was written", () => {
    expect(voteInput("support", "  ", "id-12345")).toEqual({ position: "support", clientVoteId: "id-12345" });
    expect(voteInput("object", " Bentrok ", "id-12345")).toEqual({
      position: "object",
      reason: "Bentrok",
      clientVoteId: "id-12345",
    });
  });

  it("reuses the unanswered attempt's id when nothing changed, and makes a new one otherwise", () => {
    let n = 0;
    const makeId = () => `id-${++n}-abcdef`;
    const first = voteAttempt(null, "object", "Bentrok", makeId);
    expect(first.clientVoteId).toBe("id-1-abcdef");
    expect(voteAttempt(first, "object", " Bentrok ", makeId)).toBe(first);
    expect(voteAttempt(first, "block", "Bentrok", makeId).clientVoteId).toBe("id-2-abcdef");
    expect(voteAttempt(first, "object", "Lain", makeId).clientVoteId).toBe("id-3-abcdef");
  });
});

describe("sendVoteOnce", () => {
  const input = { position: "support" as const, clientVoteId: "same-id-123" };
  const noWait = async () => undefined;

  it("resends the same body after network errors until the server answers", async () => {
    const sent: unknown[] = [];
    let failures = 2;
    const result = await sendVoteOnce(
      async (body) => {
        sent.push(body);
        if (failures-- > 0) throw new ApiError(0, "NETWORK_ERROR", "offline");
        return "stored";
      },
      input,
      { wait: noWait },
    );
    expect(result).toBe("stored");
    expect(sent).toEqual([input, input, input]);
  });

  it("does not resend when the server answered with a refusal", async () => {
    let calls = 0;
    const refusal = new ApiError(409, "MOTION_CLOSED", "closed");
    await expect(
      sendVoteOnce(
        async () => {
          calls += 1;
          throw refusal;
        },
        input,
        { wait: noWait },
      ),
    ).rejects.toBe(refusal);
    expect(calls).toBe(1);
  });

  it("gives up after the allowed retries", async () => {
    let calls = 0;
    await expect(
      sendVoteOnce(
        async () => {
          calls += 1;
          throw new ApiError(0, "NETWORK_ERROR", "offline");
        },
        input,
        { retries: 2, wait: noWait },
      ),
    ).rejects.toMatchObject({ code: "NETWORK_ERROR" });
    expect(calls).toBe(3);
  });
});

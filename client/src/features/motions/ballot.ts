// Pure rules of the vote form: the ballot it checks (never with a position the voter did not choose), the
// body a ballot sends, and resending one vote with the same id. Which
// positions need a reason is the shared vote schema's rule, checked by the form (useApiForm).
import type { CastVoteInput, Position } from "@mufakat/shared";
import { ApiError } from "../../api/ApiError.ts";

/**
 * The ballot the form checks with the shared vote schema. No position is ever assumed: an unchosen one is
 * left out, so the schema refuses the ballot under `position` (missing) and nothing is sent.
 */
export function ballotOfFields(position: Position | null, reason: string): { position?: Position; reason: string } {
  return position === null ? { reason } : { position, reason };
}

/** The body of a vote: a reason only when one was written. */
export function voteInput(position: Position, reason: string, clientVoteId: string): CastVoteInput {
  const trimmed = reason.trim();
  return trimmed ? { position, reason: trimmed, clientVoteId } : { position, clientVoteId };
}

/**
 * The vote to send: the attempt whose answer was lost, again with its clientVoteId, when the position
 * and reason are unchanged (the server then counts it once); otherwise a new attempt with a new id.
 */
export function voteAttempt(
  unanswered: CastVoteInput | null,
  position: Position,
  reason: string,
  makeId: () => string,
): CastVoteInput {
  const next = voteInput(position, reason, "");
  if (unanswered && unanswered.position === next.position && unanswered.reason === next.reason) return unanswered;
  return { ...next, clientVoteId: makeId() };
}

/** True for a failure where the vote may or may not have been stored: no answer arrived. */
export function answerLost(error: unknown): boolean {
  return error instanceof ApiError && error.code === "NETWORK_ERROR";
}

/**
 * Sends one vote attempt. A network error (no answer: the vote may or may not be stored) is retried
 * with the SAME clientVoteId, so the server counts it at most once; any answer from the server ends it.
 */
export async function sendVoteOnce<T>(
  send: (input: CastVoteInput) => Promise<T>,
  input: CastVoteInput,
  options: { retries?: number; wait?: (attempt: number) => Promise<void> } = {},
): Promise<T> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send(input);
    } catch (error) {
      if (!answerLost(error) || attempt >= retries) throw error;
      await (options.wait ?? defaultWait)(attempt);
    }
  }
}

const defaultWait = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, 500 * 2 ** attempt));

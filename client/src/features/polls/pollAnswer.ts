// A poll's answer as the ballot form edits it (a text or choice per option, "" where nothing is given) and
// as the API takes it. Pure, so the conversions are tested without a browser.
import type { Poll, PollAnswer } from "@mufakat/shared";

export type TimeChoice = "" | "yes" | "ifNeedBe" | "no";

/** Per option id: a rank, score or dot count as typed or chosen, or a time answer; "" is nothing given. */
export type AnswerDraft = Record<string, string>;

/** The viewer's stored answer as a draft, or an empty one: nothing is ever chosen for a voter. */
export function draftOfAnswer(poll: Pick<Poll, "options" | "myAnswer">): AnswerDraft {
  const given: Record<string, number | string> =
    poll.myAnswer?.ranks ?? poll.myAnswer?.scores ?? poll.myAnswer?.dots ?? poll.myAnswer?.answers ?? {};
  return Object.fromEntries(poll.options.map(({ id }) => [id, given[id] === undefined ? "" : String(given[id])]));
}

/** A whole number typed in any script's digits is not asked for: the inputs are numeric. */
function wholeNumber(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * The draft as the API's answer for the poll's kind. Options with nothing given are left out (unranked,
 * unscored, no dots, unanswered); a number that is not whole stays NaN, which the shared check refuses
 * under that option's path.
 */
export function answerOfDraft(poll: Pick<Poll, "kind" | "options">, draft: AnswerDraft): PollAnswer {
  const given = poll.options.flatMap(({ id }) => (draft[id] ? [[id, draft[id]] as const] : []));
  switch (poll.kind) {
    case "ranked":
      return { ranks: Object.fromEntries(given.map(([id, value]) => [id, wholeNumber(value)])) };
    case "score":
      return { scores: Object.fromEntries(given.map(([id, value]) => [id, wholeNumber(value)])) };
    case "dot":
      return { dots: Object.fromEntries(given.map(([id, value]) => [id, wholeNumber(value)])) };
    case "time":
      return { answers: Object.fromEntries(given.map(([id, value]) => [id, value as Exclude<TimeChoice, "">])) };
  }
}

/** Dots placed in a dot poll's draft (what is not a whole number counts as none). */
export function dotsPlaced(draft: AnswerDraft): number {
  return Object.values(draft).reduce((sum, value) => {
    const dots = wholeNumber(value);
    return sum + (Number.isNaN(dots) ? 0 : dots);
  }, 0);
}

/** An option's label as shown: a time poll's slot is a date-time, written in the viewer's language. */
export function optionLabel(
  poll: Pick<Poll, "kind" | "options">,
  optionId: string,
  formatDate: (iso: string) => string,
): string {
  const label = poll.options.find((option) => option.id === optionId)?.label ?? optionId;
  return poll.kind === "time" ? formatDate(label) : label;
}

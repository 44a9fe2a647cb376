// The viewer's answer to an open poll, in the shape of its kind: a rank per option, a score per option,
// dots spread over the options (with what is left of the budget), or yes / if need be / no per slot.
// Checked in the browser by the poll's own shared rule before it is sent; acknowledged once stored.
import {
  type FieldIssue,
  type Poll,
  type PollAnswer,
  type PollBallotResult,
  type Sector,
  pollAnswerField,
  pollAnswerIssues,
  pollDefinitionOf,
} from "@mufakat/shared";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { apiErrorOf } from "../../api/queryClient.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";
import { describeFieldIssue } from "../../i18n/translate.ts";
import { type AnswerDraft, answerOfDraft, dotsPlaced, draftOfAnswer, optionLabel } from "./pollAnswer.ts";
import { castPollBallot } from "./pollEndpoints.ts";

interface PollBallotFormProps {
  poll: Poll;
  sector: Sector;
  /** The stored result, and the answer that was stored. */
  onAnswered(result: PollBallotResult, answer: PollAnswer): void;
}

export function PollBallotForm({ poll, sector, onAnswered }: PollBallotFormProps) {
  const t = useT();
  const formatDate = useFormatDate();
  const id = useId();
  const [draft, setDraft] = useState<AnswerDraft>(() => draftOfAnswer(poll));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [saved, setSaved] = useState(false);
  const send = useMutation({
    mutationFn: async (answer: PollAnswer) => ({
      answer,
      result: await castPollBallot(poll.id, { answer, clientVoteId: crypto.randomUUID() }),
    }),
    onSuccess: ({ answer, result }) => {
      setSaved(true);
      onAnswered(result, answer);
    },
  });
  const serverError = apiErrorOf(send.error);
  const field = pollAnswerField[poll.kind];
  const issuesOf = (optionId: string | null) => {
    const path = optionId ? `answer.${field}.${optionId}` : `answer.${field}`;
    return [...issues, ...(serverError?.fieldIssues ?? [])].filter((issue) =>
      optionId ? issue.path === path : issue.path === path || issue.path === "answer",
    );
  };
  const set = (optionId: string, value: string) => {
    setSaved(false);
    setIssues([]);
    setDraft((current) => ({ ...current, [optionId]: value }));
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const answer = answerOfDraft(poll, draft);
    const found = pollAnswerIssues(pollDefinitionOf(poll), { sector, answer });
    setIssues(found);
    if (found.length === 0) send.mutate(answer);
  };
  const placed = dotsPlaced(draft);
  const generalIssues = issuesOf(null);

  return (
    <form className="poll-ballot" data-testid="poll-ballot" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t(`poll.ballot.${poll.kind}`, { max: poll.maxScore ?? 0, dots: poll.dots ?? 0 })}</legend>
        {poll.kind === "dot" && (
          <p className="note" data-testid="poll-dots-left" aria-live="polite">
            {t("poll.ballot.dotsLeft", { left: Math.max(0, (poll.dots ?? 0) - placed), total: poll.dots ?? 0 })}
          </p>
        )}
        <div className="poll-ballot-options">
          {poll.options.map((option, index) => {
            const label = optionLabel(poll, option.id, formatDate);
            const optionIssues = issuesOf(option.id);
            const controlId = `${id}-${option.id}`;
            const errorId = `${controlId}-error`;
            const described = optionIssues.length > 0 ? errorId : undefined;
            return (
              <div key={option.id} className="poll-ballot-option" data-testid={`poll-option-${option.id}`}>
                {poll.kind === "time" ? (
                  <fieldset className="time-answer">
                    <legend>{label}</legend>
                    {(["yes", "ifNeedBe", "no"] as const).map((answer) => (
                      <label key={answer} className="radio">
                        <input
                          type="radio"
                          name={controlId}
                          value={answer}
                          checked={draft[option.id] === answer}
                          onChange={() => set(option.id, answer)}
                          data-testid={`poll-answer-${option.id}-${answer}`}
                        />
                        {t(`poll.time.${answer}`)}
                      </label>
                    ))}
                  </fieldset>
                ) : (
                  <>
                    <label htmlFor={controlId}>{label}</label>
                    {poll.kind === "ranked" ? (
                      <select
                        id={controlId}
                        value={draft[option.id] ?? ""}
                        aria-invalid={optionIssues.length > 0}
                        aria-describedby={described}
                        onChange={(event) => set(option.id, event.target.value)}
                        data-testid={`poll-rank-${option.id}`}
                      >
                        <option value="">{t("poll.ballot.unranked")}</option>
                        {poll.options.map((rankOption, rank) => (
                          <option key={rankOption.id} value={String(rank + 1)}>
                            {t("poll.ballot.rank", { n: rank + 1 })}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        id={controlId}
                        inputMode="numeric"
                        value={draft[option.id] ?? ""}
                        aria-invalid={optionIssues.length > 0}
                        aria-describedby={described}
                        placeholder={poll.kind === "score" ? `0–${poll.maxScore ?? 0}` : "0"}
                        onChange={(event) => set(option.id, event.target.value)}
                        data-testid={`poll-value-${option.id}`}
                        data-index={index}
                      />
                    )}
                  </>
                )}
                {optionIssues.length > 0 && (
                  <span id={errorId} className="field-error" data-testid={`poll-option-error-${option.id}`}>
                    {optionIssues.map((issue) => describeFieldIssue(issue, t)).join("; ")}
                  </span>
                )}
              </div>
            );
          })}
        </div>
        {generalIssues.length > 0 && (
          <p className="field-error" role="alert" data-testid="poll-ballot-issue">
            {generalIssues.map((issue) => describeFieldIssue(issue, t)).join("; ")}
          </p>
        )}
      </fieldset>
      {issues.length > 0 && (
        <p className="field-error" role="alert" data-testid="poll-ballot-invalid">
          {t("poll.ballot.invalid")}
        </p>
      )}
      <ErrorMessage error={serverError} testId="poll-ballot-error" />
      <p className="note" aria-live="polite" data-testid="poll-ballot-saved">
        {saved ? t("poll.ballot.saved") : ""}
      </p>
      <button type="submit" className="button-primary" disabled={send.isPending} data-testid="poll-ballot-submit">
        {send.isPending ? t("vote.sending") : poll.myAnswer ? t("poll.ballot.change") : t("poll.ballot.submit")}
      </button>
    </form>
  );
}

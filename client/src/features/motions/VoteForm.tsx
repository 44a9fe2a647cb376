// Takes or changes the viewer's position on the consensus gradient; a reason where the position needs one.
import { useMutation } from "@tanstack/react-query";
import {
  type CastVoteInput,
  type Motion,
  type Position,
  type VoteResult,
  ballotReasonChars,
  positions,
  positionRequiresReason,
} from "@mufakat/shared";
import { type FormEvent, useId, useRef, useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { type BallotProblem, answerLost, ballotProblem, sendVoteOnce, voteAttempt } from "./ballot.ts";
import { castVote } from "./motionEndpoints.ts";

interface VoteFormProps {
  motion: Motion;
  onVoted(result: VoteResult): void;
}

export function VoteForm({ motion, onVoted }: VoteFormProps) {
  const t = useT();
  const id = useId();
  const [position, setPosition] = useState<Position>(motion.myPosition ?? "support");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<BallotProblem>(null);
  const unanswered = useRef<CastVoteInput | null>(null);
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      const found = ballotProblem(position, reason);
      setProblem(found);
      if (found) return;
      // One id per attempt to vote; resending an attempt whose answer was lost reuses its id.
      const input = voteAttempt(unanswered.current, position, reason, () => crypto.randomUUID());
      try {
        const result = await sendVoteOnce((body) => castVote(motion.id, body), input);
        unanswered.current = null;
        onVoted(result);
      } catch (caught) {
        unanswered.current = answerLost(caught) ? input : null;
        throw caught;
      }
    },
  });
  const error = apiErrorOf(failure);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit();
  }

  return (
    <form className="vote-form" data-testid="vote-form" onSubmit={onSubmit} noValidate>
      <fieldset>
        <legend>{t("vote.title")}</legend>
        {motion.myPosition && (
          <p className="note" data-testid="vote-mine" data-position={motion.myPosition}>
            {t("vote.mine", { position: t(`position.${motion.myPosition}`) })}
          </p>
        )}
        <div className="position-options">
          {positions.map((option) => (
            <label key={option} className={`position-option position-${option}`}>
              <input
                type="radio"
                name={`${id}-position`}
                value={option}
                checked={position === option}
                data-testid={`vote-position-${option}`}
                onChange={() => setPosition(option)}
              />
              {t(`position.${option}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className={problem ? "field field-invalid" : "field"}>
        <label htmlFor={`${id}-reason`}>
          {t("vote.reason")}
          {positionRequiresReason(position) && " *"}
        </label>
        <textarea
          id={`${id}-reason`}
          value={reason}
          rows={3}
          maxLength={ballotReasonChars}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-reason-hint`}
          data-testid="vote-reason"
          onChange={(event) => setReason(event.target.value)}
        />
        <small id={`${id}-reason-hint`} className="field-hint">
          {t("vote.reasonHint")}
        </small>
        {problem && (
          <span className="field-error" role="alert" data-testid="vote-reason-error">
            {problem === "reasonRequired"
              ? t("vote.reasonRequired")
              : t("vote.reasonTooLong", { n: ballotReasonChars })}
          </span>
        )}
      </div>
      <ErrorMessage error={error} testId="vote-error" />
      <button type="submit" className="button-primary" disabled={submitting} data-testid="vote-submit">
        {submitting ? t("vote.sending") : motion.myPosition ? t("vote.change") : t("vote.submit")}
      </button>
    </form>
  );
}

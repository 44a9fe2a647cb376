// Takes or changes the viewer's position on the consensus gradient; a reason where the position needs one.
// The ballot is checked in the browser by the shared voteInputSchema (a reason for the positions that need
// one, within the limit); the clientVoteId is added when it is sent, so a resend whose answer was lost keeps
// its id (ballot.ts).
import {
  type CastVoteInput,
  type Motion,
  type Position,
  type VoteInput,
  type VoteResult,
  ballotReasonChars,
  positions,
  positionRequiresReason,
  voteInputSchema,
} from "@mufakat/shared";
import { useEffect, useId, useRef, useState } from "react";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { focusElement } from "../../components/focusOnArrival.ts";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { describeFieldIssue } from "../../i18n/translate.ts";
import { answerLost, ballotOfFields, sendVoteOnce, voteAttempt } from "./ballot.ts";
import { castVote } from "./motionEndpoints.ts";

interface VoteFormProps {
  motion: Motion;
  onVoted(result: VoteResult): void;
}

interface VoteFields {
  /** Null until the voter chooses: no position is ever chosen for them. */
  position: Position | null;
  reason: string;
}

export function VoteForm({ motion, onVoted }: VoteFormProps) {
  const t = useT();
  const unanswered = useRef<CastVoteInput | null>(null);
  // After a vote is stored, focus goes to the line that says what the stored position is (its result).
  // That line may render a moment after the answer (the cached motion notifies its readers on a later
  // tick), so the focus waits for it rather than firing once and missing it.
  const mine = useRef<HTMLParagraphElement>(null);
  const [votes, setVotes] = useState(0);
  const focusedVotes = useRef(0);
  const shownPosition = motion.myPosition;
  useEffect(() => {
    if (votes === focusedVotes.current || !shownPosition || !mine.current) return;
    focusedVotes.current = votes;
    focusElement(mine.current);
  }, [votes, shownPosition]);
  const { form, onSubmit, submitting, serverError } = useApiForm<VoteFields, VoteInput>({
    schema: voteInputSchema,
    // Nothing is preselected for a first vote, so a vote is never cast without a choice; a voter who has
    // voted sees their current position.
    defaultValues: { position: motion.myPosition ?? null, reason: "" },
    toInput: (fields) => ballotOfFields(fields.position, fields.reason),
    send: async (ballot) => {
      // One id per attempt to vote; resending an attempt whose answer was lost reuses its id.
      const input = voteAttempt(unanswered.current, ballot.position, ballot.reason ?? "", () => crypto.randomUUID());
      try {
        const result = await sendVoteOnce((body) => castVote(motion.id, body), input);
        unanswered.current = null;
        onVoted(result);
        setVotes((count) => count + 1);
      } catch (caught) {
        unanswered.current = answerLost(caught) ? input : null;
        throw caught;
      }
    },
  });
  const { register, formState, watch } = form;
  const position = watch("position");
  const positionErrorId = useId();
  const positionIssue = formState.errors.position
    ? t("vote.positionRequired")
    : (serverError?.issuesFor("position") ?? []).map((issue) => describeFieldIssue(issue, t)).join("; ");
  const reason = watch("reason");

  return (
    <form className="vote-form" data-testid="vote-form" onSubmit={onSubmit} noValidate>
      <fieldset
        className={positionIssue ? "field-invalid" : undefined}
        aria-describedby={positionIssue ? positionErrorId : undefined}
        data-testid="vote-positions"
        data-invalid={Boolean(positionIssue)}
      >
        <legend>{t("vote.title")}</legend>
        {motion.myPosition && (
          <p className="note" ref={mine} data-testid="vote-mine" data-position={motion.myPosition}>
            {t("vote.mine", { position: t(`position.${motion.myPosition}`) })}
          </p>
        )}
        <div className="position-options">
          {positions.map((option) => (
            <label key={option} className={`position-option position-${option}`}>
              <input
                type="radio"
                value={option}
                aria-invalid={Boolean(positionIssue)}
                data-testid={`vote-position-${option}`}
                {...register("position", { onChange: () => form.clearErrors("position") })}
              />
              {t(`position.${option}`)}
            </label>
          ))}
        </div>
        {positionIssue && (
          <span id={positionErrorId} className="field-error" role="alert" data-testid="vote-position-error">
            {positionIssue}
          </span>
        )}
      </fieldset>
      <FormField
        name="reason"
        label={position && positionRequiresReason(position) ? `${t("vote.reason")} *` : t("vote.reason")}
        hint={t("vote.reasonHint")}
        error={serverError}
        fieldError={formState.errors.reason}
        limit={{ max: ballotReasonChars, length: checkedLength(reason) }}
        testId="vote-reason"
        announce
      >
        {(control) => <textarea {...control} rows={3} data-testid="vote-reason" {...register("reason")} />}
      </FormField>
      {/* The server's refusal only: a ballot the browser refuses shows its issue under the reason, as before. */}
      <ErrorMessage error={serverError} testId="vote-error" />
      <button type="submit" className="button-primary" disabled={submitting} data-testid="vote-submit">
        {submitting ? t("vote.sending") : motion.myPosition ? t("vote.change") : t("vote.submit")}
      </button>
    </form>
  );
}

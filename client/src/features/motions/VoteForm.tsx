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
import { useRef } from "react";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { answerLost, sendVoteOnce, voteAttempt } from "./ballot.ts";
import { castVote } from "./motionEndpoints.ts";

interface VoteFormProps {
  motion: Motion;
  onVoted(result: VoteResult): void;
}

interface VoteFields {
  position: Position;
  reason: string;
}

export function VoteForm({ motion, onVoted }: VoteFormProps) {
  const t = useT();
  const unanswered = useRef<CastVoteInput | null>(null);
  const { form, onSubmit, submitting, serverError } = useApiForm<VoteFields, VoteInput>({
    schema: voteInputSchema,
    // Preselects support when the viewer has not voted yet (kept as it is; changing it is another issue's).
    defaultValues: { position: motion.myPosition ?? "support", reason: "" },
    toInput: (fields) => ({ position: fields.position, reason: fields.reason }),
    send: async (ballot) => {
      // One id per attempt to vote; resending an attempt whose answer was lost reuses its id.
      const input = voteAttempt(unanswered.current, ballot.position, ballot.reason ?? "", () => crypto.randomUUID());
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
  const { register, formState, watch } = form;
  const position = watch("position");

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
              <input type="radio" value={option} data-testid={`vote-position-${option}`} {...register("position")} />
              {t(`position.${option}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <FormField
        name="reason"
        label={positionRequiresReason(position) ? `${t("vote.reason")} *` : t("vote.reason")}
        hint={t("vote.reasonHint")}
        error={serverError}
        fieldError={formState.errors.reason}
        testId="vote-reason"
        announce
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={ballotReasonChars}
            data-testid="vote-reason"
            {...register("reason")}
          />
        )}
      </FormField>
      {/* The server's refusal only: a ballot the browser refuses shows its issue under the reason, as before. */}
      <ErrorMessage error={serverError} testId="vote-error" />
      <button type="submit" className="button-primary" disabled={submitting} data-testid="vote-submit">
        {submitting ? t("vote.sending") : motion.myPosition ? t("vote.change") : t("vote.submit")}
      </button>
    </form>
  );
}

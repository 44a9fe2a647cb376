// For whoever may change a commitment: its status and percent complete, and a dated progress note.
import {
  type AddCommitmentProgressInput,
  type Commitment,
  type CommitmentStatus,
  accountabilityLimits,
  addCommitmentProgressInputSchema,
  commitmentStatuses,
  type UpdateCommitmentInput,
  updateCommitmentInputSchema,
} from "@mufakat/shared";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { formatNumber } from "../../i18n/numbers.ts";
import { addCommitmentProgress, updateCommitment } from "./accountabilityEndpoints.ts";

interface ControlsProps {
  commitment: Commitment;
  onChanged(commitment: Commitment): void;
}

/** The fields as the inputs hold them: the percentage is the typed text, in the UI's language. */
interface StatusFields {
  status: CommitmentStatus;
  percentComplete: string;
}

/** An empty percentage leaves the commitment's as it is. */
interface ProgressFields {
  note: string;
  percentComplete: string;
}

export function CommitmentStatusForm({ commitment, onChanged }: ControlsProps) {
  const t = useT();
  const { locale } = useLocale();
  const { form, onSubmit, submitting, serverError, error } = useApiForm<StatusFields, UpdateCommitmentInput>({
    schema: updateCommitmentInputSchema,
    defaultValues: { status: commitment.status, percentComplete: formatNumber(commitment.percentComplete, locale) },
    toInput: (fields, read) => ({ status: fields.status, percentComplete: read.number("percentComplete") }),
    send: async (changes) => onChanged(await updateCommitment(commitment.id, changes)),
  });
  const { register } = form;
  return (
    <form className="inline-form" data-testid="commitment-update" onSubmit={onSubmit} noValidate>
      <label>
        {t("commitments.status")}{" "}
        <select data-testid="commitment-update-status" {...register("status")}>
          {commitmentStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`commitmentStatus.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <FormField
        name="percentComplete"
        label={t("commitments.percent")}
        error={serverError}
        fieldError={form.formState.errors.percentComplete}
        testId="commitment-update-percent"
      >
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            className="input-narrow"
            data-testid="commitment-update-percent"
            {...register("percentComplete")}
          />
        )}
      </FormField>
      <button type="submit" disabled={submitting} data-testid="commitment-update-submit">
        {t("commitments.save")}
      </button>
      <ErrorMessage error={error} testId="commitment-update-error" />
    </form>
  );
}

export function ProgressNoteForm({ commitment, onChanged }: ControlsProps) {
  const t = useT();
  const { form, onSubmit, submitting, serverError, error } = useApiForm<ProgressFields, AddCommitmentProgressInput>({
    schema: addCommitmentProgressInputSchema,
    defaultValues: { note: "", percentComplete: "" },
    // An empty percentage reads as undefined and is left out of the body.
    toInput: (fields, read) => ({ note: fields.note, percentComplete: read.number("percentComplete") }),
    send: async (input) => onChanged(await addCommitmentProgress(commitment.id, input)),
    onSent: (sent) => sent.reset(),
  });
  const { register } = form;
  const note = form.watch("note");
  return (
    <form className="progress-form" data-testid="progress-form" onSubmit={onSubmit} noValidate>
      <FormField
        name="note"
        label={t("commitments.progressNote")}
        limit={{ max: accountabilityLimits.progressNoteChars, length: checkedLength(note) }}
        error={serverError}
        fieldError={form.formState.errors.note}
        testId="progress-note"
      >
        {(control) => <textarea {...control} rows={2} data-testid="progress-note" {...register("note")} />}
      </FormField>
      <FormField
        name="percentComplete"
        label={t("commitments.percentOptional")}
        error={serverError}
        fieldError={form.formState.errors.percentComplete}
        testId="progress-percent"
      >
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            className="input-narrow"
            data-testid="progress-percent"
            {...register("percentComplete")}
          />
        )}
      </FormField>{" "}
      <button type="submit" disabled={submitting} data-testid="progress-submit">
        {t("commitments.addProgress")}
      </button>
      <ErrorMessage error={error} testId="progress-error" />
    </form>
  );
}

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
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { addCommitmentProgress, updateCommitment } from "./accountabilityEndpoints.ts";

interface ControlsProps {
  commitment: Commitment;
  onChanged(commitment: Commitment): void;
}

/** The fields as the inputs hold them: the percentage is the number input's text. */
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
  const { form, onSubmit, submitting, error } = useApiForm<StatusFields, UpdateCommitmentInput>({
    schema: updateCommitmentInputSchema,
    defaultValues: { status: commitment.status, percentComplete: String(commitment.percentComplete) },
    toInput: (fields) => ({ status: fields.status, percentComplete: Number(fields.percentComplete) }),
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
      <label>
        {t("commitments.percent")}{" "}
        <input
          type="number"
          min={0}
          max={100}
          step={1}
          className="input-narrow"
          data-testid="commitment-update-percent"
          {...register("percentComplete")}
        />
      </label>
      <button type="submit" disabled={submitting} data-testid="commitment-update-submit">
        {t("commitments.save")}
      </button>
      <ErrorMessage error={error} testId="commitment-update-error" />
    </form>
  );
}

export function ProgressNoteForm({ commitment, onChanged }: ControlsProps) {
  const t = useT();
  const { form, onSubmit, submitting, error } = useApiForm<ProgressFields, AddCommitmentProgressInput>({
    schema: addCommitmentProgressInputSchema,
    defaultValues: { note: "", percentComplete: "" },
    toInput: (fields) => ({
      note: fields.note,
      ...(fields.percentComplete === "" ? {} : { percentComplete: Number(fields.percentComplete) }),
    }),
    send: async (input) => onChanged(await addCommitmentProgress(commitment.id, input)),
    onSent: (sent) => sent.reset(),
  });
  const { register } = form;
  return (
    <form className="progress-form" data-testid="progress-form" onSubmit={onSubmit} noValidate>
      <label>
        {t("commitments.progressNote")}
        <textarea
          rows={2}
          maxLength={accountabilityLimits.progressNoteChars}
          data-testid="progress-note"
          {...register("note")}
        />
      </label>
      <label>
        {t("commitments.percentOptional")}{" "}
        <input
          type="number"
          min={0}
          max={100}
          step={1}
          className="input-narrow"
          data-testid="progress-percent"
          {...register("percentComplete")}
        />
      </label>{" "}
      <button type="submit" disabled={submitting} data-testid="progress-submit">
        {t("commitments.addProgress")}
      </button>
      <ErrorMessage error={error} testId="progress-error" />
    </form>
  );
}

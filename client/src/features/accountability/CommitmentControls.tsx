// For whoever may change a commitment: its status and percent complete, and a dated progress note.
import { useMutation } from "@tanstack/react-query";
import {
  type Commitment,
  type CommitmentStatus,
  accountabilityLimits,
  addCommitmentProgressInputSchema,
  commitmentStatuses,
  updateCommitmentInputSchema,
} from "@mufakat/shared";
import { type FormEvent, useState } from "react";
import { validateInput } from "../../api/validateInput.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { addCommitmentProgress, updateCommitment } from "./accountabilityEndpoints.ts";

interface ControlsProps {
  commitment: Commitment;
  onChanged(commitment: Commitment): void;
}

export function CommitmentStatusForm({ commitment, onChanged }: ControlsProps) {
  const t = useT();
  const [status, setStatus] = useState<CommitmentStatus>(commitment.status);
  const [percent, setPercent] = useState(String(commitment.percentComplete));
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      const changes = validateInput(updateCommitmentInputSchema, { status, percentComplete: Number(percent) });
      onChanged(await updateCommitment(commitment.id, changes));
    },
  });
  const error = apiErrorOf(failure);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit();
  }
  return (
    <form className="inline-form" data-testid="commitment-update" onSubmit={onSubmit} noValidate>
      <label>
        {t("commitments.status")}{" "}
        <select
          value={status}
          data-testid="commitment-update-status"
          onChange={(e) => setStatus(e.target.value as CommitmentStatus)}
        >
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
          value={percent}
          className="input-narrow"
          data-testid="commitment-update-percent"
          onChange={(e) => setPercent(e.target.value)}
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
  const [note, setNote] = useState("");
  const [percent, setPercent] = useState("");
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      const input = validateInput(addCommitmentProgressInputSchema, {
        note,
        ...(percent === "" ? {} : { percentComplete: Number(percent) }),
      });
      onChanged(await addCommitmentProgress(commitment.id, input));
      setNote("");
      setPercent("");
    },
  });
  const error = apiErrorOf(failure);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit();
  }
  return (
    <form className="progress-form" data-testid="progress-form" onSubmit={onSubmit} noValidate>
      <label>
        {t("commitments.progressNote")}
        <textarea
          rows={2}
          maxLength={accountabilityLimits.progressNoteChars}
          value={note}
          data-testid="progress-note"
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <label>
        {t("commitments.percentOptional")}{" "}
        <input
          type="number"
          min={0}
          max={100}
          step={1}
          value={percent}
          className="input-narrow"
          data-testid="progress-percent"
          onChange={(e) => setPercent(e.target.value)}
        />
      </label>{" "}
      <button type="submit" disabled={submitting} data-testid="progress-submit">
        {t("commitments.addProgress")}
      </button>
      <ErrorMessage error={error} testId="progress-error" />
    </form>
  );
}

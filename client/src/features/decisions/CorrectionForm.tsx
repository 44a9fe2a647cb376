// For coordinators: append a correction note that references a decision record (records never change).
import { useMutation } from "@tanstack/react-query";
import { type DecisionRecord, correctDecisionInputSchema, motionLimits } from "@mufakat/shared";
import { type FormEvent, useState } from "react";
import { validateInput } from "../../api/validateInput.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { correctDecision } from "./decisionEndpoints.ts";

interface CorrectionFormProps {
  roomId: string;
  seq: number;
  onCorrected(record: DecisionRecord): void;
}

export function CorrectionForm({ roomId, seq, onCorrected }: CorrectionFormProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      const input = validateInput(correctDecisionInputSchema, { note });
      onCorrected(await correctDecision(roomId, seq, input.note));
      setNote("");
      setOpen(false);
    },
  });
  const error = apiErrorOf(failure);

  if (!open) {
    return (
      <button type="button" className="button-quiet" data-testid="correction-open" onClick={() => setOpen(true)}>
        {t("decisions.addCorrection")}
      </button>
    );
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit();
  }

  return (
    <form className="correction-form" data-testid="correction-form" onSubmit={onSubmit} noValidate>
      <FormField name="note" label={t("decisions.correctionNote", { seq })} error={error} testId="correction-note">
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={motionLimits.correctionNoteChars}
            value={note}
            data-testid="correction-note"
            onChange={(event) => setNote(event.target.value)}
          />
        )}
      </FormField>
      <ErrorMessage error={error} testId="correction-error" />
      <button type="submit" className="button-primary" disabled={submitting} data-testid="correction-submit">
        {t("decisions.correctionSubmit")}
      </button>
    </form>
  );
}

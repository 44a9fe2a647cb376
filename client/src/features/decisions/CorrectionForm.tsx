// For coordinators: append a correction note that references a decision record (records never change).
import { type DecisionRecord, correctDecisionInputSchema, motionLimits } from "@mufakat/shared";
import { useState } from "react";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
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
  const { form, onSubmit, submitting, serverError, error } = useApiForm<{ note: string }, { note: string }>({
    schema: correctDecisionInputSchema,
    defaultValues: { note: "" },
    toInput: (fields) => fields,
    send: async (input) => onCorrected(await correctDecision(roomId, seq, input.note)),
    onSent: (sent) => {
      sent.reset();
      setOpen(false);
    },
  });
  const note = form.watch("note");

  if (!open) {
    return (
      <button type="button" className="button-quiet" data-testid="correction-open" onClick={() => setOpen(true)}>
        {t("decisions.addCorrection")}
      </button>
    );
  }

  return (
    <form className="correction-form" data-testid="correction-form" onSubmit={onSubmit} noValidate>
      <FormField
        name="note"
        label={t("decisions.correctionNote", { seq })}
        error={serverError}
        fieldError={form.formState.errors.note}
        limit={{ max: motionLimits.correctionNoteChars, length: checkedLength(note) }}
        testId="correction-note"
      >
        {(control) => <textarea {...control} rows={3} data-testid="correction-note" {...form.register("note")} />}
      </FormField>
      <ErrorMessage error={error} testId="correction-error" />
      <button type="submit" className="button-primary" disabled={submitting} data-testid="correction-submit">
        {t("decisions.correctionSubmit")}
      </button>
    </form>
  );
}

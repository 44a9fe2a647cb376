// Opens a motion on a proposal: how long it runs and, optionally, a rule for this motion only.
import { useMutation } from "@tanstack/react-query";
import { type DecisionRule, type Motion, motionLimits, openMotionInputSchema } from "@mufakat/shared";
import { type FormEvent, useState } from "react";
import { validateInput } from "../../api/validateInput.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { openMotion } from "./motionEndpoints.ts";
import { wholeNumber } from "./ruleDraft.ts";
import { RuleFields } from "./RuleFields.tsx";

interface OpenMotionFormProps {
  roomId: string;
  proposalId: string;
  roomRule: DecisionRule;
  onOpened(motion: Motion): void;
}

export function OpenMotionForm({ roomId, proposalId, roomRule, onOpened }: OpenMotionFormProps) {
  const t = useT();
  const [duration, setDuration] = useState(String(motionLimits.motionDefaultMinutes));
  const [customRule, setCustomRule] = useState(false);
  const [rule, setRule] = useState<DecisionRule>(roomRule);
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      const input = validateInput(openMotionInputSchema, {
        proposalId,
        durationMinutes: wholeNumber(duration),
        ...(customRule ? { rule } : {}),
      });
      onOpened(await openMotion(roomId, input));
    },
  });
  const error = apiErrorOf(failure);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit();
  }

  return (
    <form className="open-motion-form" data-testid="open-motion-form" onSubmit={onSubmit} noValidate>
      <h3>{t("motion.open.title")}</h3>
      <p className="note">{t("motion.open.hint")}</p>
      <FormField name="durationMinutes" label={t("motion.open.duration")} error={error} testId="motion-duration">
        {(control) => (
          <input
            {...control}
            type="number"
            min={1}
            max={motionLimits.motionMaxMinutes}
            value={duration}
            data-testid="motion-duration"
            onChange={(event) => setDuration(event.target.value)}
          />
        )}
      </FormField>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={customRule}
          data-testid="motion-custom-rule"
          onChange={(event) => setCustomRule(event.target.checked)}
        />
        {t("motion.open.customRule")}
      </label>
      {customRule && <RuleFields rule={rule} onChange={setRule} error={error} path="rule" />}
      <ErrorMessage error={error} testId="open-motion-error" />
      <button type="submit" className="button-primary" disabled={submitting} data-testid="open-motion-submit">
        {t("motion.open.submit")}
      </button>
    </form>
  );
}

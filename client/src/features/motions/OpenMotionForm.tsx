// Opens a motion on a proposal: how long it runs and, optionally, a rule for this motion only.
import {
  type DecisionRule,
  type Motion,
  type OpenMotionInput,
  motionLimits,
  openMotionInputSchema,
} from "@mufakat/shared";
import { Controller } from "react-hook-form";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { formatNumber } from "../../i18n/numbers.ts";
import { openMotion } from "./motionEndpoints.ts";
import { type RuleDraft, draftOfRule, ruleOfDraft } from "./ruleDraft.ts";
import { RuleFields } from "./RuleFields.tsx";

interface OpenMotionFormProps {
  roomId: string;
  proposalId: string;
  roomRule: DecisionRule;
  onOpened(motion: Motion): void;
}

/** The rule is sent only when the coordinator chose one for this motion; otherwise the room's applies. */
interface OpenMotionFields {
  durationMinutes: string;
  customRule: boolean;
  rule: RuleDraft;
}

export function OpenMotionForm({ roomId, proposalId, roomRule, onOpened }: OpenMotionFormProps) {
  const t = useT();
  const { locale } = useLocale();
  const format = (value: number) => formatNumber(value, locale);
  const { form, onSubmit, submitting, serverError, error } = useApiForm<OpenMotionFields, OpenMotionInput>({
    schema: openMotionInputSchema,
    defaultValues: {
      durationMinutes: format(motionLimits.motionDefaultMinutes),
      customRule: false,
      rule: draftOfRule(roomRule, format),
    },
    toInput: (fields, read) => ({
      proposalId,
      durationMinutes: read.number("durationMinutes"),
      ...(fields.customRule ? { rule: ruleOfDraft(fields.rule, "rule", read) } : {}),
    }),
    send: async (input) => onOpened(await openMotion(roomId, input)),
  });
  const customRule = form.watch("customRule");

  return (
    <form className="open-motion-form" data-testid="open-motion-form" onSubmit={onSubmit} noValidate>
      <h3>{t("motion.open.title")}</h3>
      <p className="note">{t("motion.open.hint")}</p>
      <FormField
        name="durationMinutes"
        label={t("motion.open.duration")}
        error={serverError}
        fieldError={form.formState.errors.durationMinutes}
        testId="motion-duration"
      >
        {(control) => (
          <input {...control} inputMode="decimal" data-testid="motion-duration" {...form.register("durationMinutes")} />
        )}
      </FormField>
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="motion-custom-rule"
          {...form.register("customRule", {
            // The rule's numbers are written afresh in the language on screen: while hidden, they are not
            // read, so a change of language would not have rewritten them.
            onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
              if (event.target.checked) form.setValue("rule", draftOfRule(roomRule, format));
            },
          })}
        />
        {t("motion.open.customRule")}
      </label>
      {customRule && (
        <Controller
          control={form.control}
          name="rule"
          render={({ field }) => <RuleFields rule={field.value} onChange={field.onChange} error={error} path="rule" />}
        />
      )}
      <ErrorMessage error={error} testId="open-motion-error" />
      <button type="submit" className="button-primary" disabled={submitting} data-testid="open-motion-submit">
        {t("motion.open.submit")}
      </button>
    </form>
  );
}

// For coordinators: the room's quiet line (a sector making fewer than this percentage of the acts its
// share of the members would give it is flagged). It replaced the old contribution floor. The number is
// read in the UI's language, as every number a person types.
import { updateAccountabilitySettingsInputSchema } from "@mufakat/shared";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { formatNumber } from "../../i18n/numbers.ts";
import { updateAccountabilitySettings } from "./accountabilityEndpoints.ts";

interface QuietSettingFormProps {
  roomId: string;
  quietPercent: number;
  onSaved(): void;
}

export function QuietSettingForm({ roomId, quietPercent, onSaved }: QuietSettingFormProps) {
  const t = useT();
  const { locale } = useLocale();
  const { form, onSubmit, submitting, serverError, error } = useApiForm<
    { quietPercent: string },
    { quietPercent: number }
  >({
    schema: updateAccountabilitySettingsInputSchema,
    defaultValues: { quietPercent: formatNumber(quietPercent, locale) },
    toInput: (_fields, read) => ({ quietPercent: read.number("quietPercent") }),
    send: async (input) => {
      await updateAccountabilitySettings(roomId, input.quietPercent);
      onSaved();
    },
  });
  return (
    <form className="inline-form print-hidden" data-testid="quiet-setting" onSubmit={onSubmit} noValidate>
      <FormField
        name="quietPercent"
        label={t("participation.quietSetting")}
        error={serverError}
        fieldError={form.formState.errors.quietPercent}
        testId="quiet-setting-percent"
      >
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            className="input-narrow"
            data-testid="quiet-setting-percent"
            {...form.register("quietPercent")}
          />
        )}
      </FormField>{" "}
      <button type="submit" disabled={submitting} data-testid="quiet-setting-save">
        {t("commitments.save")}
      </button>
      <ErrorMessage error={error} testId="quiet-setting-error" />
    </form>
  );
}

// For coordinators: the room's quiet line (a sector making fewer than this percentage of the acts its
// share of the members would give it is flagged). It replaced the old contribution floor.
import { accountabilityLimits, updateAccountabilitySettingsInputSchema } from "@mufakat/shared";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { updateAccountabilitySettings } from "./accountabilityEndpoints.ts";

interface QuietSettingFormProps {
  roomId: string;
  quietPercent: number;
  onSaved(): void;
}

export function QuietSettingForm({ roomId, quietPercent, onSaved }: QuietSettingFormProps) {
  const t = useT();
  const { form, onSubmit, submitting, error } = useApiForm<{ quietPercent: string }, { quietPercent: number }>({
    schema: updateAccountabilitySettingsInputSchema,
    defaultValues: { quietPercent: String(quietPercent) },
    toInput: (fields) => ({ quietPercent: Number(fields.quietPercent) }),
    send: async (input) => {
      await updateAccountabilitySettings(roomId, input.quietPercent);
      onSaved();
    },
  });
  return (
    <form className="inline-form print-hidden" data-testid="quiet-setting" onSubmit={onSubmit} noValidate>
      <label>
        {t("participation.quietSetting")}{" "}
        <input
          type="number"
          min={accountabilityLimits.quietMinPercent}
          max={accountabilityLimits.quietMaxPercent}
          step={1}
          className="input-narrow"
          data-testid="quiet-setting-percent"
          {...form.register("quietPercent")}
        />{" "}
        {t("participation.quietSettingUnit")}
      </label>{" "}
      <button type="submit" disabled={submitting} data-testid="quiet-setting-save">
        {t("commitments.save")}
      </button>
      <ErrorMessage error={error} testId="quiet-setting-error" />
    </form>
  );
}

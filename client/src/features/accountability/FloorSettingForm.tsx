// For coordinators: the room's symbolic-participation floor (a sector contributing under it is flagged).
import { updateAccountabilitySettingsInputSchema } from "@mufakat/shared";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { formatNumber } from "../../i18n/numbers.ts";
import { updateAccountabilitySettings } from "./accountabilityEndpoints.ts";

interface FloorSettingFormProps {
  roomId: string;
  floorPercent: number;
  onSaved(): void;
}

export function FloorSettingForm({ roomId, floorPercent, onSaved }: FloorSettingFormProps) {
  const t = useT();
  const { locale } = useLocale();
  const { form, onSubmit, submitting, serverError, error } = useApiForm<
    { symbolicFloorPercent: string },
    { symbolicFloorPercent: number }
  >({
    schema: updateAccountabilitySettingsInputSchema,
    defaultValues: { symbolicFloorPercent: formatNumber(floorPercent, locale) },
    toInput: (_fields, read) => ({ symbolicFloorPercent: read.number("symbolicFloorPercent") }),
    send: async (input) => {
      await updateAccountabilitySettings(roomId, input.symbolicFloorPercent);
      onSaved();
    },
  });
  return (
    <form className="inline-form print-hidden" data-testid="floor-setting" onSubmit={onSubmit} noValidate>
      <FormField
        name="symbolicFloorPercent"
        label={`${t("participation.floorSetting")} (%)`}
        error={serverError}
        fieldError={form.formState.errors.symbolicFloorPercent}
        testId="floor-setting-percent"
      >
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            className="input-narrow"
            data-testid="floor-setting-percent"
            {...form.register("symbolicFloorPercent")}
          />
        )}
      </FormField>{" "}
      <button type="submit" disabled={submitting} data-testid="floor-setting-save">
        {t("commitments.save")}
      </button>
      <ErrorMessage error={error} testId="floor-setting-error" />
    </form>
  );
}

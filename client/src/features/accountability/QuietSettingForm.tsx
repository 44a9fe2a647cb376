// For coordinators: the room's symbolic-participation floor (a sector contributing under it is flagged).
import { accountabilityLimits, updateAccountabilitySettingsInputSchema } from "@mufakat/shared";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { updateAccountabilitySettings } from "./accountabilityEndpoints.ts";

interface FloorSettingFormProps {
  roomId: string;
  floorPercent: number;
  onSaved(): void;
}

export function FloorSettingForm({ roomId, floorPercent, onSaved }: FloorSettingFormProps) {
  const t = useT();
  const { form, onSubmit, submitting, error } = useApiForm<
    { symbolicFloorPercent: string },
    { symbolicFloorPercent: number }
  >({
    schema: updateAccountabilitySettingsInputSchema,
    defaultValues: { symbolicFloorPercent: String(floorPercent) },
    toInput: (fields) => ({ symbolicFloorPercent: Number(fields.symbolicFloorPercent) }),
    send: async (input) => {
      await updateAccountabilitySettings(roomId, input.symbolicFloorPercent);
      onSaved();
    },
  });
  return (
    <form className="inline-form print-hidden" data-testid="floor-setting" onSubmit={onSubmit} noValidate>
      <label>
        {t("participation.floorSetting")}{" "}
        <input
          type="number"
          min={0}
          max={accountabilityLimits.symbolicFloorMaxPercent}
          step={1}
          className="input-narrow"
          data-testid="floor-setting-percent"
          {...form.register("symbolicFloorPercent")}
        />{" "}
        %
      </label>{" "}
      <button type="submit" disabled={submitting} data-testid="floor-setting-save">
        {t("commitments.save")}
      </button>
      <ErrorMessage error={error} testId="floor-setting-error" />
    </form>
  );
}

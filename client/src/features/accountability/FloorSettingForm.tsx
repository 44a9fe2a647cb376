// For coordinators: the room's symbolic-participation floor (a sector contributing under it is flagged).
import { useMutation } from "@tanstack/react-query";
import { accountabilityLimits, updateAccountabilitySettingsInputSchema } from "@mufakat/shared";
import { type FormEvent, useState } from "react";
import { validateInput } from "../../api/validateInput.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { updateAccountabilitySettings } from "./accountabilityEndpoints.ts";

interface FloorSettingFormProps {
  roomId: string;
  floorPercent: number;
  onSaved(): void;
}

export function FloorSettingForm({ roomId, floorPercent, onSaved }: FloorSettingFormProps) {
  const t = useT();
  const [value, setValue] = useState(String(floorPercent));
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      const input = validateInput(updateAccountabilitySettingsInputSchema, { symbolicFloorPercent: Number(value) });
      await updateAccountabilitySettings(roomId, input.symbolicFloorPercent);
      onSaved();
    },
  });
  const error = apiErrorOf(failure);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit();
  }
  return (
    <form className="inline-form print-hidden" data-testid="floor-setting" onSubmit={onSubmit} noValidate>
      <label>
        {t("participation.floorSetting")}{" "}
        <input
          type="number"
          min={0}
          max={accountabilityLimits.symbolicFloorMaxPercent}
          step={1}
          value={value}
          className="input-narrow"
          data-testid="floor-setting-percent"
          onChange={(event) => setValue(event.target.value)}
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

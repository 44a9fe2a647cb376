// For coordinators: the room's decision rule, secret ballots, and whether participants may open motions.
import { type RoomDecisionSettings, updateRoomDecisionSettingsInputSchema } from "@mufakat/shared";
import { useState } from "react";
import { Controller } from "react-hook-form";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { RuleFields } from "../motions/RuleFields.tsx";
import { updateDecisionSettings } from "./decisionEndpoints.ts";

interface DecisionSettingsFormProps {
  roomId: string;
  settings: RoomDecisionSettings;
  onSaved(settings: RoomDecisionSettings): void;
}

export function DecisionSettingsForm({ roomId, settings, onSaved }: DecisionSettingsFormProps) {
  const t = useT();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, submitting, error } = useApiForm<RoomDecisionSettings, Partial<RoomDecisionSettings>>({
    schema: updateRoomDecisionSettingsInputSchema,
    defaultValues: settings,
    toInput: (fields) => fields,
    send: async (input) => {
      onSaved(await updateDecisionSettings(roomId, input));
      setSaved(true);
    },
  });

  return (
    <form
      className="decision-settings"
      data-testid="decision-settings"
      onSubmit={(event) => {
        setSaved(false);
        void onSubmit(event);
      }}
      noValidate
    >
      <h3>{t("settings.title")}</h3>
      <Controller
        control={form.control}
        name="decisionRule"
        render={({ field }) => (
          <RuleFields rule={field.value} onChange={field.onChange} error={error} path="decisionRule" />
        )}
      />
      <label className="checkbox">
        <input type="checkbox" data-testid="settings-secret-ballots" {...form.register("secretBallots")} />
        {t("settings.secretBallots")}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="settings-participants-may-open"
          {...form.register("participantsMayOpenMotions")}
        />
        {t("settings.participantsMayOpen")}
      </label>
      <ErrorMessage error={error} testId="settings-error" />
      <button type="submit" className="button-primary" disabled={submitting} data-testid="settings-save">
        {t("settings.save")}
      </button>
      {saved && !submitting && (
        <span className="note" role="status" data-testid="settings-saved">
          {t("settings.saved")}
        </span>
      )}
    </form>
  );
}

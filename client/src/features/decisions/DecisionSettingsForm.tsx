// For coordinators: the room's decision rule, secret ballots, and whether participants may open motions.
import { useMutation } from "@tanstack/react-query";
import { type RoomDecisionSettings, updateRoomDecisionSettingsInputSchema } from "@mufakat/shared";
import { type FormEvent, useState } from "react";
import { validateInput } from "../../api/validateInput.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
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
  const [draft, setDraft] = useState(settings);
  const [saved, setSaved] = useState(false);
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      setSaved(false);
      const input = validateInput(updateRoomDecisionSettingsInputSchema, draft);
      onSaved(await updateDecisionSettings(roomId, input));
      setSaved(true);
    },
  });
  const error = apiErrorOf(failure);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit();
  }

  return (
    <form className="decision-settings" data-testid="decision-settings" onSubmit={onSubmit} noValidate>
      <h3>{t("settings.title")}</h3>
      <RuleFields
        rule={draft.decisionRule}
        onChange={(decisionRule) => setDraft({ ...draft, decisionRule })}
        error={error}
        path="decisionRule"
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.secretBallots}
          data-testid="settings-secret-ballots"
          onChange={(event) => setDraft({ ...draft, secretBallots: event.target.checked })}
        />
        {t("settings.secretBallots")}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.participantsMayOpenMotions}
          data-testid="settings-participants-may-open"
          onChange={(event) => setDraft({ ...draft, participantsMayOpenMotions: event.target.checked })}
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

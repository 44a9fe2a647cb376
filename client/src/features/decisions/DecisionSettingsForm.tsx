// For coordinators: the room's decision rule, secret ballots, whether participants may open motions, and
// whether a vote may be delegated to a member of another sector.
import { type RoomDecisionSettings, updateRoomDecisionSettingsInputSchema } from "@mufakat/shared";
import { useState } from "react";
import { Controller } from "react-hook-form";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { formatNumber } from "../../i18n/numbers.ts";
import { RuleFields } from "../motions/RuleFields.tsx";
import { type RuleDraft, draftOfRule, ruleOfDraft } from "../motions/ruleDraft.ts";
import { updateDecisionSettings } from "./decisionEndpoints.ts";

interface DecisionSettingsFormProps {
  roomId: string;
  settings: RoomDecisionSettings;
  onSaved(settings: RoomDecisionSettings): void;
}

/** The settings as the fields hold them: the rule's numbers as typed. */
type DecisionSettingsFields = Omit<RoomDecisionSettings, "decisionRule"> & { decisionRule: RuleDraft };

export function DecisionSettingsForm({ roomId, settings, onSaved }: DecisionSettingsFormProps) {
  const t = useT();
  const { locale } = useLocale();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, submitting, error } = useApiForm<DecisionSettingsFields, Partial<RoomDecisionSettings>>({
    schema: updateRoomDecisionSettingsInputSchema,
    defaultValues: {
      ...settings,
      decisionRule: draftOfRule(settings.decisionRule, (value) => formatNumber(value, locale)),
    },
    toInput: (fields, read) => ({ ...fields, decisionRule: ruleOfDraft(fields.decisionRule, "decisionRule", read) }),
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
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="settings-delegation-across-sectors"
          {...form.register("delegationAcrossSectors")}
        />
        {t("settings.delegationAcrossSectors")}
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

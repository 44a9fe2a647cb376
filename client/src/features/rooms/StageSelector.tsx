// Lets a coordinator move the collaboration to another stage (PATCH /rooms/:id/stage). A one-field form
// that sends on change; the select shows the room's stage, so it moves only when the server has stored it.
import {
  type CollaborationStage,
  type RoomSummary,
  changeStageInputSchema,
  collaborationStages,
} from "@mufakat/shared";
import { useId, useState } from "react";
import { changeRoomStage } from "../../api/endpoints.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";

interface StageSelectorProps {
  roomId: string;
  stage: CollaborationStage;
  onChanged(room: RoomSummary): void;
}

interface StageFields {
  stage: CollaborationStage;
}

export function StageSelector({ roomId, stage, onChanged }: StageSelectorProps) {
  const t = useT();
  const id = useId();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, submitting, error } = useApiForm<StageFields, StageFields>({
    schema: changeStageInputSchema,
    defaultValues: { stage },
    toInput: (fields) => ({ stage: fields.stage }),
    send: async (input) => {
      setSaved(false);
      onChanged(await changeRoomStage(roomId, input.stage));
      setSaved(true);
    },
  });
  return (
    // A div, not a <form>: the form style (a bordered surface) would change how the selector looks.
    <div className="stage-selector">
      <label htmlFor={id}>{t("room.stage")}</label>
      <select
        id={id}
        value={stage}
        disabled={submitting}
        data-testid="stage-select"
        onChange={(event) => {
          form.setValue("stage", event.target.value as CollaborationStage);
          void onSubmit();
        }}
      >
        {collaborationStages.map((option) => (
          <option key={option} value={option}>
            {t(`stage.${option}`)}
          </option>
        ))}
      </select>
      {submitting && <span className="note">{t("common.saving")}</span>}
      {saved && !submitting && (
        <span className="note" role="status" data-testid="stage-saved">
          {t("room.stageSaved")}
        </span>
      )}
      <ErrorMessage error={error} testId="stage-error" />
    </div>
  );
}

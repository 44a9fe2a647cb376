// Lets a coordinator move the collaboration to another stage (PATCH /rooms/:id/stage).
import { type CollaborationStage, type RoomSummary, collaborationStages } from "@mufakat/shared";
import { useId, useState } from "react";
import { changeRoomStage } from "../../api/endpoints.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { useT } from "../../i18n/I18nProvider.tsx";

interface StageSelectorProps {
  roomId: string;
  stage: CollaborationStage;
  onChanged(room: RoomSummary): void;
}

export function StageSelector({ roomId, stage, onChanged }: StageSelectorProps) {
  const t = useT();
  const id = useId();
  const [saved, setSaved] = useState(false);
  const { submit, submitting, error } = useSubmit(async (next: CollaborationStage) => {
    setSaved(false);
    onChanged(await changeRoomStage(roomId, next));
    setSaved(true);
  });
  return (
    <div className="stage-selector">
      <label htmlFor={id}>{t("room.stage")}</label>
      <select
        id={id}
        value={stage}
        disabled={submitting}
        data-testid="stage-select"
        onChange={(event) => void submit(event.target.value as CollaborationStage)}
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

// Lets a coordinator move the collaboration to another stage (PATCH /rooms/:id/stage).
import { useMutation } from "@tanstack/react-query";
import { type CollaborationStage, type RoomSummary, collaborationStages } from "@mufakat/shared";
import { useId, useState } from "react";
import { changeRoomStage } from "../../api/endpoints.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
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
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async (next: CollaborationStage) => {
      setSaved(false);
      onChanged(await changeRoomStage(roomId, next));
      setSaved(true);
    },
  });
  const error = apiErrorOf(failure);
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

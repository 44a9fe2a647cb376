// The form that opens a deliberation room: title, purpose, visibility and starting stage.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { invalidateMembership } from "../../api/queries.ts";
import {
  type CollaborationStage,
  type RoomVisibility,
  collaborationStages,
  createRoomInputSchema,
  limits,
  roomVisibilities,
} from "@mufakat/shared";
import { useState } from "react";
import { useNavigate } from "react-router";
import { createRoom } from "../../api/endpoints.ts";
import { validateInput } from "../../api/validateInput.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useT } from "../../i18n/I18nProvider.tsx";

interface RoomForm {
  title: string;
  purpose: string;
  visibility: RoomVisibility;
  stage: CollaborationStage;
}

export function CreateRoomPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<RoomForm>({
    title: "",
    purpose: "",
    visibility: "invite-only",
    stage: "exploration",
  });
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      const room = await createRoom(validateInput(createRoomInputSchema, form));
      await invalidateMembership(queryClient, room.id);
      await navigate(`/rooms/${room.id}`);
    },
  });
  const error = apiErrorOf(failure);

  return (
    <main className="page page-narrow">
      <h1>{t("rooms.create.title")}</h1>
      <form
        noValidate
        data-testid="create-room-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ErrorMessage error={error} testId="create-room-error" />
        <FormField name="title" label={t("field.title")} error={error} testId="room-title">
          {(control) => (
            <input
              {...control}
              maxLength={limits.roomTitleChars}
              value={form.title}
              data-testid="room-title"
              onChange={(event) => setForm({ ...form, title: event.target.value })}
            />
          )}
        </FormField>
        <FormField name="purpose" label={t("field.purpose")} error={error} testId="room-purpose">
          {(control) => (
            <textarea
              {...control}
              rows={5}
              maxLength={limits.roomPurposeChars}
              value={form.purpose}
              data-testid="room-purpose"
              onChange={(event) => setForm({ ...form, purpose: event.target.value })}
            />
          )}
        </FormField>
        <FormField
          name="visibility"
          label={t("field.visibility")}
          hint={t("rooms.create.visibilityHint")}
          error={error}
          testId="room-visibility"
        >
          {(control) => (
            <select
              {...control}
              value={form.visibility}
              data-testid="room-visibility"
              onChange={(event) => setForm({ ...form, visibility: event.target.value as RoomVisibility })}
            >
              {roomVisibilities.map((visibility) => (
                <option key={visibility} value={visibility}>
                  {t(`visibility.${visibility}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="stage" label={t("field.stage")} error={error} testId="room-stage">
          {(control) => (
            <select
              {...control}
              value={form.stage}
              data-testid="room-stage"
              onChange={(event) => setForm({ ...form, stage: event.target.value as CollaborationStage })}
            >
              {collaborationStages.map((stage) => (
                <option key={stage} value={stage}>
                  {t(`stage.${stage}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button type="submit" className="button-primary" disabled={submitting} data-testid="create-room-submit">
          {t("rooms.create.submit")}
        </button>
      </form>
    </main>
  );
}

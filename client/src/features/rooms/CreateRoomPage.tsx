// The form that opens a deliberation room: title, purpose, visibility and starting stage.
import { useQueryClient } from "@tanstack/react-query";
import { invalidateMembership } from "../../api/queries.ts";
import {
  type CollaborationStage,
  type CreateRoomInput,
  type RoomVisibility,
  collaborationStages,
  createRoomInputSchema,
  limits,
  roomVisibilities,
} from "@mufakat/shared";
import { useNavigate } from "react-router";
import { createRoom } from "../../api/endpoints.ts";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";

interface RoomForm {
  title: string;
  purpose: string;
  visibility: RoomVisibility;
  stage: CollaborationStage;
}

export function CreateRoomPage() {
  const t = useT();
  useDocumentTitle(t("rooms.create.title"));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { form, onSubmit, submitting, serverError, error } = useApiForm<RoomForm, CreateRoomInput>({
    schema: createRoomInputSchema,
    defaultValues: { title: "", purpose: "", visibility: "invite-only", stage: "exploration" },
    toInput: (fields) => fields,
    send: async (input) => {
      const room = await createRoom(input);
      await invalidateMembership(queryClient, room.id);
      await navigate(`/rooms/${room.id}`);
    },
  });
  const [title, purpose] = form.watch(["title", "purpose"]);

  return (
    <main className="page page-narrow">
      <h1>{t("rooms.create.title")}</h1>
      <form noValidate data-testid="create-room-form" onSubmit={onSubmit}>
        <ErrorMessage error={error} testId="create-room-error" />
        <FormField
          name="title"
          label={t("field.title")}
          error={serverError}
          fieldError={form.formState.errors.title}
          limit={{ max: limits.roomTitleChars, length: checkedLength(title) }}
          testId="room-title"
        >
          {(control) => <input {...control} data-testid="room-title" {...form.register("title")} />}
        </FormField>
        <FormField
          name="purpose"
          label={t("field.purpose")}
          error={serverError}
          fieldError={form.formState.errors.purpose}
          limit={{ max: limits.roomPurposeChars, length: checkedLength(purpose) }}
          testId="room-purpose"
        >
          {(control) => <textarea {...control} rows={5} data-testid="room-purpose" {...form.register("purpose")} />}
        </FormField>
        <FormField
          name="visibility"
          label={t("field.visibility")}
          hint={t("rooms.create.visibilityHint")}
          error={serverError}
          fieldError={form.formState.errors.visibility}
          testId="room-visibility"
        >
          {(control) => (
            <select {...control} data-testid="room-visibility" {...form.register("visibility")}>
              {roomVisibilities.map((visibility) => (
                <option key={visibility} value={visibility}>
                  {t(`visibility.${visibility}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          name="stage"
          label={t("field.stage")}
          error={serverError}
          fieldError={form.formState.errors.stage}
          testId="room-stage"
        >
          {(control) => (
            <select {...control} data-testid="room-stage" {...form.register("stage")}>
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

// Joins an open room from the directory, then opens it; a refusal is shown beside the button.
import type { RoomSummary } from "@mufakat/shared";
import { useNavigate } from "react-router";
import { joinRoom } from "../../api/endpoints.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { useT } from "../../i18n/I18nProvider.tsx";

export function JoinRoomButton({ room }: { room: RoomSummary }) {
  const t = useT();
  const navigate = useNavigate();
  const { submit, submitting, error } = useSubmit(async () => {
    const joined = await joinRoom(room.id);
    await navigate(`/rooms/${joined.room.id}`);
  });
  return (
    <div className="room-card-action">
      <button
        type="button"
        className="button-primary"
        disabled={submitting}
        data-testid="join-room"
        onClick={() => void submit()}
      >
        {t("rooms.join")}
      </button>
      <ErrorMessage error={error} testId="join-room-error" />
    </div>
  );
}

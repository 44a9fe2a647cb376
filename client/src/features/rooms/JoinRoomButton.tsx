// Joins an open room from the directory, then opens it; a refusal is shown beside the button.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { invalidateMembership } from "../../api/queries.ts";
import type { RoomSummary } from "@mufakat/shared";
import { useNavigate } from "react-router";
import { joinRoom } from "../../api/endpoints.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useT } from "../../i18n/I18nProvider.tsx";

export function JoinRoomButton({ room }: { room: RoomSummary }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      const joined = await joinRoom(room.id);
      await invalidateMembership(queryClient, joined.room.id);
      await navigate(`/rooms/${joined.room.id}`);
    },
  });
  const error = apiErrorOf(failure);
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

// The public face of a room for someone not in it (a directory entry or a shared room link): purpose,
// stage, sectors present, and the way in — Join for an open room, Request to join for an invite-only one,
// the state of a request already made, or why the room takes nobody new. Once the user is a member (they
// joined, or a coordinator approved their request), the room itself is read again and replaces this.
import type { RoomPreview as Preview } from "@mufakat/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { joinRoom } from "../../api/endpoints.ts";
import { invalidateMembership } from "../../api/queries.ts";
import { apiErrorOf } from "../../api/queryClient.ts";
import { SectorBadge, StageBadge, VisibilityBadge } from "../../components/Badges.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { QueryView } from "../../components/QueryView.tsx";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";
import { invalidatePreview, requestToJoin, roomPreviewQuery } from "./joinRequestEndpoints.ts";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";

export function RoomPreview({ roomId }: { roomId: string }) {
  const preview = useQuery(roomPreviewQuery(roomId));
  return <QueryView query={preview}>{(loaded) => <RoomPreviewCard preview={loaded} />}</QueryView>;
}

function RoomPreviewCard({ preview }: { preview: Preview }) {
  const t = useT();
  const queryClient = useQueryClient();
  const becameMember = preview.wayIn === "enter";
  useDocumentTitle(preview.title, t("preview.eyebrow"));
  useEffect(() => {
    // Approved while waiting here (or joined in another tab): read the room as a member now.
    if (becameMember) void invalidateMembership(queryClient, preview.id);
  }, [becameMember, queryClient, preview.id]);
  return (
    <section
      className="room-preview invite-preview"
      data-testid="room-preview"
      data-room-id={preview.id}
      data-way-in={preview.wayIn}
      aria-labelledby="room-preview-title"
    >
      <p className="eyebrow">{t("preview.eyebrow")}</p>
      <h1 id="room-preview-title" data-testid="preview-room-title">
        {preview.title}
      </h1>
      <p className="room-card-meta">
        <StageBadge stage={preview.stage} /> <VisibilityBadge visibility={preview.visibility} />{" "}
        <span>{t("rooms.memberCount", { n: preview.memberCount })}</span>
      </p>
      <h2>{t("room.purpose")}</h2>
      {preview.purpose ? (
        <p className="preserve-lines" data-testid="preview-purpose">
          {preview.purpose}
        </p>
      ) : (
        <p className="empty">{t("room.noPurpose")}</p>
      )}
      <h2>{t("preview.sectorsPresent")}</h2>
      {preview.sectorsPresent.length > 0 ? (
        <ul className="sector-list" data-testid="preview-sectors">
          {preview.sectorsPresent.map((sector) => (
            <li key={sector}>
              <SectorBadge sector={sector} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("preview.noSectors")}</p>
      )}
      <WayIn preview={preview} />
    </section>
  );
}

function WayIn({ preview }: { preview: Preview }) {
  const t = useT();
  const formatDate = useFormatDate();
  const queryClient = useQueryClient();
  const join = useMutation({
    mutationFn: async () => {
      const joined = await joinRoom(preview.id);
      await invalidateMembership(queryClient, joined.room.id);
    },
  });
  const request = useMutation({
    mutationFn: async () => {
      await requestToJoin(preview.id);
      await invalidatePreview(queryClient, preview.id);
    },
  });
  const { myRequest } = preview;
  switch (preview.wayIn) {
    case "enter":
      return <p className="note">{t("common.loading")}</p>;
    case "join":
      return (
        <div className="way-in">
          <p>{t("preview.openHint")}</p>
          <button
            type="button"
            className="button-primary"
            disabled={join.isPending}
            data-testid="preview-join"
            onClick={() => join.mutate()}
          >
            {t("rooms.join")}
          </button>
          <ErrorMessage error={apiErrorOf(join.error)} testId="preview-join-error" />
        </div>
      );
    case "request":
      return (
        <div className="way-in">
          {myRequest?.status === "declined" && (
            <div className="note" role="status" data-testid="request-declined">
              <p>{t("preview.declined")}</p>
              {myRequest.reason && (
                <p data-testid="request-declined-reason">{t("preview.declinedReason", { reason: myRequest.reason })}</p>
              )}
            </div>
          )}
          <p>{t("preview.requestHint")}</p>
          <button
            type="button"
            className="button-primary"
            disabled={request.isPending}
            data-testid="request-to-join"
            onClick={() => request.mutate()}
          >
            {myRequest?.status === "declined" ? t("preview.requestAgain") : t("preview.requestToJoin")}
          </button>
          <ErrorMessage error={apiErrorOf(request.error)} testId="request-to-join-error" />
        </div>
      );
    case "pending":
      return (
        <p className="note" role="status" data-testid="request-pending">
          {t("preview.pending", { date: formatDate(myRequest?.createdAt ?? new Date().toISOString()) })}
        </p>
      );
    case "closed":
      return (
        <p className="note" data-testid="preview-closed">
          {t("preview.closed")}
        </p>
      );
  }
}

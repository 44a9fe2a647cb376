// For a room's coordinators: who asks to join, for which sector and organisation, with Approve (the
// requester becomes a participant) and Decline (with an optional reason the requester reads).
import { type JoinRequest, limits } from "@mufakat/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { invalidateMembership } from "../../api/queries.ts";
import { apiErrorOf } from "../../api/queryClient.ts";
import { SectorBadge } from "../../components/Badges.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";
import { approveJoinRequest, declineJoinRequest, joinRequestKeys, joinRequestsQuery } from "./joinRequestEndpoints.ts";

export function JoinRequestsPanel({ roomId }: { roomId: string }) {
  const t = useT();
  const requests = useQuery(joinRequestsQuery(roomId));
  const pending = requests.data ?? [];
  return (
    <section className="join-requests" data-testid="join-requests" aria-labelledby="join-requests-heading">
      <h3 id="join-requests-heading">{t("joinRequests.title", { n: pending.length })}</h3>
      <ErrorMessage error={apiErrorOf(requests.error)} testId="join-requests-error" />
      {requests.isSuccess && pending.length === 0 ? (
        <p className="empty" data-testid="join-requests-empty">
          {t("joinRequests.empty")}
        </p>
      ) : (
        <ul>
          {pending.map((request) => (
            <JoinRequestItem key={request.id} roomId={roomId} request={request} />
          ))}
        </ul>
      )}
    </section>
  );
}

function JoinRequestItem({ roomId, request }: { roomId: string; request: JoinRequest }) {
  const t = useT();
  const formatDate = useFormatDate();
  const queryClient = useQueryClient();
  const reasonId = useId();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState("");
  const settled = async () => {
    await queryClient.invalidateQueries({ queryKey: joinRequestKeys.pending(roomId) });
  };
  const approve = useMutation({
    mutationFn: async () => {
      await approveJoinRequest(roomId, request.id);
      await Promise.all([settled(), invalidateMembership(queryClient, roomId)]);
    },
  });
  const decline = useMutation({
    mutationFn: async () => {
      await declineJoinRequest(roomId, request.id, reason.trim());
      await settled();
    },
  });
  const busy = approve.isPending || decline.isPending;
  return (
    <li className="join-request" data-testid="join-request" data-request-id={request.id}>
      <p>
        <strong data-testid="join-request-name">{request.requester.displayName}</strong>{" "}
        <SectorBadge sector={request.requester.sector} /> {request.requester.organisation}{" "}
        <span className="note">{t("joinRequests.askedAt", { date: formatDate(request.createdAt) })}</span>
      </p>
      {declining ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            decline.mutate();
          }}
        >
          <label htmlFor={reasonId}>{t("joinRequests.reason")}</label>
          <input
            id={reasonId}
            value={reason}
            maxLength={limits.joinRequestReasonChars}
            onChange={(event) => setReason(event.target.value)}
            data-testid="join-request-reason"
          />
          <button type="submit" disabled={busy} data-testid="join-request-decline-confirm">
            {t("joinRequests.confirmDecline")}
          </button>
          <button type="button" className="button-quiet" onClick={() => setDeclining(false)}>
            {t("common.cancel")}
          </button>
        </form>
      ) : (
        <p className="join-request-actions">
          <button
            type="button"
            className="button-primary"
            disabled={busy}
            data-testid="join-request-approve"
            onClick={() => approve.mutate()}
          >
            {t("joinRequests.approve")}
          </button>{" "}
          <button type="button" disabled={busy} data-testid="join-request-decline" onClick={() => setDeclining(true)}>
            {t("joinRequests.decline")}
          </button>
        </p>
      )}
      <ErrorMessage error={apiErrorOf(approve.error ?? decline.error)} testId="join-request-error" />
    </li>
  );
}

// /invite/:token: shows which room an invite link leads to and with which role, then joins and opens it.
import type { InvitePreview } from "@mufakat/shared";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { acceptInvite } from "../../api/endpoints.ts";
import { invalidateMembership, inviteQuery } from "../../api/queries.ts";
import { apiErrorOf } from "../../api/queryClient.ts";
import { StageBadge } from "../../components/Badges.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { QueryView } from "../../components/QueryView.tsx";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";

export function InviteJoinPage() {
  const { token = "" } = useParams();
  const invite = useQuery(inviteQuery(token));
  return (
    <main className="page page-narrow">
      <QueryView query={invite}>{(preview) => <InvitePreviewCard token={token} preview={preview} />}</QueryView>
    </main>
  );
}

function InvitePreviewCard({ token, preview }: { token: string; preview: InvitePreview }) {
  const t = useT();
  useDocumentTitle(preview.room.title, t("invite.preview.title"));
  const formatDate = useFormatDate();
  const navigate = useNavigate();
  const { room } = preview;
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: () => acceptInvite(token),
    onSuccess: async (joined) => {
      // A new member: the room reads differently now (role, members), and so does the list of one's rooms.
      await invalidateMembership(queryClient, joined.room.id);
      await navigate(`/rooms/${joined.room.id}`, { replace: true });
    },
  });
  return (
    <section className="invite-preview" data-testid="invite-preview">
      <p className="eyebrow">{t("invite.preview.title")}</p>
      <h1 data-testid="invite-room-title">{room.title}</h1>
      <p>
        <StageBadge stage={room.stage} /> {t("rooms.memberCount", { n: room.memberCount })}
      </p>
      {room.purpose && <p className="preserve-lines">{room.purpose}</p>}
      {room.myRole ? (
        <>
          <p className="note" data-testid="invite-already-member">
            {t("invite.alreadyMember")}
          </p>
          <Link to={`/rooms/${room.id}`} className="button button-primary" data-testid="invite-open-room">
            {t("rooms.enter")}
          </Link>
        </>
      ) : (
        <>
          <p data-testid="invite-role">{t("invite.preview.role", { role: t(`role.${preview.role}`) })}</p>
          <p className="note">{t("invite.preview.expires", { date: formatDate(preview.expiresAt) })}</p>
          <ErrorMessage error={apiErrorOf(accept.error)} testId="invite-accept-error" />
          <button
            type="button"
            className="button-primary"
            disabled={accept.isPending}
            data-testid="accept-invite"
            onClick={() => accept.mutate()}
          >
            {t("invite.accept")}
          </button>
        </>
      )}
    </section>
  );
}

// Tells a visitor who followed an invite link why they must log in or register first.
import { useT } from "../../i18n/I18nProvider.tsx";

export function InvitePendingNote({ next }: { next: string }) {
  const t = useT();
  if (!next.startsWith("/invite/")) return null;
  return (
    <p className="note" data-testid="invite-pending-note">
      {t("auth.invitePending")}
    </p>
  );
}

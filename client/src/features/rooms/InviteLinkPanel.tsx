// For coordinators: create an invite link (its token is shown once) and copy its full URL.
import {
  type CreateInviteInput,
  type CreatedInvite,
  type MemberRole,
  createInviteInputSchema,
  memberRoles,
} from "@mufakat/shared";
import { useId, useRef, useState } from "react";
import { createInvite } from "../../api/endpoints.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";

type CopyState = "idle" | "copied" | "failed";

export function InviteLinkPanel({ roomId }: { roomId: string }) {
  const t = useT();
  const formatDate = useFormatDate();
  const roleId = useId();
  const linkId = useId();
  const [invite, setInvite] = useState<CreatedInvite | null>(null);
  const [copy, setCopy] = useState<CopyState>("idle");
  const linkInput = useRef<HTMLInputElement>(null);
  const { form, onSubmit, submitting, error } = useApiForm<{ role: MemberRole }, CreateInviteInput>({
    schema: createInviteInputSchema,
    defaultValues: { role: "participant" },
    toInput: (fields) => ({ role: fields.role }),
    // Only the role, as before: the expiry and the number of uses stay the server's defaults.
    send: async (input) => {
      setInvite(await createInvite(roomId, { role: input.role }));
      setCopy("idle");
    },
  });

  const url = invite ? `${window.location.origin}${invite.path}` : "";

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(url);
      setCopy("copied");
    } catch {
      // No clipboard permission (or an insecure origin): select the text so the user can copy it by hand.
      linkInput.current?.select();
      setCopy("failed");
    }
  }

  return (
    <section className="invite-panel" aria-labelledby={`${linkId}-heading`}>
      <h3 id={`${linkId}-heading`}>{t("invite.link")}</h3>
      {/* A div, not a <form>: the form style (a bordered surface) would change how the panel looks. */}
      <div className="inline-form">
        <label htmlFor={roleId}>{t("field.inviteRole")}</label>
        <select id={roleId} data-testid="invite-role" {...form.register("role")}>
          {memberRoles.map((option) => (
            <option key={option} value={option}>
              {t(`role.${option}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button-primary"
          disabled={submitting}
          data-testid="create-invite"
          onClick={() => void onSubmit()}
        >
          {t("invite.create")}
        </button>
      </div>
      <ErrorMessage error={error} testId="invite-error" />
      {invite && (
        <div className="invite-result">
          <label htmlFor={linkId}>{t("invite.link")}</label>
          <div className="inline-form">
            <input id={linkId} ref={linkInput} readOnly value={url} data-testid="invite-url" />
            <button type="button" data-testid="copy-invite" onClick={() => void copyLink()}>
              {copy === "copied" ? t("invite.copied") : t("invite.copy")}
            </button>
          </div>
          {copy === "failed" && <p className="note">{t("invite.copyFailed")}</p>}
          <p className="note">{t("invite.shownOnce", { date: formatDate(invite.expiresAt) })}</p>
        </div>
      )}
    </section>
  );
}

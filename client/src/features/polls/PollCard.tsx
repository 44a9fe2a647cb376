// One poll: its question and kind, who opened it and until when, the viewer's ballot while it is open, the
// result per sector, and for coordinators closing it early (which asks first: the record is final).
import type { Poll } from "@mufakat/shared";
import { useSession } from "../../api/useSession.ts";
import { ConfirmButton } from "../../components/ConfirmDialog.tsx";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";
import { PollBallotForm } from "./PollBallotForm.tsx";
import { closePollEarly } from "./pollEndpoints.ts";
import { PollResult } from "./PollResult.tsx";

export function PollCard({ poll, onChanged }: { poll: Poll; onChanged(poll: Poll): void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const session = useSession();
  const open = poll.status === "open";
  const headingId = `poll-${poll.id}-title`;
  return (
    <article
      className="poll-card"
      data-testid="poll"
      data-poll-id={poll.id}
      data-status={poll.status}
      aria-labelledby={headingId}
    >
      <header className="poll-card-header">
        <h3 id={headingId}>{poll.title}</h3>
        <span className="badge" data-testid="poll-kind">
          {t(`poll.kind.${poll.kind}`)}
          {poll.kind === "ranked" && poll.method ? ` · ${t(`poll.method.${poll.method}`)}` : ""}
        </span>
        {poll.secretBallot && <span className="badge">{t("motion.secretBallot")}</span>}
        <span className="badge" data-testid="poll-status">
          {t(`poll.status.${open ? "open" : "closed"}`)}
        </span>
      </header>
      <p className="note">
        {t("motion.openedBy", { name: poll.openedBy.displayName, date: formatDate(poll.openedAt) })} ·{" "}
        {open
          ? t("poll.until", { date: formatDate(poll.deadline) })
          : t("poll.closedAt", { date: formatDate(poll.closedAt ?? poll.deadline) })}
      </p>
      {open &&
        (poll.abilities.vote && session.state === "signed-in" ? (
          <PollBallotForm
            key={poll.id}
            poll={poll}
            sector={session.user.sector}
            onAnswered={(answered, answer) => onChanged({ ...poll, result: answered.result, myAnswer: answer })}
          />
        ) : (
          <p className="note">{t("poll.observer")}</p>
        ))}
      <PollResult poll={poll} />
      {open && poll.abilities.close && (
        <div className="motion-actions">
          <ConfirmButton
            act="closePoll"
            label={t("poll.closeEarly")}
            testId="poll-close"
            title={t("confirm.closePoll.title")}
            confirmLabel={t("confirm.closePoll.confirm")}
            irreversible={t("confirm.closePoll.irreversible")}
            run={async () => onChanged(await closePollEarly(poll.id))}
          >
            <p data-testid="confirm-close-poll-turnout">
              {t("confirm.closeMotion.votersOfEligible", {
                voters: poll.result.votersCount,
                eligible: poll.result.eligibleCount,
              })}
            </p>
          </ConfirmButton>
        </div>
      )}
    </article>
  );
}

// One commitment: what, for which decision, owner, sector, due day (overdue highlighted), percent, notes.
import type { Commitment } from "@mufakat/shared";
import { SectorBadge } from "../../components/Badges.tsx";
import { useFormat, useFormatDate, useT } from "../../i18n/I18nProvider.tsx";
import { CommitmentStatusForm, ProgressNoteForm } from "./CommitmentControls.tsx";

interface CommitmentCardProps {
  commitment: Commitment;
  canEdit: boolean;
  onChanged(commitment: Commitment): void;
}

export function CommitmentCard({ commitment, canEdit, onChanged }: CommitmentCardProps) {
  const t = useT();
  const formatDate = useFormatDate();
  const format = useFormat();
  return (
    <article
      className={commitment.overdue ? "commitment commitment-overdue" : "commitment"}
      data-testid="commitment"
      data-id={commitment.id}
      data-status={commitment.status}
      data-overdue={commitment.overdue}
    >
      <p className="preserve-lines commitment-what" data-testid="commitment-what-text">
        {commitment.what}
      </p>
      <p className="note" data-testid="commitment-decision-ref">
        {t("commitments.forDecision", { seq: commitment.decisionSeq })} <q>{commitment.decisionTitle}</q>
      </p>
      <p className="note" data-testid="commitment-owner-text">
        {t("commitments.owner")}: {commitment.owner?.displayName}
        {commitment.owner && commitment.ownerOrganisation ? " · " : ""}
        {commitment.ownerOrganisation} <SectorBadge sector={commitment.sector} />
      </p>
      <p className="note">
        <span data-testid="commitment-due-text">
          {t("commitments.dueOn", { date: formatDate(commitment.dueDate) })}
        </span>
        {commitment.overdue && (
          <strong className="overdue-flag" data-testid="commitment-overdue">
            {" "}
            {t("commitments.overdue")}
          </strong>
        )}
      </p>
      <p className="commitment-percent">
        <progress max={100} value={commitment.percentComplete} aria-label={t("commitments.percent")} />{" "}
        <span data-testid="commitment-percent">{format.percent(commitment.percentComplete / 100)}</span>
      </p>
      {commitment.progress.length > 0 && (
        <ol className="progress-notes" data-testid="progress-notes">
          {commitment.progress.map((note, index) => (
            // Notes are only ever appended: their position is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
            <li key={index} data-testid="progress-note-item">
              <span className="note">
                {formatDate(note.at)} · {note.author.displayName}
                {note.percentComplete !== null && ` · ${format.percent(note.percentComplete / 100)}`}
              </span>
              <p className="preserve-lines">{note.note}</p>
            </li>
          ))}
        </ol>
      )}
      {canEdit && (
        <details className="commitment-edit">
          <summary data-testid="commitment-edit-open">{t("commitments.update")}</summary>
          <CommitmentStatusForm key={commitment.updatedAt} commitment={commitment} onChanged={onChanged} />
          <ProgressNoteForm commitment={commitment} onChanged={onChanged} />
        </details>
      )}
    </article>
  );
}

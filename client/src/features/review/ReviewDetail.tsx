// One decision opened for review: outcome and reason, per-sector tallies, positions and reasons, the frozen
// text (and whether it still matches its hash), corrections, commitments, pledges, chain integrity, exports.
import type { ReviewDecisionDetail } from "@mufakat/shared";
import { SectorBadge } from "../../components/Badges.tsx";
import { useFormat, useFormatDate, useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { formatQuantity } from "../accountability/accountabilityView.ts";
import { readCorrection } from "../decisions/decisionLog.ts";
import { IntegrityBadge } from "../decisions/IntegrityBadge.tsx";
import { SectorTallyRows } from "../motions/TallyView.tsx";
import { ExportButtons } from "./ExportButtons.tsx";

export function ReviewDetail({ detail }: { detail: ReviewDecisionDetail }) {
  const t = useT();
  const formatDate = useFormatDate();
  return (
    <article
      className="review-detail decision-record"
      data-testid="review-detail"
      data-room-id={detail.room.id}
      data-seq={detail.record.seq}
      data-outcome={detail.outcome}
    >
      <header>
        <h2>
          #{detail.record.seq} <span data-testid="review-detail-title">{detail.proposalTitle}</span>
        </h2>
        <p className="note">
          {detail.room.title} · {t("decisions.decidedAt", { date: formatDate(detail.record.at) })}
        </p>
      </header>
      <IntegrityBadge verification={detail.chain} />
      <p className={`decision-outcome decision-${detail.outcome}`} data-testid="review-detail-outcome">
        <strong>{t(`outcome.${detail.outcome}`)}</strong> — {t(`reasonCode.${detail.reasonCode}`)}
      </p>
      <section data-testid="review-tally">
        <h3>{t("tally.title")}</h3>
        <SectorTallyRows tally={detail.tally} />
      </section>
      <Positions detail={detail} />
      <figure className="frozen-text" data-testid="review-frozen">
        <figcaption>
          {t("review.frozenText")}{" "}
          <span data-testid="review-frozen-intact" data-intact={detail.frozenTextIntact}>
            {detail.frozenTextIntact ? t("review.frozenIntact") : t("review.frozenChanged")}
          </span>
        </figcaption>
        <blockquote className="preserve-lines" data-testid="review-frozen-text">
          {detail.frozenText}
        </blockquote>
        <code className="note" title={detail.frozenTextHash}>
          {t("decisions.hash", { hash: detail.frozenTextHash.slice(0, 16) })}
        </code>
      </figure>
      {detail.corrections.length > 0 && (
        <section data-testid="review-corrections">
          <h3>{t("decisions.corrections")}</h3>
          <ul>
            {detail.corrections.map(readCorrection).map((correction) => (
              <li key={correction.seq} data-seq={correction.seq}>
                <span className="note">
                  {t("decisions.correctionBy", {
                    seq: correction.seq,
                    name: correction.correctedBy,
                    date: formatDate(correction.at),
                  })}
                </span>
                <p className="preserve-lines">{correction.note}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Follow detail={detail} />
      <ExportButtons roomId={detail.room.id} />
    </article>
  );
}

function Positions({ detail }: { detail: ReviewDecisionDetail }) {
  const t = useT();
  if (detail.positions.length === 0) return null;
  return (
    <section className="record-positions" data-testid="review-positions">
      <h3>{t("decisions.positions")}</h3>
      <ul>
        {detail.positions.map((item, index) => (
          // Under a secret ballot positions carry no identity; their order is fixed by the server.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
          <li key={index} data-testid="review-position" data-position={item.position} data-sector={item.sector ?? ""}>
            <span className="member-name">{item.displayName ?? t("review.anonymous")}</span>{" "}
            {item.sector && <SectorBadge sector={item.sector} />} {t(`position.${item.position}`)}
            {item.reason && (
              <>
                : <q data-testid="review-position-reason">{item.reason}</q>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What followed the decision: its commitments and the resources pledged to it. */
function Follow({ detail }: { detail: ReviewDecisionDetail }) {
  const t = useT();
  const { locale } = useLocale();
  const formatDate = useFormatDate();
  const format = useFormat();
  return (
    <>
      <section data-testid="review-commitments">
        <h3>{t("commitments.title")}</h3>
        {detail.commitments.length === 0 ? (
          <p className="empty">{t("commitments.none")}</p>
        ) : (
          <ul>
            {detail.commitments.map((c) => (
              <li key={c.id} data-testid="review-commitment" data-status={c.status} data-overdue={c.overdue}>
                <span data-testid="review-commitment-what">{c.what}</span>{" "}
                <span className="note">
                  · {[c.owner?.displayName, c.ownerOrganisation].filter(Boolean).join(" · ")} ·{" "}
                  {t(`commitmentStatus.${c.status}`)} · {format.percent(c.percentComplete / 100)} ·{" "}
                  {t("commitments.dueOn", { date: formatDate(c.dueDate) })}
                </span>
                {c.overdue && <strong className="overdue-flag"> {t("commitments.overdue")}</strong>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section data-testid="review-pledges">
        <h3>{t("resources.pledges")}</h3>
        {detail.pledges.length === 0 ? (
          <p className="empty">{t("resources.noPledges")}</p>
        ) : (
          <ul>
            {detail.pledges.map((p) => (
              <li key={p.id} data-testid="review-pledge" data-status={p.status}>
                <strong data-testid="review-pledge-amount">
                  {formatQuantity(p.quantity, locale)} {p.unit}
                </strong>{" "}
                · {t(`resourceKind.${p.kind}`)} · {p.organisation} <SectorBadge sector={p.sector} /> ·{" "}
                {t(`pledgeStatus.${p.status}`)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

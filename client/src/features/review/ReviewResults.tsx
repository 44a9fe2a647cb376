// The review's matching decisions, newest first; each opens its full record.
import type { ReviewDecisionSummary } from "@mufakat/shared";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";

interface ReviewResultsProps {
  items: ReviewDecisionSummary[];
  selected: { roomId: string; seq: number } | null;
  onOpen(item: ReviewDecisionSummary): void;
}

export function ReviewResults({ items, selected, onOpen }: ReviewResultsProps) {
  const t = useT();
  const formatDate = useFormatDate();
  if (items.length === 0) {
    return (
      <p className="empty" data-testid="review-empty">
        {t("review.noResults")}
      </p>
    );
  }
  return (
    <ul className="review-results" data-testid="review-results">
      {items.map((item) => {
        const isOpen = selected?.roomId === item.roomId && selected.seq === item.seq;
        return (
          <li
            key={`${item.roomId}:${item.seq}`}
            className={isOpen ? "review-result active" : "review-result"}
            data-testid="review-result"
            data-room-id={item.roomId}
            data-seq={item.seq}
            data-outcome={item.outcome}
          >
            <button type="button" className="button-quiet" data-testid="review-open" onClick={() => onOpen(item)}>
              #{item.seq} <span data-testid="review-result-title">{item.proposalTitle}</span>
            </button>
            <span className="note">
              {" "}
              · {item.roomTitle} · {formatDate(item.at)} · <strong>{t(`outcome.${item.outcome}`)}</strong> ·{" "}
              {t("review.summaryCounts", {
                voters: item.votersCount,
                commitments: item.commitments,
                pledges: item.pledges,
              })}
              {item.correctedBy.length > 0 && ` · ${t("review.corrected", { n: item.correctedBy.length })}`}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

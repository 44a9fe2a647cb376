// The coordinators' review of decision logs across the rooms they coordinate: filters, results, one record.
import type { ReviewDecisionSummary, RoomSummary } from "@mufakat/shared";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { myRoomsQuery, reviewDecisionQuery, reviewDecisionsQuery } from "../../api/queries.ts";
import { QueryView } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { dayBoundary } from "../accountability/accountabilityView.ts";
import { ReviewDetail } from "./ReviewDetail.tsx";
import { type ReviewFilterDraft, ReviewFilters, emptyFilter } from "./ReviewFilters.tsx";
import { ReviewResults } from "./ReviewResults.tsx";
import "../accountability/accountability.css";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";

export function ReviewPage() {
  const t = useT();
  useDocumentTitle(t("review.title"));
  const rooms = useQuery(myRoomsQuery());
  return (
    <main className="page review-page" data-testid="review-page">
      <h1>{t("review.title")}</h1>
      <p className="note">{t("review.intro")}</p>
      <QueryView query={rooms}>
        {(mine) => {
          const coordinated = mine.filter((room) => room.abilities.reviewDecisions);
          return coordinated.length === 0 ? (
            <p className="empty" data-testid="review-no-rooms">
              {t("review.noRooms")}
            </p>
          ) : (
            <Review rooms={coordinated} />
          );
        }}
      </QueryView>
    </main>
  );
}

function Review({ rooms }: { rooms: RoomSummary[] }) {
  const [filter, setFilter] = useState<ReviewFilterDraft>(emptyFilter);
  const [selected, setSelected] = useState<{ roomId: string; seq: number } | null>(null);
  const results = useQuery(
    reviewDecisionsQuery({
      roomId: filter.roomId || undefined,
      from: dayBoundary(filter.from, "start"),
      to: dayBoundary(filter.to, "end"),
      outcome: filter.outcome || undefined,
      sector: filter.sector || undefined,
      q: filter.q.trim() || undefined,
    }),
  );
  return (
    <div className="review-layout">
      <ReviewFilters rooms={rooms} initial={filter} onApply={setFilter} />
      <QueryView query={results}>
        {(items) => (
          <ReviewResults
            items={items}
            selected={selected}
            onOpen={(item: ReviewDecisionSummary) => setSelected({ roomId: item.roomId, seq: item.seq })}
          />
        )}
      </QueryView>
      {selected && <OpenRecord key={`${selected.roomId}:${selected.seq}`} {...selected} />}
    </div>
  );
}

function OpenRecord({ roomId, seq }: { roomId: string; seq: number }) {
  const detail = useQuery(reviewDecisionQuery(roomId, seq));
  return <QueryView query={detail}>{(data) => <ReviewDetail detail={data} />}</QueryView>;
}

// The review's filters: room (of those the user coordinates), date range, outcome, voting sector, title text.
import { type RoomSummary, type Sector, type TallyOutcome, sectors, tallyOutcomes } from "@mufakat/shared";
import { type FormEvent, useState } from "react";
import { useT } from "../../i18n/I18nProvider.tsx";
import { PeriodFields } from "../accountability/PeriodFields.tsx";

export interface ReviewFilterDraft {
  roomId: string;
  from: string;
  to: string;
  outcome: TallyOutcome | "";
  sector: Sector | "";
  q: string;
}

export const emptyFilter: ReviewFilterDraft = { roomId: "", from: "", to: "", outcome: "", sector: "", q: "" };

interface ReviewFiltersProps {
  rooms: RoomSummary[];
  initial: ReviewFilterDraft;
  onApply(filter: ReviewFilterDraft): void;
}

export function ReviewFilters({ rooms, initial, onApply }: ReviewFiltersProps) {
  const t = useT();
  const [draft, setDraft] = useState(initial);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }
  return (
    <form className="review-filters" data-testid="review-filters" onSubmit={onSubmit}>
      <label>
        {t("review.room")}{" "}
        <select
          value={draft.roomId}
          data-testid="review-room"
          onChange={(e) => setDraft({ ...draft, roomId: e.target.value })}
        >
          <option value="">{t("review.allRooms")}</option>
          {rooms.map((room) => (
            <option key={room.id} value={room.id}>
              {room.title}
            </option>
          ))}
        </select>
      </label>
      <PeriodFields
        value={{ from: draft.from, to: draft.to }}
        onChange={(period) => setDraft({ ...draft, ...period })}
        testId="review"
      />
      <label>
        {t("review.outcome")}{" "}
        <select
          value={draft.outcome}
          data-testid="review-outcome"
          onChange={(e) => setDraft({ ...draft, outcome: e.target.value as TallyOutcome | "" })}
        >
          <option value="">{t("review.any")}</option>
          {tallyOutcomes.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`outcome.${outcome}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("review.sector")}{" "}
        <select
          value={draft.sector}
          data-testid="review-sector"
          onChange={(e) => setDraft({ ...draft, sector: e.target.value as Sector | "" })}
        >
          <option value="">{t("review.any")}</option>
          {sectors.map((sector) => (
            <option key={sector} value={sector}>
              {t(`sector.${sector}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("review.text")}{" "}
        <input
          type="search"
          value={draft.q}
          data-testid="review-q"
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
      </label>
      <button type="submit" className="button-primary" data-testid="review-submit">
        {t("review.apply")}
      </button>
    </form>
  );
}

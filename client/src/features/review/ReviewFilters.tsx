// The review's filters: room (of those the user coordinates), date range, outcome, voting sector, title text.
// Checked in the browser by the shared reviewQuerySchema on the query they make, then applied as they are.
import {
  type RoomSummary,
  type Sector,
  type TallyOutcome,
  accountabilityLimits,
  reviewQuerySchema,
  sectors,
  tallyOutcomes,
} from "@mufakat/shared";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { dayBoundary } from "../accountability/accountabilityView.ts";
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
  const { form, onSubmit, serverError, error } = useApiForm<ReviewFilterDraft, unknown>({
    schema: reviewQuerySchema,
    defaultValues: initial,
    // The query the review page makes of these filters (ReviewPage), so a refusal is the server's.
    toInput: (draft) => ({
      roomId: draft.roomId || undefined,
      from: dayBoundary(draft.from, "start"),
      to: dayBoundary(draft.to, "end"),
      outcome: draft.outcome || undefined,
      sector: draft.sector || undefined,
      q: draft.q.trim() || undefined,
    }),
    // The page keeps the filters as the fields hold them and makes its query of them.
    send: async (): Promise<void> => onApply(form.getValues()),
  });
  const { register, watch, setValue } = form;
  return (
    <form className="review-filters" data-testid="review-filters" onSubmit={onSubmit}>
      <label>
        {t("review.room")}{" "}
        <select data-testid="review-room" {...register("roomId")}>
          <option value="">{t("review.allRooms")}</option>
          {rooms.map((room) => (
            <option key={room.id} value={room.id}>
              {room.title}
            </option>
          ))}
        </select>
      </label>
      <PeriodFields
        value={{ from: watch("from"), to: watch("to") }}
        onChange={(period) => {
          setValue("from", period.from);
          setValue("to", period.to);
        }}
        testId="review"
      />
      <label>
        {t("review.outcome")}{" "}
        <select data-testid="review-outcome" {...register("outcome")}>
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
        <select data-testid="review-sector" {...register("sector")}>
          <option value="">{t("review.any")}</option>
          {sectors.map((sector) => (
            <option key={sector} value={sector}>
              {t(`sector.${sector}`)}
            </option>
          ))}
        </select>
      </label>
      <FormField
        name="q"
        label={t("review.text")}
        limit={{ max: accountabilityLimits.reviewTextChars, length: checkedLength(watch("q")) }}
        error={serverError}
        fieldError={form.formState.errors.q}
        testId="review-q"
      >
        {(control) => <input {...control} type="search" data-testid="review-q" {...register("q")} />}
      </FormField>
      <button type="submit" className="button-primary" data-testid="review-submit">
        {t("review.apply")}
      </button>
      {/* Only for what the server would refuse too (a title text over the limit). */}
      <ErrorMessage error={error} testId="review-filters-error" />
    </form>
  );
}

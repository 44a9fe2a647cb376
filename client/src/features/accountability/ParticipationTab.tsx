// The participation insight for a period: acts and attendance by sector, a chart by week, the balance
// index, the quiet sectors in words (coordinators), how it is worked out, and the stage's history.
import { type Participation, type RoomDetail, periodQuerySchema } from "@mufakat/shared";
import { useState } from "react";
import { Link } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../api/queryKeys.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { QueryView } from "../../components/QueryView.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useFormatDate, useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { getParticipation } from "./accountabilityEndpoints.ts";
import {
  type WeekCounts,
  dayBoundary,
  dayValue,
  formatPercent,
  sectorsPresent,
  weekBuckets,
} from "./accountabilityView.ts";
import { ParticipationChart } from "./ParticipationChart.tsx";
import { ParticipationExplained } from "./ParticipationExplained.tsx";
import { type PeriodDays, PeriodFields } from "./PeriodFields.tsx";
import { QuietSettingForm } from "./QuietSettingForm.tsx";
import { SectorParticipationTable } from "./SectorParticipationTable.tsx";
import { StageHistory } from "./StageHistory.tsx";
import { SymbolicWarnings } from "./SymbolicWarnings.tsx";
import "./accountability.css";

interface InsightData {
  participation: Participation;
  weeks: WeekCounts[];
}

/** The period's figures, then one read per seven-day bucket for the chart (the report endpoint is coordinators-only). */
async function loadInsight(roomId: string, period: PeriodDays): Promise<InsightData> {
  const participation = await getParticipation(roomId, {
    from: dayBoundary(period.from, "start"),
    to: dayBoundary(period.to, "end"),
  });
  const weeks = await Promise.all(
    weekBuckets(participation.from, participation.to).map(async (bucket): Promise<WeekCounts> => {
      const week = await getParticipation(roomId, bucket);
      return {
        ...bucket,
        perSector: Object.fromEntries(week.sectors.map((s) => [s.sector, { ...s.acts, total: s.total }])),
      };
    }),
  );
  return { participation, weeks };
}

export function defaultPeriod(now = new Date()): PeriodDays {
  return { from: dayValue(new Date(now.getTime() - 29 * 24 * 60 * 60 * 1000)), to: dayValue(now) };
}

export function ParticipationTab({ room }: { room: RoomDetail }) {
  const t = useT();
  const [period, setPeriod] = useState<PeriodDays>(defaultPeriod);
  // The period is checked by the shared periodQuerySchema on the query loadInsight makes of it, as the server will.
  const { form, onSubmit, error } = useApiForm<PeriodDays, unknown>({
    schema: periodQuerySchema,
    defaultValues: period,
    toInput: (days) => ({ from: dayBoundary(days.from, "start"), to: dayBoundary(days.to, "end") }),
    send: async (): Promise<void> => setPeriod(form.getValues()),
  });
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.participation(room.id, period),
    queryFn: () => loadInsight(room.id, period),
  });
  // A new quiet line changes the warnings of every period: drop them all, the one on screen is read again.
  const onQuietSaved = () =>
    void queryClient.invalidateQueries({ queryKey: ["room", room.id, "participation"] satisfies readonly unknown[] });
  return (
    <section className="accountability-tab" data-testid="participation-tab" aria-labelledby="participation-heading">
      <h2 id="participation-heading">{t("participation.title")}</h2>
      <form className="inline-form" onSubmit={onSubmit}>
        <PeriodFields
          value={{ from: form.watch("from"), to: form.watch("to") }}
          onChange={(days) => {
            form.setValue("from", days.from);
            form.setValue("to", days.to);
          }}
          testId="participation-period"
        />
        <button type="submit" data-testid="participation-apply">
          {t("period.apply")}
        </button>
      </form>
      {/* A period the server would refuse (reversed, too long), refused before it is asked for. */}
      <ErrorMessage error={error} testId="participation-period-error" />
      <QueryView query={query}>
        {(data) => (
          <>
            <ParticipationInsight participation={data.participation} weeks={data.weeks} />
            {room.abilities.viewReport && (
              <p className="print-hidden">
                <Link to={`/rooms/${encodeURIComponent(room.id)}/report`} data-testid="participation-report-link">
                  {t("review.reportLink")}
                </Link>
              </p>
            )}
            {room.abilities.editSettings && (
              <QuietSettingForm
                key={data.participation.quietPercent}
                roomId={room.id}
                quietPercent={data.participation.quietPercent}
                onSaved={onQuietSaved}
              />
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}

/** The insight itself, shared by the room tab and the printable report. */
export function ParticipationInsight({ participation, weeks }: InsightData) {
  const t = useT();
  const { locale } = useLocale();
  const formatDate = useFormatDate();
  return (
    <div className="participation-insight" data-testid="participation-insight">
      <p className="note" data-testid="participation-period-text">
        {t("participation.period", { from: formatDate(participation.from), to: formatDate(participation.to) })} ·{" "}
        {t("participation.roomActs", { acts: participation.roomActs, members: participation.writingMembers })} ·{" "}
        {t("participation.balanceIndex", { index: formatPercent(participation.balanceIndex, locale) })} ·{" "}
        {t("participation.quietLine", { quiet: participation.quietPercent })}
      </p>
      <SymbolicWarnings participation={participation} />
      <ParticipationExplained participation={participation} />
      <ParticipationChart weeks={weeks} shown={sectorsPresent(participation.sectors)} />
      <SectorParticipationTable sectors={participation.sectors} />
      <StageHistory stage={participation.stage} history={participation.stageHistory} />
    </div>
  );
}

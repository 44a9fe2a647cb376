// Contributions per sector over time: one bar per week, stacked, one series per sector shown, in its colour.
import type { Sector } from "@mufakat/shared";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { sectorColours } from "../../components/sectorColours.ts";
import { useFormat, useT } from "../../i18n/I18nProvider.tsx";
import { type WeekCounts, weeklyRows } from "./accountabilityView.ts";

interface ParticipationChartProps {
  weeks: WeekCounts[];
  shown: Sector[];
}

export function ParticipationChart({ weeks, shown }: ParticipationChartProps) {
  const t = useT();
  const format = useFormat();
  const rows = weeklyRows(weeks, shown, format.dayMonth);
  return (
    <figure className="chart" data-testid="participation-chart" data-sectors={shown.join(" ")}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" />
          <YAxis allowDecimals={false} tickFormatter={format.number} />
          <Tooltip formatter={(value) => (typeof value === "number" ? format.number(value) : String(value))} />
          {/* In the order of the sectors, as everywhere else, not alphabetically. */}
          <Legend itemSorter={null} />
          {shown.map((sector) => (
            <Bar
              key={sector}
              dataKey={sector}
              name={t(`sector.${sector}`)}
              stackId="week"
              fill={sectorColours[sector].solid}
              className={`participation-bar participation-bar-${sector}`}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="note">{t("participation.chartCaption")}</figcaption>
    </figure>
  );
}

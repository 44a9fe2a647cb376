// Contributions per sector over time: one bar per week, stacked, one series per sector shown, in its colour
// and its pattern, the legend naming each with its marker shape (so it reads without colour).
import type { Sector } from "@mufakat/shared";
import { useId } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SectorMarker } from "../../components/Badges.tsx";
import { SectorPatternDefs, sectorPatternFill } from "../../components/SectorPatterns.tsx";
import { useFormat, useT } from "../../i18n/I18nProvider.tsx";
import { type WeekCounts, weeklyRows } from "./accountabilityView.ts";

interface ParticipationChartProps {
  weeks: WeekCounts[];
  shown: Sector[];
}

export function ParticipationChart({ weeks, shown }: ParticipationChartProps) {
  const t = useT();
  const format = useFormat();
  const patterns = `participation${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const rows = weeklyRows(weeks, shown, format.dayMonth);
  const sectorNamed = new Map(shown.map((sector) => [t(`sector.${sector}`), sector]));
  return (
    <figure className="chart" data-testid="participation-chart" data-sectors={shown.join(" ")}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <SectorPatternDefs prefix={patterns} />
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" />
          <YAxis allowDecimals={false} tickFormatter={format.number} />
          <Tooltip formatter={(value) => (typeof value === "number" ? format.number(value) : String(value))} />
          {/* In the order of the sectors, as everywhere else, not alphabetically. */}
          <Legend
            itemSorter={null}
            formatter={(name: string) => {
              const sector = sectorNamed.get(name);
              return (
                <span className="chart-legend-name">
                  {sector && <SectorMarker sector={sector} />} {name}
                </span>
              );
            }}
          />
          {shown.map((sector) => (
            <Bar
              key={sector}
              dataKey={sector}
              name={t(`sector.${sector}`)}
              stackId="week"
              fill={sectorPatternFill(patterns, sector)}
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

// A bar chart of one kind-and-unit line's totals per sector (pledged and delivered), in the sectors' colours
// and patterns, each bar named under it with the sector's marker shape.
import type { ResourceTotal, Sector } from "@mufakat/shared";
import { useId } from "react";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SectorPatternDefs, sectorPatternFill } from "../../components/SectorPatterns.tsx";
import { sectorColours } from "../../components/sectorColours.ts";
import { useFormat, useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { type ResourceLine, formatQuantity, sectorTotalsFor } from "./accountabilityView.ts";

interface SectorTotalsChartProps {
  bySector: Partial<Record<Sector, ResourceTotal[]>>;
  line: ResourceLine;
}

export function SectorTotalsChart({ bySector, line }: SectorTotalsChartProps) {
  const t = useT();
  const { locale } = useLocale();
  const format = (value: number) => formatQuantity(value, locale);
  // 2.400.000.000 does not fit beside the axis; cut short, it would read as 400.000.000.
  const { compact } = useFormat();
  const patterns = `resources${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const rows = sectorTotalsFor(bySector, line).map((row) => ({
    ...row,
    label: `${sectorColours[row.sector].marker} ${t(`sector.${row.sector}`)}`,
  }));
  return (
    <figure className="chart" data-testid="resource-sector-chart" data-kind={line.kind} data-unit={line.unit}>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 32 }}>
          <SectorPatternDefs prefix={patterns} />
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          {/* Every sector named, slanted so that five names fit a phone's width (left to itself, the axis
              drops the names that would touch). */}
          <XAxis dataKey="label" interval={0} angle={-30} textAnchor="end" height={64} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals tickFormatter={compact} />
          <Tooltip formatter={(value) => (typeof value === "number" ? format(value) : String(value))} />
          <Bar dataKey="total" name={t("resources.total")} isAnimationActive={false}>
            {rows.map((row) => (
              <Cell key={row.sector} fill={sectorPatternFill(patterns, row.sector)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="note">
        {t("resources.chartCaption", { kind: t(`resourceKind.${line.kind}`), unit: line.unit })}
      </figcaption>
    </figure>
  );
}

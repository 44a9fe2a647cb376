// A bar chart of one kind-and-unit line's totals per sector (pledged and delivered), in the sectors' colours.
import type { ResourceTotal, Sector } from "@mufakat/shared";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
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
  const rows = sectorTotalsFor(bySector, line).map((row) => ({ ...row, label: t(`sector.${row.sector}`) }));
  return (
    <figure className="chart" data-testid="resource-sector-chart" data-kind={line.kind} data-unit={line.unit}>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 32 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" />
          <YAxis allowDecimals tickFormatter={compact} />
          <Tooltip formatter={(value) => (typeof value === "number" ? format(value) : String(value))} />
          <Bar dataKey="total" name={t("resources.total")} isAnimationActive={false}>
            {rows.map((row) => (
              <Cell key={row.sector} fill={sectorColours[row.sector].solid} />
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

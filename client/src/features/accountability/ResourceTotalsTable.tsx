// Totals per kind and unit (pledged, delivered, together), overall and for each sector that pledged.
import { type ResourceTotal, type Sector, sectors } from "@mufakat/shared";
import { SectorBadge } from "../../components/Badges.tsx";
import { ScrollRegion } from "../../components/ScrollRegion.tsx";
import { useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { formatQuantity } from "./accountabilityView.ts";

function TotalsRows({ rows, testId }: { rows: ResourceTotal[]; testId: string }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <>
      {rows.map((row) => (
        <tr key={`${row.kind}|${row.unit}`} data-testid={testId} data-kind={row.kind} data-unit={row.unit}>
          <td>{t(`resourceKind.${row.kind}`)}</td>
          <td>{row.unit}</td>
          <td className="number">{formatQuantity(row.pledged, locale)}</td>
          <td className="number">{formatQuantity(row.delivered, locale)}</td>
          <td className="number" data-testid={`${testId}-total`}>
            {formatQuantity(row.total, locale)}
          </td>
        </tr>
      ))}
    </>
  );
}

function Head() {
  const t = useT();
  return (
    <thead>
      <tr>
        <th>{t("resources.kind")}</th>
        <th>{t("resources.unit")}</th>
        <th>{t("pledgeStatus.pledged")}</th>
        <th>{t("pledgeStatus.delivered")}</th>
        <th>{t("resources.total")}</th>
      </tr>
    </thead>
  );
}

interface ResourceTotalsTableProps {
  byKind: ResourceTotal[];
  bySector: Partial<Record<Sector, ResourceTotal[]>>;
}

export function ResourceTotalsTable({ byKind, bySector }: ResourceTotalsTableProps) {
  const t = useT();
  if (byKind.length === 0) return <p className="empty">{t("resources.noTotals")}</p>;
  return (
    <div className="resource-totals">
      <h3>{t("resources.byKind")}</h3>
      <ScrollRegion label={t("resources.byKind")}>
        <table className="data-table" data-testid="resource-totals-by-kind">
          <Head />
          <tbody>
            <TotalsRows rows={byKind} testId="resource-total" />
          </tbody>
        </table>
      </ScrollRegion>
      <h3>{t("resources.bySector")}</h3>
      {sectors
        .filter((sector) => (bySector[sector] ?? []).length > 0)
        .map((sector) => (
          <section key={sector} data-testid={`resource-sector-${sector}`}>
            <h4>
              <SectorBadge sector={sector} />
            </h4>
            <ScrollRegion label={`${t("resources.bySector")}: ${t(`sector.${sector}`)}`}>
              <table className="data-table">
                <Head />
                <tbody>
                  <TotalsRows rows={bySector[sector] ?? []} testId="resource-sector-total" />
                </tbody>
              </table>
            </ScrollRegion>
          </section>
        ))}
    </div>
  );
}

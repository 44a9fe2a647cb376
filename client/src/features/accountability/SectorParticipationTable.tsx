// Per sector: writing members, acts of each kind (the coordinators' together), the acts in all, how far
// they are from proportion (rounded down, so it agrees with the flag), the line under which the sector is
// flagged, and attendance time.
import { type SectorParticipationView, memberActKinds } from "@mufakat/shared";
import { SectorBadge } from "../../components/Badges.tsx";
import { ScrollRegion } from "../../components/ScrollRegion.tsx";
import { useFormat, useT } from "../../i18n/I18nProvider.tsx";
import { balanceLevel, splitDuration } from "./accountabilityView.ts";
import { coordinationInWords } from "./participationWords.ts";

export function SectorParticipationTable({ sectors }: { sectors: SectorParticipationView[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <ScrollRegion label={t("participation.title")}>
      <table className="data-table" data-testid="participation-table">
        <thead>
          <tr>
            <th>{t("field.sector")}</th>
            <th>{t("participation.members")}</th>
            {memberActKinds.map((kind) => (
              <th key={kind}>{t(`act.kind.${kind}`)}</th>
            ))}
            <th>{t("act.kind.coordination")}</th>
            <th>{t("participation.total")}</th>
            <th>{t("participation.proportion")}</th>
            <th>{t("participation.flaggedBelow")}</th>
            <th>{t("participation.attendance")}</th>
          </tr>
        </thead>
        <tbody>
          {sectors.map((row) => {
            const level = balanceLevel(row.proportionPercent);
            const time = splitDuration(row.attendanceMs);
            const coordination = row.total - memberActKinds.reduce((sum, kind) => sum + row.acts[kind], 0);
            return (
              <tr
                key={row.sector}
                data-testid="participation-row"
                data-sector={row.sector}
                data-quiet={row.quiet}
                className={row.quiet ? "row-warning" : undefined}
              >
                <td>
                  <SectorBadge sector={row.sector} />
                </td>
                <td className="number">
                  {format.number(row.members)}
                  {row.observers > 0 && (
                    <span className="note"> (+{t("participation.observers", { n: row.observers })})</span>
                  )}
                </td>
                {memberActKinds.map((kind) => (
                  <td key={kind} className="number">
                    {format.number(row.acts[kind])}
                  </td>
                ))}
                <td className="number" data-testid="participation-coordination">
                  {format.number(coordination)}
                  {coordination > 0 && <span className="note"> ({coordinationInWords(row, t, format)})</span>}
                </td>
                <td className="number" data-testid="participation-total">
                  {format.number(row.total)}
                </td>
                <td data-testid="participation-proportion" data-level={level}>
                  <span className={`balance balance-${level}`}>
                    {row.proportionPercent === null ? "–" : `${format.number(row.proportionPercent)}%`}{" "}
                    {t(`balance.${level}`)}
                  </span>
                </td>
                <td className="number" data-testid="participation-flagged-below">
                  {row.flaggedBelow === null ? "–" : format.number(row.flaggedBelow)}
                </td>
                <td className="number" data-testid="participation-attendance">
                  {t("participation.duration", { h: time.hours, m: time.minutes })}
                  {row.membersPresent > 0 && (
                    <span className="note"> · {t("participation.present", { n: row.membersPresent })}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

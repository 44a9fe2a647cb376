// Per sector: members, contributions of each kind, share, balance indicator and attendance time.
import { type SectorParticipationView, contributionKinds } from "@mufakat/shared";
import { SectorBadge } from "../../components/Badges.tsx";
import { useFormat, useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { balanceLevel, formatPercent, splitDuration } from "./accountabilityView.ts";

export function SectorParticipationTable({ sectors }: { sectors: SectorParticipationView[] }) {
  const t = useT();
  const { locale } = useLocale();
  const format = useFormat();
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="participation-table">
        <thead>
          <tr>
            <th>{t("field.sector")}</th>
            <th>{t("participation.members")}</th>
            {contributionKinds.map((kind) => (
              <th key={kind}>{t(`contribution.${kind}`)}</th>
            ))}
            <th>{t("participation.total")}</th>
            <th>{t("participation.share")}</th>
            <th>{t("participation.balance")}</th>
            <th>{t("participation.attendance")}</th>
          </tr>
        </thead>
        <tbody>
          {sectors.map((row) => {
            const level = balanceLevel(row.balance);
            const time = splitDuration(row.attendanceMs);
            return (
              <tr
                key={row.sector}
                data-testid="participation-row"
                data-sector={row.sector}
                data-below-floor={row.belowFloor}
                className={row.belowFloor ? "row-warning" : undefined}
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
                {contributionKinds.map((kind) => (
                  <td key={kind} className="number">
                    {format.number(row.contributions[kind])}
                  </td>
                ))}
                <td className="number" data-testid="participation-total">
                  {format.number(row.total)}
                </td>
                <td className="number">{formatPercent(row.contributionShare, locale)}</td>
                <td data-testid="participation-balance" data-level={level}>
                  <span className={`balance balance-${level}`}>
                    {row.balance === null ? "–" : format.twoDecimals(row.balance)} {t(`balance.${level}`)}
                  </span>
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
    </div>
  );
}

// For coordinators: the sectors present in the room but contributing under the floor (partisipasi simbolis).
import type { Participation } from "@mufakat/shared";
import { SectorBadge } from "../../components/Badges.tsx";
import { useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { formatPercent } from "./accountabilityView.ts";

export function SymbolicWarnings({ warnings }: { warnings: Participation["warnings"] }) {
  const t = useT();
  const { locale } = useLocale();
  // Null: the server shows warnings to coordinators only.
  if (warnings === null) return null;
  if (warnings.length === 0) {
    return (
      <p className="note" data-testid="symbolic-none">
        {t("participation.noWarnings")}
      </p>
    );
  }
  return (
    <ul className="symbolic-warnings" data-testid="symbolic-warnings">
      {warnings.map((warning) => (
        <li
          key={warning.sector}
          className="warning-banner"
          role="alert"
          data-testid="symbolic-warning"
          data-sector={warning.sector}
        >
          <SectorBadge sector={warning.sector} />{" "}
          {t("participation.warning", {
            sector: t(`sector.${warning.sector}`),
            members: warning.members,
            share: formatPercent(warning.contributionShare, locale),
            floor: warning.floorPercent,
          })}
        </li>
      ))}
    </ul>
  );
}

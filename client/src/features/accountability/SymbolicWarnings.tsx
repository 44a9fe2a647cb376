// For coordinators: the sectors quiet for their share of the members (partisipasi simbolis), each in one
// sentence saying what it did and did not do; or why nobody is flagged.
import type { Participation } from "@mufakat/shared";
import { useFormat, useT } from "../../i18n/I18nProvider.tsx";
import { quietSectorSentence } from "./participationWords.ts";

export function SymbolicWarnings({ participation }: { participation: Participation }) {
  const t = useT();
  const format = useFormat();
  const { warnings } = participation;
  // Null: the server shows warnings to coordinators only.
  if (warnings === null) return null;
  if (!participation.judged) {
    return (
      <p className="note" data-testid="participation-not-judged">
        {t("participation.notJudged", { acts: participation.roomActs, minimum: participation.minimumActs })}
      </p>
    );
  }
  if (warnings.length === 0) {
    return (
      <p className="note" data-testid="symbolic-none">
        {t("participation.noWarnings")}
      </p>
    );
  }
  return (
    <div className="symbolic-warnings" data-testid="symbolic-warnings">
      <p>{t("participation.warningsTitle")}</p>
      <ul>
        {warnings.map((warning) => (
          <li
            key={warning.sector}
            className="warning-banner"
            role="alert"
            data-testid="symbolic-warning"
            data-sector={warning.sector}
          >
            {quietSectorSentence(warning, participation.periodDays, t, format)}
          </li>
        ))}
      </ul>
    </div>
  );
}

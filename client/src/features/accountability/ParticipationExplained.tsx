// "How is this worked out?": what an act is, the quiet rule, when a period is judged, how figures are
// rounded, and each sector's own figures for the period on screen (shared/src/rules/README.md).
import type { Participation } from "@mufakat/shared";
import { useFormat, useT } from "../../i18n/I18nProvider.tsx";
import { explanationBySector, explanationParagraphs } from "./participationWords.ts";

export function ParticipationExplained({ participation }: { participation: Participation }) {
  const t = useT();
  const format = useFormat();
  return (
    <details className="participation-explained" data-testid="participation-explained">
      <summary data-testid="participation-explained-toggle">{t("participation.explain.toggle")}</summary>
      {explanationParagraphs(participation, t).map((text) => (
        <p key={text} data-testid="participation-explained-paragraph">
          {text}
        </p>
      ))}
      <ul>
        {explanationBySector(participation, t, format).map(({ sector, text }) => (
          <li key={sector} data-testid="participation-explained-sector" data-sector={sector}>
            {text}
          </li>
        ))}
      </ul>
    </details>
  );
}

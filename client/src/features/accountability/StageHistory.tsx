// The room's collaboration stage now, and every change of it (who, when).
import type { CollaborationStage, StageChange } from "@mufakat/shared";
import { StageBadge } from "../../components/Badges.tsx";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";

export function StageHistory({ stage, history }: { stage: CollaborationStage; history: StageChange[] }) {
  const t = useT();
  const formatDate = useFormatDate();
  return (
    <section className="stage-history" data-testid="stage-history">
      <h3>{t("participation.stage")}</h3>
      <p>
        <StageBadge stage={stage} />
      </p>
      {history.length === 0 ? (
        <p className="empty">{t("participation.noStageChanges")}</p>
      ) : (
        <ol>
          {history.map((change) => (
            <li key={`${change.at}-${change.to}`} data-testid="stage-change" data-to={change.to}>
              {change.from ? t(`stage.${change.from}`) : "–"} → {t(`stage.${change.to}`)}{" "}
              <span className="note">
                · {change.by.displayName} · {formatDate(change.at)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// The room's decision log: integrity badge, records newest first with their corrections, and for
// coordinators the correction form and the room's decision settings.
import type { ChainVerification, DecisionRecord, RoomAbilities } from "@mufakat/shared";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { QueryView } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { useMotionEvents } from "../motions/useMotionEvents.ts";
import { DecisionRecordCard } from "./DecisionRecordCard.tsx";
import { DecisionSettingsForm } from "./DecisionSettingsForm.tsx";
import { getDecisionSettings, listDecisions, verifyDecisions } from "./decisionEndpoints.ts";
import { groupDecisionLog } from "./decisionLog.ts";
import { IntegrityBadge } from "./IntegrityBadge.tsx";

interface DecisionLogData {
  records: DecisionRecord[];
  verification: ChainVerification;
}

async function loadDecisionLog(roomId: string): Promise<DecisionLogData> {
  const [records, verification] = await Promise.all([listDecisions(roomId), verifyDecisions(roomId)]);
  return { records, verification };
}

export function DecisionsTab({ roomId, abilities }: { roomId: string; abilities: RoomAbilities }) {
  const t = useT();
  const log = useApiQuery(`decisions/${roomId}`, () => loadDecisionLog(roomId));
  const { setData } = log;
  // A closed motion appends a record: read the log and its verification again, without a loading state.
  useMotionEvents(roomId, {
    onClosed: () =>
      void loadDecisionLog(roomId).then(setData, (error: unknown) => console.warn("could not reload decisions", error)),
  });
  return (
    <section className="decisions-tab" data-testid="decisions-tab" aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">{t("decisions.title")}</h2>
      <QueryView result={log.result} reload={log.reload}>
        {({ records, verification }) => {
          const decisions = groupDecisionLog(records);
          return (
            <>
              <IntegrityBadge verification={verification} />
              {decisions.length === 0 ? (
                <p className="empty" data-testid="decisions-empty">
                  {t("decisions.empty")}
                </p>
              ) : (
                decisions.map((decision) => (
                  <DecisionRecordCard
                    key={decision.seq}
                    roomId={roomId}
                    decision={decision}
                    canCorrect={abilities.correctDecision}
                    onCorrected={log.reload}
                  />
                ))
              )}
            </>
          );
        }}
      </QueryView>
      {abilities.editSettings && <RoomDecisionSettings roomId={roomId} />}
    </section>
  );
}

function RoomDecisionSettings({ roomId }: { roomId: string }) {
  const { result, reload, setData } = useApiQuery(`decision-settings/${roomId}`, () => getDecisionSettings(roomId));
  return (
    <QueryView result={result} reload={reload}>
      {(settings) => <DecisionSettingsForm roomId={roomId} settings={settings} onSaved={setData} />}
    </QueryView>
  );
}

// The room's decision log: integrity badge, records newest first with their corrections, and for
// coordinators the correction form and the room's decision settings. The browser checks the chain itself,
// with the same shared code the server and `pnpm verify-log` use, over the records it received; only a log
// longer than one page (so without record 1 here) is shown as the server verified it.
import {
  type ChainVerification,
  type RoomDecisionSettings as DecisionSettings,
  type DecisionRecord,
  type RoomAbilities,
  verifyDecisionChain,
} from "@mufakat/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { decisionSettingsQuery, decisionVerificationQuery, decisionsQuery } from "../../api/queries.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import { QueryView, allQueries } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { DecisionRecordCard } from "./DecisionRecordCard.tsx";
import { DecisionSettingsForm } from "./DecisionSettingsForm.tsx";
import { groupDecisionLog } from "./decisionLog.ts";
import { IntegrityBadge } from "./IntegrityBadge.tsx";

export function DecisionsTab({ roomId, abilities }: { roomId: string; abilities: RoomAbilities }) {
  const t = useT();
  const queryClient = useQueryClient();
  const log = allQueries([useQuery(decisionsQuery(roomId)), useQuery(decisionVerificationQuery(roomId))] as const);
  // A correction appends a record: the log and its verification are read again, the records stay on screen.
  const onCorrected = () => void queryClient.invalidateQueries({ queryKey: queryKeys.decisions(roomId) });
  return (
    <section className="decisions-tab" data-testid="decisions-tab" aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">{t("decisions.title")}</h2>
      <QueryView query={log}>
        {([records, verification]) => {
          const decisions = groupDecisionLog(records);
          const checked = chainCheckOf(records, verification);
          return (
            <>
              <IntegrityBadge verification={checked.verification} />
              <p className="note" data-testid="integrity-checked-by" data-checked-by={checked.by}>
                {checked.by === "browser"
                  ? t("decisions.checkedBy.browser")
                  : t("decisions.checkedBy.server", { n: records.length })}
              </p>
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
                    onCorrected={onCorrected}
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

/**
 * The browser's own check when it holds the whole log (record 1 is among the records served); otherwise
 * the server's, since a suffix of the log cannot be linked back to the first record's 64 zeros.
 */
function chainCheckOf(
  records: readonly DecisionRecord[],
  server: ChainVerification,
): { by: "browser" | "server"; verification: ChainVerification } {
  if (records.length > 0 && !records.some((record) => record.seq === 1)) return { by: "server", verification: server };
  const { records: _perRecord, ...verification } = verifyDecisionChain(records);
  return { by: "browser", verification };
}

function RoomDecisionSettings({ roomId }: { roomId: string }) {
  const queryClient = useQueryClient();
  const settings = useQuery(decisionSettingsQuery(roomId));
  const onSaved = (saved: DecisionSettings) => queryClient.setQueryData(queryKeys.decisionSettings(roomId), saved);
  return (
    <QueryView query={settings}>
      {(loaded) => <DecisionSettingsForm roomId={roomId} settings={loaded} onSaved={onSaved} />}
    </QueryView>
  );
}

// One decision in the log: outcome and why, per-sector tallies, positions (or anonymous reasons), corrections.
import type { DecisionRecord } from "@mufakat/shared";
import { SectorBadge } from "../../components/Badges.tsx";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";
import { SectorTallyRows } from "../motions/TallyView.tsx";
import { PollResult } from "../polls/PollResult.tsx";
import { CorrectionForm } from "./CorrectionForm.tsx";
import type { DecisionView } from "./decisionLog.ts";

interface DecisionRecordCardProps {
  roomId: string;
  decision: DecisionView;
  canCorrect: boolean;
  onCorrected(record: DecisionRecord): void;
}

export function DecisionRecordCard({ roomId, decision, canCorrect, onCorrected }: DecisionRecordCardProps) {
  const t = useT();
  const formatDate = useFormatDate();
  return (
    <article
      className="decision-record"
      data-testid="decision-record"
      data-seq={decision.seq}
      data-outcome={decision.outcome ?? ""}
    >
      <header>
        <h3>
          <span data-testid="decision-record-seq">#{decision.seq}</span>{" "}
          <span data-testid="decision-record-title">{decision.proposalTitle}</span>
        </h3>
        <p className="note">
          {t("decisions.decidedAt", { date: formatDate(decision.at) })}
          {decision.closeReason && ` · ${t(`closeReason.${decision.closeReason}`)}`}
          {decision.earlyClose && ` · ${t("decision.earlyClose")}`}
        </p>
      </header>
      {decision.poll ? (
        <PollResult poll={decision.poll} />
      ) : decision.readable && decision.outcome ? (
        <p className={`decision-outcome decision-${decision.outcome}`} data-testid="decision-record-outcome">
          <strong>{t(`outcome.${decision.outcome}`)}</strong>
          {decision.reasonCode && ` — ${t(`reasonCode.${decision.reasonCode}`)}`}
        </p>
      ) : (
        <p className="empty">{t("decisions.unreadable")}</p>
      )}
      {decision.tally && <SectorTallyRows tally={decision.tally} />}
      <RecordPositions decision={decision} />
      <p className="note hash">
        <code title={decision.hash}>{t("decisions.hash", { hash: decision.hash.slice(0, 16) })}</code>
      </p>
      {decision.corrections.length > 0 && (
        <section className="corrections" data-testid="decision-corrections">
          <h4>{t("decisions.corrections")}</h4>
          <ul>
            {decision.corrections.map((correction) => (
              <li key={correction.seq} data-testid="decision-correction" data-seq={correction.seq}>
                <p className="note">
                  {t("decisions.correctionBy", {
                    seq: correction.seq,
                    name: correction.correctedBy,
                    date: formatDate(correction.at),
                  })}
                </p>
                <p className="preserve-lines" data-testid="decision-correction-note">
                  {correction.note}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {canCorrect && <CorrectionForm roomId={roomId} seq={decision.seq} onCorrected={onCorrected} />}
    </article>
  );
}

function RecordPositions({ decision }: { decision: DecisionView }) {
  const t = useT();
  if (decision.secretBallot) {
    if (decision.reasons.length === 0) return null;
    return (
      <section className="record-positions" data-testid="decision-record-reasons">
        <h4>{t("decisions.secretReasons")}</h4>
        <ul>
          {decision.reasons.map((item, index) => (
            // Reasons of a secret ballot have no identity; their sorted position is their key.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
            <li key={index} data-position={item.position}>
              {t(`position.${item.position}`)}: <q>{item.reason}</q>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  if (decision.positions.length === 0) return null;
  return (
    <section className="record-positions" data-testid="decision-record-positions">
      <h4>{t("decisions.positions")}</h4>
      <ul>
        {decision.positions.map((item) => (
          <li
            key={item.memberId}
            data-testid="decision-record-position"
            data-position={item.position}
            data-sector={item.sector}
          >
            <span className="member-name">{item.displayName}</span> <SectorBadge sector={item.sector} />{" "}
            {t(`position.${item.position}`)}
            {item.reason && (
              <>
                : <q>{item.reason}</q>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

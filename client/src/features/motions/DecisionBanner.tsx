// The decision on a proposal once its motion has closed: outcome, why, which sectors did not vote and
// whether that mattered, how it closed, its log record.
import type { Motion } from "@mufakat/shared";
import { useEffect, useRef } from "react";
import { focusElement } from "../../components/focusOnArrival.ts";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";
import { sectorsThatDidNotVote } from "./tallyBars.ts";

export function closedEarly(motion: Motion): boolean {
  return (
    motion.closeReason !== null &&
    motion.closeReason !== "deadline" &&
    motion.closedAt !== null &&
    Date.parse(motion.closedAt) < Date.parse(motion.deadline)
  );
}

/** `focusOnShow`: the viewer just closed the motion, so focus moves here, to the result of their act. */
export function DecisionBanner({ motion, focusOnShow = false }: { motion: Motion; focusOnShow?: boolean }) {
  const t = useT();
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnShow && banner.current) focusElement(banner.current);
  }, [focusOnShow]);
  const formatDate = useFormatDate();
  const { outcome, reasonCode } = motion.tally;
  const absent = sectorsThatDidNotVote(motion.tally);
  return (
    <div
      ref={banner}
      className={`decision-banner decision-${outcome}`}
      role="status"
      data-testid="decision-banner"
      data-outcome={outcome}
      data-reason-code={reasonCode}
    >
      <strong data-testid="decision-outcome">{t("decision.title", { outcome: t(`outcome.${outcome}`) })}</strong>
      <p data-testid="decision-reason">{t(`reasonCode.${reasonCode}`)}</p>
      {absent.sectors.length > 0 && (
        <p
          data-testid="decision-absent-sectors"
          data-mattered={absent.mattered}
          data-sectors={absent.sectors.join(" ")}
        >
          {t("decision.absentSectors", {
            count: absent.sectors.length,
            sectors: absent.sectors.map((sector) => t(`sector.${sector}`)).join(", "),
            mattered: absent.mattered ? "yes" : "no",
          })}
        </p>
      )}
      {motion.closeReason && motion.closedAt && (
        <p data-testid="decision-close-reason" data-close-reason={motion.closeReason}>
          {t("decision.closeReason", {
            reason: t(`closeReason.${motion.closeReason}`),
            date: formatDate(motion.closedAt),
          })}
        </p>
      )}
      {closedEarly(motion) && <p data-testid="decision-early">{t("decision.earlyClose")}</p>}
      {motion.decisionSeq !== null && (
        <p className="note" data-testid="decision-seq">
          {t("decision.recordLink", { seq: motion.decisionSeq })}
        </p>
      )}
    </div>
  );
}

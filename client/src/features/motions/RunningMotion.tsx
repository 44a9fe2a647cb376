// A motion being voted on: the frozen text and its hash, the countdown, the vote form, the live tally, and
// for coordinators closing it early, which asks first: the decision it records is final.
import type { Motion, VoteResult } from "@mufakat/shared";
import { ConfirmButton } from "../../components/ConfirmDialog.tsx";
import { MotionDelegation } from "../delegations/MotionDelegation.tsx";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";
import { BallotList } from "./BallotList.tsx";
import { closeMotionEarly } from "./motionEndpoints.ts";
import { useRuleSummary } from "./RuleFields.tsx";
import { formatCountdown, shortHash } from "./tallyBars.ts";
import { TallyView } from "./TallyView.tsx";
import { useNow } from "./useNow.ts";
import { VoteForm } from "./VoteForm.tsx";

interface RunningMotionProps {
  motion: Motion;
  onVoted(result: VoteResult): void;
  onClosed(motion: Motion): void;
}

export function RunningMotion({ motion, onVoted, onClosed }: RunningMotionProps) {
  const t = useT();
  const formatDate = useFormatDate();
  const summary = useRuleSummary();
  return (
    <div className="running-motion" data-testid="running-motion" data-motion-id={motion.id}>
      <p className="motion-running-title" data-testid="motion-running">
        <strong>{t("motion.running")}</strong>
        {motion.secretBallot && <span className="badge">{t("motion.secretBallot")}</span>}
      </p>
      <Countdown deadline={motion.deadline} />
      <p className="note">
        {t("motion.openedBy", { name: motion.openedBy.displayName, date: formatDate(motion.openedAt) })} ·{" "}
        <span data-testid="motion-rule">{summary(motion.rule)}</span>
      </p>
      <FrozenText motion={motion} />
      {!motion.abilities.vote ? (
        <p className="note">{t("vote.observer")}</p>
      ) : (
        <>
          <VoteForm key={motion.id} motion={motion} onVoted={onVoted} />
          <MotionDelegation motion={motion} />
        </>
      )}
      <TallyView motion={motion} preview />
      <BallotList motion={motion} />
      {motion.abilities.closeMotion && (
        <div className="motion-actions">
          <ConfirmButton
            act="closeMotion"
            label={t("motion.closeEarly")}
            testId="motion-close"
            title={t("confirm.closeMotion.title")}
            confirmLabel={t("confirm.closeMotion.confirm")}
            irreversible={t("confirm.closeMotion.irreversible")}
            run={async () => onClosed(await closeMotionEarly(motion.id))}
          >
            <CloseEarlyConsequence motion={motion} />
          </ConfirmButton>
        </div>
      )}
    </div>
  );
}

/** What closing now decides: who has voted, and the outcome the rule gives on those votes. */
function CloseEarlyConsequence({ motion }: { motion: Motion }) {
  const t = useT();
  const { tally } = motion;
  return (
    <>
      <p>{t("confirm.closeMotion.consequence")}</p>
      <p data-testid="confirm-close-turnout">
        {t("confirm.closeMotion.votersOfEligible", { voters: tally.votersCount, eligible: motion.eligibleCount })}
      </p>
      <p data-testid="confirm-close-outcome" data-outcome={tally.outcome}>
        {t("confirm.closeMotion.outcome", { outcome: t(`outcome.${tally.outcome}`) })}
      </p>
    </>
  );
}

export function FrozenText({ motion }: { motion: Motion }) {
  const t = useT();
  return (
    <figure className="frozen-text">
      <figcaption>
        {t("motion.frozenText")} ·{" "}
        <code title={motion.frozenTextHash} data-testid="motion-hash" data-hash={motion.frozenTextHash}>
          {t("motion.hash", { hash: shortHash(motion.frozenTextHash) })}
        </code>
      </figcaption>
      <blockquote className="preserve-lines" data-testid="motion-frozen-text">
        {motion.frozenText}
      </blockquote>
    </figure>
  );
}

function Countdown({ deadline }: { deadline: string }) {
  const t = useT();
  const now = useNow(1_000);
  const remaining = Date.parse(deadline) - now;
  return (
    <p className="countdown" data-testid="motion-countdown" aria-live="off">
      {remaining > 0 ? t("motion.countdown", { time: formatCountdown(remaining) }) : t("motion.deadlinePassed")}
    </p>
  );
}

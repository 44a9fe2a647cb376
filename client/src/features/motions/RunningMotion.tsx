// A motion being voted on: the frozen text and its hash, the countdown, the vote form, the live tally.
import { useMutation } from "@tanstack/react-query";
import type { Motion, VoteResult } from "@mufakat/shared";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
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
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({ mutationFn: async () => onClosed(await closeMotionEarly(motion.id)) });
  const error = apiErrorOf(failure);
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
        <VoteForm key={motion.id} motion={motion} onVoted={onVoted} />
      )}
      <TallyView motion={motion} preview />
      <BallotList motion={motion} />
      {motion.abilities.closeMotion && (
        <div className="motion-actions">
          <button type="button" disabled={submitting} data-testid="motion-close" onClick={() => void submit()}>
            {t("motion.closeEarly")}
          </button>
          <ErrorMessage error={error} testId="motion-close-error" />
        </div>
      )}
    </div>
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

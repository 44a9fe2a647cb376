// Who holds which position, with reasons: named ballots only (empty under a secret ballot).
import type { Motion } from "@mufakat/shared";
import { SectorBadge } from "../../components/Badges.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";

export function BallotList({ motion }: { motion: Motion }) {
  const t = useT();
  if (motion.secretBallot || motion.ballots.length === 0) return null;
  return (
    <section className="ballots" data-testid="ballot-list">
      <h4>{t("tally.ballots")}</h4>
      <ul>
        {motion.ballots.map((ballot) => (
          <li key={ballot.memberId} data-testid="ballot" data-position={ballot.position} data-sector={ballot.sector}>
            <span className="member-name">{ballot.displayName}</span> <SectorBadge sector={ballot.sector} />{" "}
            <span className={`position-label position-${ballot.position}`}>{t(`position.${ballot.position}`)}</span>
            {ballot.reason && <q className="ballot-reason">{ballot.reason}</q>}
          </li>
        ))}
      </ul>
    </section>
  );
}

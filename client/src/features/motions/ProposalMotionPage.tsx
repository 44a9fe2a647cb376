// A page for one proposal's motion, reachable by link until the proposal view hosts the panel itself.
import { Link, useParams } from "react-router";
import { useT } from "../../i18n/I18nProvider.tsx";
import { MotionPanel } from "./MotionPanel.tsx";

export function ProposalMotionPage() {
  const t = useT();
  const { roomId = "", proposalId = "" } = useParams();
  return (
    <main className="page">
      <p>
        <Link to={`/rooms/${roomId}`} data-testid="back-to-room">
          {t("motion.backToRoom")}
        </Link>
      </p>
      <MotionPanel roomId={roomId} proposalId={proposalId} />
    </main>
  );
}

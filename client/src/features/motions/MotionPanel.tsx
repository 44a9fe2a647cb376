// The motion panel of a proposal: open a motion, vote while it runs, and the decision once it closed.
import type { Motion } from "@mufakat/shared";
import { useState } from "react";
import { QueryView } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { BallotList } from "./BallotList.tsx";
import { DecisionBanner } from "./DecisionBanner.tsx";
import { OpenMotionForm } from "./OpenMotionForm.tsx";
import { FrozenText, RunningMotion } from "./RunningMotion.tsx";
import { TallyView } from "./TallyView.tsx";
import { useProposalMotion } from "./useProposalMotion.ts";
import { type RoomVoteAccess, canOpenMotions, useRoomVoteAccess } from "./useRoomVoteAccess.ts";

interface MotionPanelProps {
  roomId: string;
  proposalId: string;
}

export function MotionPanel({ roomId, proposalId }: MotionPanelProps) {
  const t = useT();
  const access = useRoomVoteAccess(roomId);
  const proposalMotion = useProposalMotion(roomId, proposalId);
  return (
    <section className="motion-panel" data-testid="motion-panel" data-proposal-id={proposalId}>
      <h2>{t("motion.title")}</h2>
      <QueryView query={access}>
        {(viewer) => (
          <QueryView query={proposalMotion.query}>
            {(motion) => (
              <MotionPanelBody
                roomId={roomId}
                proposalId={proposalId}
                access={viewer}
                motion={motion}
                onMotion={proposalMotion.setMotion}
                onVoted={proposalMotion.applyVote}
              />
            )}
          </QueryView>
        )}
      </QueryView>
    </section>
  );
}

interface MotionPanelBodyProps extends MotionPanelProps {
  access: RoomVoteAccess;
  motion: Motion | null;
  onMotion(motion: Motion): void;
  onVoted: Parameters<typeof RunningMotion>[0]["onVoted"];
}

function MotionPanelBody({ roomId, proposalId, access, motion, onMotion, onVoted }: MotionPanelBodyProps) {
  const t = useT();
  // Set when this viewer closed the motion: focus then goes to the decision it recorded.
  const [closedHere, setClosedHere] = useState(false);
  const mayOpen = canOpenMotions(access);
  const openForm = mayOpen && motion?.tally.outcome !== "adopted" && (
    <OpenMotionForm
      roomId={roomId}
      proposalId={proposalId}
      roomRule={access.settings.decisionRule}
      onOpened={onMotion}
    />
  );
  if (!motion) {
    return (
      <>
        <p className="empty" data-testid="motion-none">
          {t("motion.none")}
        </p>
        {openForm}
        {!mayOpen && access.abilities.post && <p className="note">{t("motion.open.notAllowed")}</p>}
      </>
    );
  }
  return (
    <>
      <p className="eyebrow" data-testid="motion-proposal-title">
        {t("motion.forProposal", { title: motion.proposalTitle })}
      </p>
      {motion.status === "closed" ? (
        <>
          <DecisionBanner motion={motion} focusOnShow={closedHere} />
          <FrozenText motion={motion} />
          <TallyView motion={motion} preview={false} />
          <BallotList motion={motion} />
          {openForm}
        </>
      ) : (
        <RunningMotion
          motion={motion}
          onVoted={onVoted}
          onClosed={(closed) => {
            setClosedHere(true);
            onMotion(closed);
          }}
        />
      )}
    </>
  );
}

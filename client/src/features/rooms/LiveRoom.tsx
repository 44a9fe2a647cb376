// The live part of a room: proposals (list and the open one with editor, comments and versions) and the
// room chat, over the room channel the page joined.
import type { MentionCandidate, RoomDetail, User } from "@mufakat/shared";
import { useMemo } from "react";
import { useSession } from "../../api/useSession.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import type { RoomChannel } from "../../realtime/index.ts";
import { RoomChat } from "../discussion/RoomChat.tsx";
import { MotionPanel } from "../motions/MotionPanel.tsx";
import { ProposalList } from "../proposals/ProposalList.tsx";
import { ProposalView } from "../proposals/ProposalView.tsx";
import { LiveStatusBanner } from "./LiveStatusBanner.tsx";

interface LiveRoomProps {
  room: RoomDetail;
  channel: RoomChannel;
  proposalId: string | null;
}

export function LiveRoom({ room, channel, proposalId }: LiveRoomProps) {
  const session = useSession();
  const members = useMemo(() => mentionCandidates(room), [room]);
  if (session.state !== "signed-in") return null;
  return (
    <section className="live-room" data-testid="live-room">
      <LiveStatusBanner status={channel.status} />
      <LiveRoomBody room={room} channel={channel} proposalId={proposalId} me={session.user} members={members} />
    </section>
  );
}

function LiveRoomBody({
  room,
  channel,
  proposalId,
  me,
  members,
}: LiveRoomProps & { me: User; members: MentionCandidate[] }) {
  const t = useT();
  const { socket, status, room: joined } = channel;
  if (!socket) return <Loading />;
  if (joined.state === "failed") return <ErrorMessage error={joined.error} testId="room-join-error" />;
  if (joined.state === "joining") return <Loading />;
  const canWrite = joined.abilities.post;
  const open = joined.proposals.find((proposal) => proposal.id === proposalId) ?? null;
  return (
    <div className="live-room-grid">
      <ProposalList
        socket={socket}
        roomId={room.id}
        proposals={joined.proposals}
        presence={joined.presence}
        selectedId={open?.id ?? null}
        canWrite={canWrite}
        onSaved={channel.upsertProposal}
      />
      <div className="live-room-main">
        {open ? (
          <ProposalView
            key={open.id}
            socket={socket}
            status={status}
            proposal={open}
            me={me}
            abilities={joined.abilities}
            members={members}
            roomGeneration={joined.generation}
          >
            <MotionPanel roomId={room.id} proposalId={open.id} />
          </ProposalView>
        ) : (
          <p className="empty" data-testid="no-proposal-open">
            {proposalId ? t("error.PROPOSAL_NOT_FOUND") : t("proposal.choose")}
          </p>
        )}
      </div>
      <RoomChat
        socket={socket}
        roomId={room.id}
        members={members}
        myId={me.id}
        canWrite={canWrite}
        generation={joined.generation}
      />
    </div>
  );
}

function mentionCandidates(room: RoomDetail): MentionCandidate[] {
  return Object.values(room.membersBySector).flatMap((members) =>
    (members ?? []).map((member) => ({ id: member.user.id, displayName: member.user.displayName })),
  );
}

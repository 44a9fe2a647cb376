// A deliberation room: title, purpose, stage, members grouped by sector (online or not), the live
// proposals and chat; coordinators also get the stage selector and invite links.
import type { RoomDetail } from "@mufakat/shared";
import { Suspense, lazy } from "react";
import { useParams } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { roomQuery } from "../../api/queries.ts";
import { useSession } from "../../api/useSession.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import { RoleBadge, StageBadge, VisibilityBadge } from "../../components/Badges.tsx";
import { Loading } from "../../components/Loading.tsx";
import { QueryView } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { type RoomChannel, useRoomChannel } from "../../realtime/index.ts";
import { DecisionsTab } from "../decisions/DecisionsTab.tsx";
import { useMotionCacheSync } from "../motions/motionCache.ts";
import { InviteLinkPanel } from "./InviteLinkPanel.tsx";
import { LiveRoom } from "./LiveRoom.tsx";
import { MembersBySector } from "./MembersBySector.tsx";
import { RoomTabs, useRoomTab } from "./RoomTabs.tsx";
import { StageSelector } from "./StageSelector.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";

// The accountability tabs bring the chart library: loaded when first opened, not with every room.
const CommitmentsTab = lazy(() =>
  import("../accountability/CommitmentsTab.tsx").then((m) => ({ default: m.CommitmentsTab })),
);
const ResourcesTab = lazy(() =>
  import("../accountability/ResourcesTab.tsx").then((m) => ({ default: m.ResourcesTab })),
);
const ParticipationTab = lazy(() =>
  import("../accountability/ParticipationTab.tsx").then((m) => ({ default: m.ParticipationTab })),
);

export function RoomPage() {
  const { roomId = "", proposalId = null } = useParams();
  const queryClient = useQueryClient();
  const room = useQuery(roomQuery(roomId));
  const onRoomChanged = (changed: RoomDetail) => queryClient.setQueryData(queryKeys.room(roomId), changed);
  return (
    <main className="page">
      <QueryView query={room}>
        {(loaded) => <RoomView room={loaded} proposalId={proposalId} onRoomChanged={onRoomChanged} />}
      </QueryView>
    </main>
  );
}

interface RoomViewProps {
  room: RoomDetail;
  proposalId: string | null;
  onRoomChanged(room: RoomDetail): void;
}

function RoomView({ room, proposalId, onRoomChanged }: RoomViewProps) {
  const t = useT();
  const tab = useRoomTab();
  useDocumentTitle(room.title, tab === "overview" ? null : t(`room.tab.${tab}`));
  // Joined on every tab: presence, and the room's live events (motions) reach the decisions tab too.
  const channel = useRoomChannel(room.id);
  useMotionCacheSync(room.id);
  return (
    <article className="room" data-testid="room" data-room-id={room.id}>
      <header className="room-header">
        <h1 data-testid="room-title">{room.title}</h1>
        <p className="room-card-meta">
          <StageBadge stage={room.stage} /> <VisibilityBadge visibility={room.visibility} />{" "}
          {room.myRole && <RoleBadge role={room.myRole} />}
        </p>
      </header>
      <RoomTabs current={tab} />
      {tab === "decisions" ? (
        <DecisionsTab roomId={room.id} abilities={room.abilities} />
      ) : tab === "commitments" || tab === "resources" || tab === "participation" ? (
        <Suspense fallback={<Loading />}>
          {tab === "commitments" && <CommitmentsTab room={room} />}
          {tab === "resources" && <ResourcesTab room={room} />}
          {tab === "participation" && <ParticipationTab room={room} />}
        </Suspense>
      ) : (
        <RoomOverview room={room} channel={channel} proposalId={proposalId} onRoomChanged={onRoomChanged} />
      )}
    </article>
  );
}

interface RoomOverviewProps {
  room: RoomDetail;
  channel: RoomChannel;
  proposalId: string | null;
  onRoomChanged(room: RoomDetail): void;
}

function RoomOverview({ room, channel, proposalId, onRoomChanged }: RoomOverviewProps) {
  const t = useT();
  const session = useSession();
  const manage =
    room.abilities.manageMembers && session.state === "signed-in"
      ? { roomId: room.id, myId: session.user.id, visibility: room.visibility }
      : null;
  return (
    <>
      <section className="room-purpose">
        <h2>{t("room.purpose")}</h2>
        {room.purpose ? (
          <p className="preserve-lines" data-testid="room-purpose">
            {room.purpose}
          </p>
        ) : (
          <p className="empty">{t("room.noPurpose")}</p>
        )}
      </section>
      {(room.abilities.changeStage || room.abilities.invite) && (
        <section className="coordinator-tools" data-testid="coordinator-tools">
          <h2>{t("room.coordinatorTools")}</h2>
          {room.abilities.changeStage && (
            <StageSelector
              roomId={room.id}
              stage={room.stage}
              onChanged={(summary) => onRoomChanged({ ...room, stage: summary.stage })}
            />
          )}
          {room.abilities.invite && <InviteLinkPanel roomId={room.id} />}
        </section>
      )}
      <LiveRoom room={room} channel={channel} proposalId={proposalId} />
      <MembersBySector
        membersBySector={room.membersBySector}
        presence={channel.room.state === "joined" ? channel.room.presence : null}
        proposals={channel.room.state === "joined" ? channel.room.proposals : []}
        manage={manage}
      />
    </>
  );
}

// A deliberation room: its header (title, badges, purpose, the stage as a stepper, coordinator tools in a
// drawer), its tabs, and on the first tab the live session (LiveRoom): editor at the centre, side panel
// beside it with the members grouped by sector (online or not) among its tabs.
import type { RoomDetail } from "@mufakat/shared";
import { Suspense, lazy, useState } from "react";
import { useParams } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { roomQuery } from "../../api/queries.ts";
import { useSession } from "../../api/useSession.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import { toApiError } from "../../api/queryClient.ts";
import { RoleBadge, StageBadge, VisibilityBadge } from "../../components/Badges.tsx";
import { Loading } from "../../components/Loading.tsx";
import { QueryView } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { useRoomChannel } from "../../realtime/index.ts";
import { DecisionsTab } from "../decisions/DecisionsTab.tsx";
import { JoinRequestsPanel } from "../joinRequests/JoinRequestsPanel.tsx";
import { RoomPreview } from "../joinRequests/RoomPreview.tsx";
import { useMotionCacheSync } from "../motions/motionCache.ts";
import { CoordinatorDrawer } from "./CoordinatorDrawer.tsx";
import { InviteLinkPanel } from "./InviteLinkPanel.tsx";
import { LiveRoom } from "./LiveRoom.tsx";
import { MembersBySector } from "./MembersBySector.tsx";
import { RoomSkeleton } from "./RoomSkeleton.tsx";
import { RoomTabs, useRoomTab } from "./RoomTabs.tsx";
import { StageSelector } from "./StageSelector.tsx";
import { StageStepper } from "./StageStepper.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";

// The accountability tabs bring the chart library: loaded when first opened, not with every room.
const CommitmentsTab = lazy(() =>
  import("../accountability/CommitmentsTab.tsx").then((m) => ({ default: m.CommitmentsTab })),
);
const ResourcesTab = lazy(() =>
  import("../accountability/ResourcesTab.tsx").then((m) => ({ default: m.ResourcesTab })),
);
// Polls bring their forms and tables: loaded when the tab is first opened.
const PollsTab = lazy(() => import("../polls/PollsTab.tsx").then((m) => ({ default: m.PollsTab })));
const OpinionsTab = lazy(() => import("../opinions/OpinionsTab.tsx").then((m) => ({ default: m.OpinionsTab })));
const ParticipationTab = lazy(() =>
  import("../accountability/ParticipationTab.tsx").then((m) => ({ default: m.ParticipationTab })),
);

export function RoomPage() {
  const { roomId = "", proposalId = null } = useParams();
  const queryClient = useQueryClient();
  const room = useQuery(roomQuery(roomId));
  const onRoomChanged = (changed: RoomDetail) => queryClient.setQueryData(queryKeys.room(roomId), changed);
  // A non-member (a shared link, a directory entry) sees the room's public preview and the way in.
  const notMember = room.data === undefined && room.isError && toApiError(room.error).code === "NOT_A_MEMBER";
  return (
    <main className="page page-room">
      {notMember ? (
        <RoomPreview roomId={roomId} />
      ) : (
        <QueryView query={room} loading={<RoomSkeleton />}>
          {(loaded) => <RoomView room={loaded} proposalId={proposalId} onRoomChanged={onRoomChanged} />}
        </QueryView>
      )}
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
  const session = useSession();
  useDocumentTitle(room.title, tab === "overview" ? null : t(`room.tab.${tab}`));
  // Joined on every tab: presence, and the room's live events (motions) reach the decisions tab too.
  const channel = useRoomChannel(room.id);
  useMotionCacheSync(room.id);
  const manage =
    room.abilities.manageMembers && session.state === "signed-in"
      ? { roomId: room.id, myId: session.user.id, visibility: room.visibility }
      : null;
  return (
    <article className="room" data-testid="room" data-room-id={room.id}>
      <header className="room-header">
        <div className="room-heading">
          <h1 data-testid="room-title">{room.title}</h1>
          <p className="room-card-meta">
            <StageBadge stage={room.stage} /> <VisibilityBadge visibility={room.visibility} />{" "}
            {room.myRole && <RoleBadge role={room.myRole} />}
          </p>
          {(room.abilities.changeStage || room.abilities.invite || room.abilities.manageMembers) && (
            <CoordinatorDrawer>
              {room.abilities.changeStage && (
                <StageSelector
                  roomId={room.id}
                  stage={room.stage}
                  onChanged={(summary) => onRoomChanged({ ...room, stage: summary.stage })}
                />
              )}
              {room.abilities.invite && <InviteLinkPanel roomId={room.id} />}
              {room.abilities.manageMembers && <JoinRequestsPanel roomId={room.id} />}
            </CoordinatorDrawer>
          )}
        </div>
        <RoomPurpose purpose={room.purpose} />
        <StageStepper stage={room.stage} />
      </header>
      <RoomTabs current={tab} />
      {tab === "decisions" ? (
        <DecisionsTab roomId={room.id} abilities={room.abilities} />
      ) : tab === "polls" || tab === "opinions" ? (
        <Suspense fallback={<Loading />}>
          {tab === "polls" ? <PollsTab room={room} /> : <OpinionsTab room={room} />}
        </Suspense>
      ) : tab === "commitments" || tab === "resources" || tab === "participation" ? (
        <Suspense fallback={<Loading />}>
          {tab === "commitments" && <CommitmentsTab room={room} />}
          {tab === "resources" && <ResourcesTab room={room} />}
          {tab === "participation" && <ParticipationTab room={room} />}
        </Suspense>
      ) : (
        <LiveRoom
          room={room}
          channel={channel}
          proposalId={proposalId}
          people={
            <MembersBySector
              membersBySector={room.membersBySector}
              presence={channel.room.state === "joined" ? channel.room.presence : null}
              proposals={channel.room.state === "joined" ? channel.room.proposals : []}
              manage={manage}
            />
          }
        />
      )}
    </article>
  );
}

// Past this many characters the purpose is cut to a few lines (on a phone it would push the editor off
// the first screen), with a button to show all of it.
const longPurposeChars = 180;

function RoomPurpose({ purpose }: { purpose: string }) {
  const t = useT();
  const [expanded, setExpanded] = useState(false);
  if (!purpose) {
    return <p className="room-purpose-text empty">{t("room.noPurpose")}</p>;
  }
  const long = purpose.length > longPurposeChars;
  return (
    <div className="room-purpose">
      <h2 className="visually-hidden">{t("room.purpose")}</h2>
      <p
        className={long && !expanded ? "room-purpose-text preserve-lines clamped" : "room-purpose-text preserve-lines"}
        data-testid="room-purpose"
      >
        {purpose}
      </p>
      {long && (
        <button
          type="button"
          className="button-quiet button-small"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
          data-testid="room-purpose-toggle"
        >
          {t(expanded ? "room.purposeLess" : "room.purposeMore")}
        </button>
      )}
    </div>
  );
}

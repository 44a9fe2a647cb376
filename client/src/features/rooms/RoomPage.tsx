// A deliberation room: title, purpose, stage, members grouped by sector; coordinators also get the
// stage selector and invite links.
import type { RoomDetail } from "@mufakat/shared";
import { useParams } from "react-router";
import { getRoom } from "../../api/endpoints.ts";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { RoleBadge, StageBadge, VisibilityBadge } from "../../components/Badges.tsx";
import { QueryView } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { DecisionsTab } from "../decisions/DecisionsTab.tsx";
import { RoomMotions } from "../motions/RoomMotions.tsx";
import { InviteLinkPanel } from "./InviteLinkPanel.tsx";
import { MembersBySector } from "./MembersBySector.tsx";
import { RoomTabs, useRoomTab } from "./RoomTabs.tsx";
import { StageSelector } from "./StageSelector.tsx";

export function RoomPage() {
  const { roomId = "" } = useParams();
  const { result, reload, setData } = useApiQuery(`rooms/${roomId}`, () => getRoom(roomId));
  return (
    <main className="page">
      <QueryView result={result} reload={reload}>
        {(room) => <RoomView room={room} onRoomChanged={setData} />}
      </QueryView>
    </main>
  );
}

function RoomView({ room, onRoomChanged }: { room: RoomDetail; onRoomChanged(room: RoomDetail): void }) {
  const isCoordinator = room.myRole === "coordinator";
  const tab = useRoomTab();
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
        <DecisionsTab roomId={room.id} isCoordinator={isCoordinator} />
      ) : (
        <RoomOverview room={room} isCoordinator={isCoordinator} onRoomChanged={onRoomChanged} />
      )}
    </article>
  );
}

interface RoomOverviewProps {
  room: RoomDetail;
  isCoordinator: boolean;
  onRoomChanged(room: RoomDetail): void;
}

function RoomOverview({ room, isCoordinator, onRoomChanged }: RoomOverviewProps) {
  const t = useT();
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
      {isCoordinator && (
        <section className="coordinator-tools" data-testid="coordinator-tools">
          <h2>{t("room.coordinatorTools")}</h2>
          <StageSelector
            roomId={room.id}
            stage={room.stage}
            onChanged={(summary) => onRoomChanged({ ...room, stage: summary.stage })}
          />
          <InviteLinkPanel roomId={room.id} />
        </section>
      )}
      <RoomMotions roomId={room.id} />
      <MembersBySector membersBySector={room.membersBySector} />
    </>
  );
}

// One room in a listing: title (linking to the room, or for a non-member to its preview), stage, visibility,
// size, role.
import type { RoomSummary } from "@mufakat/shared";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { StageBadge, VisibilityBadge } from "../../components/Badges.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";

export function RoomCard({ room, action }: { room: RoomSummary; action?: ReactNode }) {
  const t = useT();
  return (
    <li className="room-card" data-testid="room-card" data-room-id={room.id}>
      <div className="room-card-main">
        <h2>
          <Link to={`/rooms/${room.id}`} data-testid="room-link">
            {room.title}
          </Link>
        </h2>
        {room.purpose && <p className="room-card-purpose">{room.purpose}</p>}
        <p className="room-card-meta">
          <StageBadge stage={room.stage} /> <VisibilityBadge visibility={room.visibility} />{" "}
          <span>{t("rooms.memberCount", { n: room.memberCount })}</span>
          {room.myRole && <span> · {t("rooms.myRole", { role: t(`role.${room.myRole}`) })}</span>}
        </p>
      </div>
      {action}
    </li>
  );
}

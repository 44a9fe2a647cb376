// The room page's tabs (the room itself, its polls, its decision log, commitments, resources, participation), kept in
// the URL so a reload stays on the tab.
import { Link, useSearchParams } from "react-router";
import { useT } from "../../i18n/I18nProvider.tsx";

export const roomTabs = [
  "overview",
  "polls",
  "opinions",
  "decisions",
  "commitments",
  "resources",
  "participation",
] as const;
export type RoomTab = (typeof roomTabs)[number];

export function useRoomTab(): RoomTab {
  const [params] = useSearchParams();
  const tab = params.get("tab");
  return roomTabs.find((known) => known === tab) ?? "overview";
}

export function RoomTabs({ current }: { current: RoomTab }) {
  const t = useT();
  return (
    <nav className="room-tabs" aria-label={t("room.tabs")}>
      {roomTabs.map((tab) => (
        <Link
          key={tab}
          to={{ search: tab === "overview" ? "" : `?tab=${tab}` }}
          className={tab === current ? "room-tab active" : "room-tab"}
          aria-current={tab === current ? "page" : undefined}
          data-testid={`room-tab-${tab}`}
        >
          {t(`room.tab.${tab}`)}
        </Link>
      ))}
    </nav>
  );
}

// The directory of open rooms, with a join button on those the user is not yet in.
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { openRoomsQuery } from "../../api/queries.ts";
import { QueryView } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { JoinRoomButton } from "./JoinRoomButton.tsx";
import { RoomCard } from "./RoomCard.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";

export function RoomDirectoryPage() {
  const t = useT();
  useDocumentTitle(t("rooms.directory.title"));
  const directory = useQuery(openRoomsQuery());
  return (
    <main className="page">
      <h1>{t("rooms.directory.title")}</h1>
      <QueryView query={directory}>
        {(rooms) =>
          rooms.length === 0 ? (
            <p className="empty" data-testid="directory-empty">
              {t("rooms.directory.empty")}
            </p>
          ) : (
            <ul className="room-list" data-testid="room-directory">
              {rooms.map((room) => (
                <RoomCard
                  key={room.id}
                  room={room}
                  action={
                    room.myRole ? (
                      <Link to={`/rooms/${room.id}`} className="button" data-testid="enter-room">
                        {t("rooms.enter")}
                      </Link>
                    ) : (
                      <JoinRoomButton room={room} />
                    )
                  }
                />
              ))}
            </ul>
          )
        }
      </QueryView>
    </main>
  );
}

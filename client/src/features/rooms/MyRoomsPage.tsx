// "Ruang saya": the rooms the signed-in user belongs to.
import { useQuery } from "@tanstack/react-query";
import { myRoomsQuery } from "../../api/queries.ts";
import { QueryView } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { RoomCard } from "./RoomCard.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";

export function MyRoomsPage() {
  const t = useT();
  useDocumentTitle(t("rooms.mine.title"));
  const rooms = useQuery(myRoomsQuery());
  return (
    <main className="page">
      <h1>{t("rooms.mine.title")}</h1>
      <QueryView query={rooms}>
        {(mine) =>
          mine.length === 0 ? (
            <p className="empty" data-testid="my-rooms-empty">
              {t("rooms.mine.empty")}
            </p>
          ) : (
            <ul className="room-list" data-testid="my-rooms">
              {mine.map((room) => (
                <RoomCard key={room.id} room={room} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </main>
  );
}

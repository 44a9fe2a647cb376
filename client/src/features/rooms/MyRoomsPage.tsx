// "Ruang saya": the rooms the signed-in user belongs to.
import { listMyRooms } from "../../api/endpoints.ts";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { QueryView } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { RoomCard } from "./RoomCard.tsx";

export function MyRoomsPage() {
  const t = useT();
  const { result, reload } = useApiQuery("rooms/mine", listMyRooms);
  return (
    <main className="page">
      <h1>{t("rooms.mine.title")}</h1>
      <QueryView result={result} reload={reload}>
        {(rooms) =>
          rooms.length === 0 ? (
            <p className="empty" data-testid="my-rooms-empty">
              {t("rooms.mine.empty")}
            </p>
          ) : (
            <ul className="room-list" data-testid="my-rooms">
              {rooms.map((room) => (
                <RoomCard key={room.id} room={room} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </main>
  );
}

// The room's motions, one panel per proposal that has been put to a vote (newest first).
import { useApiQuery } from "../../api/useApiQuery.ts";
import { QueryView } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { listRoomMotions } from "./motionEndpoints.ts";
import { MotionPanel } from "./MotionPanel.tsx";
import { useMotionEvents } from "./useMotionEvents.ts";

export function RoomMotions({ roomId }: { roomId: string }) {
  const t = useT();
  const { result, reload, setData } = useApiQuery(`room-motions/${roomId}`, () => listRoomMotions(roomId));
  useMotionEvents(roomId, {
    // Read again without a loading state: the panels already on screen keep their forms.
    onOpened: () =>
      void listRoomMotions(roomId).then(setData, (error: unknown) => console.warn("could not list motions", error)),
  });
  return (
    <section className="room-motions" data-testid="room-motions" aria-labelledby="room-motions-heading">
      <h2 id="room-motions-heading">{t("motions.room.title")}</h2>
      <QueryView result={result} reload={reload}>
        {(motions) => {
          const proposalIds = [...new Set(motions.map((motion) => motion.proposalId))];
          if (proposalIds.length === 0) return <p className="empty">{t("motions.room.empty")}</p>;
          return proposalIds.map((proposalId) => (
            <MotionPanel key={proposalId} roomId={roomId} proposalId={proposalId} />
          ));
        }}
      </QueryView>
    </section>
  );
}

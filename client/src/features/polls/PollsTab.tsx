// The room's polls: for whoever may open motions, the form that opens one; then every poll, open ones
// first, each with its result per sector kept current by the room's live events.
import type { Poll, RoomDetail } from "@mufakat/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { pollsQuery } from "../../api/queries.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import { QueryView } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { OpenPollForm } from "./OpenPollForm.tsx";
import { PollCard } from "./PollCard.tsx";
import { usePollEvents } from "./usePollEvents.ts";

export function PollsTab({ room }: { room: RoomDetail }) {
  const t = useT();
  const queryClient = useQueryClient();
  const key = queryKeys.polls(room.id);
  const polls = useQuery(pollsQuery(room.id));
  const replace = (changed: Poll) =>
    queryClient.setQueryData<Poll[]>(key, (list) =>
      list?.some((poll) => poll.id === changed.id)
        ? list.map((poll) => (poll.id === changed.id ? changed : poll))
        : [changed, ...(list ?? [])],
    );
  usePollEvents(room.id, {
    onOpened: () => void queryClient.invalidateQueries({ queryKey: key }),
    // A new result changes only the counts: put it in place rather than reading every poll again.
    onResult: ({ pollId, result }) =>
      queryClient.setQueryData<Poll[]>(key, (list) =>
        list?.map((poll) => (poll.id === pollId && poll.status === "open" ? { ...poll, result } : poll)),
      ),
    onClosed: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  return (
    <section className="polls-tab" data-testid="polls-tab" aria-labelledby="polls-heading">
      <h2 id="polls-heading">{t("polls.title")}</h2>
      <p className="note">{t("polls.intro")}</p>
      {room.abilities.openMotion && <OpenPollForm roomId={room.id} onOpened={replace} />}
      <QueryView query={polls}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty" data-testid="polls-empty">
              {t("polls.empty")}
            </p>
          ) : (
            <ul className="poll-list">
              {[...list]
                .sort((a, b) => Number(b.status === "open") - Number(a.status === "open"))
                .map((poll) => (
                  <li key={poll.id}>
                    <PollCard poll={poll} onChanged={replace} />
                  </li>
                ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}

// A live list of discussion messages: the newest page on (re)open, older pages on request ("before"), and
// every "discussion:message" that belongs here put in place by id.
import type { DiscussionMessage, DiscussionMessageEvent, DiscussionPage } from "@mufakat/shared";
import { useCallback, useEffect, useState } from "react";
import type { ApiError } from "../../api/ApiError.ts";
import { toApiError } from "../../api/queryClient.ts";
import type { LiveSocket } from "../../realtime/index.ts";

export interface DiscussionFeed {
  /** Oldest first. */
  messages: DiscussionMessage[];
  loaded: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  error: ApiError | null;
  loadOlder(): void;
  /** Puts a message in place (an ack arrives before or after its broadcast; either way once). */
  upsert(message: DiscussionMessage): void;
}

function merge(current: DiscussionMessage[], incoming: DiscussionMessage[]): DiscussionMessage[] {
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  // Ids are ObjectIds: their order is the order of creation.
  return [...byId.values()].sort((a, b) =>
    a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1,
  );
}

export function useDiscussionFeed(
  socket: LiveSocket,
  /** Reads a page, newest first; `before` for older ones. */
  loadPage: (before: string | undefined) => Promise<DiscussionPage>,
  belongs: (message: DiscussionMessage) => boolean,
  /** Reload the newest page whenever this changes (after a reconnect); null: not yet. */
  generation: number | null,
): DiscussionFeed {
  const [messages, setMessages] = useState<DiscussionMessage[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const upsert = useCallback((message: DiscussionMessage) => setMessages((list) => merge(list, [message])), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loadPage and belongs are per render; the feed is defined by socket and generation
  useEffect(() => {
    if (generation === null) return;
    let active = true;
    loadPage(undefined).then(
      (page) => {
        if (!active) return;
        setMessages((list) => merge(list, page.messages));
        // Only the first load sets the cursor: a reload after reconnect must not lose older pages already shown.
        setNextBefore((cursor) => (loaded ? cursor : page.nextBefore));
        setLoaded(true);
        setError(null);
      },
      (caught: unknown) => active && setError(toApiError(caught)),
    );
    const onMessage = ({ message }: DiscussionMessageEvent) => {
      if (belongs(message)) upsert(message);
    };
    socket.on("discussion:message", onMessage);
    return () => {
      active = false;
      socket.off("discussion:message", onMessage);
    };
  }, [socket, generation]);

  const loadOlder = useCallback(() => {
    if (!nextBefore || loadingOlder) return;
    setLoadingOlder(true);
    loadPage(nextBefore)
      .then(
        (page) => {
          setMessages((list) => merge(list, page.messages));
          setNextBefore(page.nextBefore);
        },
        (caught: unknown) => setError(toApiError(caught)),
      )
      .finally(() => setLoadingOlder(false));
  }, [nextBefore, loadingOlder, loadPage]);

  return { messages, loaded, hasOlder: nextBefore !== null, loadingOlder, error, loadOlder, upsert };
}

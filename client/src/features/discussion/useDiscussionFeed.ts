// A live list of discussion messages in the server-state cache: an infinite query over the socket's history
// pages (the newest page on (re)open, older pages on request, "before"), with every "discussion:message" that
// belongs here put in place by id. A reconnect reads the pages again; a failed read stays as its error.
import type { DiscussionMessage, DiscussionMessageEvent, DiscussionPage } from "@mufakat/shared";
import { type InfiniteData, type QueryKey, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import type { ApiError } from "../../api/ApiError.ts";
import { apiErrorOf } from "../../api/queryClient.ts";
import type { LiveSocket } from "../../realtime/index.ts";

export interface DiscussionFeed {
  /** Oldest first. */
  messages: DiscussionMessage[];
  loaded: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  /** The last failed read (the first page, a reload or an older page); null once one succeeds. */
  error: ApiError | null;
  /** Reads again what failed: the history, or the older page. */
  retry(): void;
  loadOlder(): void;
  /** Puts a message in place (an ack arrives before or after its broadcast; either way once). */
  upsert(message: DiscussionMessage): void;
}

type Pages = InfiniteData<DiscussionPage, string | undefined>;

function byCreation(a: DiscussionMessage, b: DiscussionMessage): number {
  // Ids are ObjectIds: their order is the order of creation.
  return a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1;
}

function allMessages(pages: InfiniteData<DiscussionPage, unknown> | undefined): DiscussionMessage[] {
  const byId = new Map<string, DiscussionMessage>();
  for (const page of pages?.pages ?? []) for (const message of page.messages) byId.set(message.id, message);
  return [...byId.values()].sort(byCreation);
}

/** The pages with `message` replacing its earlier copy wherever it is, or added to the newest page. */
function withMessage(pages: Pages, message: DiscussionMessage): Pages {
  const known = pages.pages.some((page) => page.messages.some((m) => m.id === message.id));
  return {
    ...pages,
    pages: pages.pages.map((page, index) =>
      known
        ? { ...page, messages: page.messages.map((m) => (m.id === message.id ? message : m)) }
        : index === 0
          ? { ...page, messages: [message, ...page.messages] }
          : page,
    ),
  };
}

export function useDiscussionFeed(
  socket: LiveSocket,
  /** The feed's cache key (queryKeys.chat or queryKeys.comments). */
  queryKey: QueryKey,
  /** Reads a page, newest first; `before` for older ones. */
  loadPage: (before: string | undefined) => Promise<DiscussionPage>,
  belongs: (message: DiscussionMessage) => boolean,
  /** Reload the pages whenever this changes (after a reconnect); null: not yet joined. */
  generation: number | null,
): DiscussionFeed {
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => loadPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    enabled: generation !== null,
    // Nothing listens while the feed is not shown: reopening it reads it again.
    staleTime: 0,
  });

  // A fresh key array every render names the same entry: read the latest, keep `upsert` stable.
  const latestKey = useRef(queryKey);
  latestKey.current = queryKey;
  const upsert = useCallback(
    (message: DiscussionMessage) =>
      queryClient.setQueryData<Pages>(latestKey.current, (pages) => (pages ? withMessage(pages, message) : pages)),
    [queryClient],
  );

  const latestBelongs = useRef(belongs);
  latestBelongs.current = belongs;
  useEffect(() => {
    const onMessage = ({ message }: DiscussionMessageEvent) => {
      if (latestBelongs.current(message)) upsert(message);
    };
    socket.on("discussion:message", onMessage);
    return () => {
      socket.off("discussion:message", onMessage);
    };
  }, [socket, upsert]);

  // The first join fetches through `enabled`; each later one (a reconnect) reads the pages again.
  const joinedAt = useRef(generation);
  const { refetch } = query;
  useEffect(() => {
    if (generation === null || joinedAt.current === generation) return;
    const first = joinedAt.current === null;
    joinedAt.current = generation;
    if (!first) void refetch();
  }, [generation, refetch]);

  const { hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError } = query;
  const loadOlder = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const retry = useCallback(() => {
    if (isFetchNextPageError) void fetchNextPage();
    else void refetch();
  }, [isFetchNextPageError, fetchNextPage, refetch]);

  return {
    messages: allMessages(query.data),
    loaded: query.data !== undefined,
    hasOlder: hasNextPage,
    loadingOlder: isFetchingNextPage,
    error: query.isFetching ? null : apiErrorOf(query.error),
    retry,
    loadOlder,
    upsert,
  };
}

// The room's chat: newest messages at the bottom, older ones on request, new ones live; a new message from
// someone else is announced once to screen readers (the list itself is not a live region).
import type { DiscussionMessage, MentionCandidate } from "@mufakat/shared";
import { useCallback, useEffect, useRef } from "react";
import { queryKeys } from "../../api/queryKeys.ts";
import { LiveAnnouncement, useChangeAnnouncement } from "../../components/LiveAnnouncement.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { type LiveSocket, liveRequest } from "../../realtime/index.ts";
import { DiscussionFeed } from "./DiscussionFeed.tsx";
import { MessageComposer } from "./MessageComposer.tsx";
import { others } from "./mentionQuery.ts";
import { MessageItem } from "./MessageItem.tsx";
import { useDiscussionFeed } from "./useDiscussionFeed.ts";

interface RoomChatProps {
  socket: LiveSocket;
  roomId: string;
  members: readonly MentionCandidate[];
  myId: string;
  canWrite: boolean;
  generation: number | null;
}

export function RoomChat({ socket, roomId, members, myId, canWrite, generation }: RoomChatProps) {
  const t = useT();
  const loadPage = useCallback(
    (before: string | undefined) => liveRequest(socket, "chat:history", { roomId, ...(before ? { before } : {}) }),
    [socket, roomId],
  );
  const belongs = (message: DiscussionMessage) => message.kind === "chat" && message.roomId === roomId;
  const feed = useDiscussionFeed(socket, queryKeys.chat(roomId), loadPage, belongs, generation);
  const list = useRef<HTMLOListElement>(null);
  const newest = feed.messages.at(-1);
  const newestId = newest?.id;
  // Null until the history is read: the messages already there when one arrives are not announced.
  const announcement = useChangeAnnouncement(
    feed.loaded ? (newestId ?? "") : null,
    newest && newest.author.id !== myId && !newest.deleted && newest.body !== null
      ? t("chat.announce", { name: newest.author.displayName, body: newest.body })
      : "",
  );
  // A new newest message scrolls the chat to the bottom; loading older ones (at the top) does not.
  useEffect(() => {
    if (newestId && list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [newestId]);
  return (
    <DiscussionFeed
      feed={feed}
      name="chat"
      title={t("chat.title")}
      headingLevel={2}
      className="chat"
      testId="room-chat"
      empty={feed.messages.length === 0 ? t(canWrite ? "chat.empty" : "room.chatEmptyReader") : null}
    >
      <LiveAnnouncement text={announcement} testId="chat-announcement" />
      <ol className="chat-messages" data-testid="chat-messages" ref={list}>
        {feed.messages.map((message) => (
          <li key={message.id}>
            <MessageItem socket={socket} message={message} members={members} myId={myId} onChanged={feed.upsert} />
          </li>
        ))}
      </ol>
      {canWrite && (
        <MessageComposer
          label={t("chat.write")}
          fieldName={t("chat.field")}
          submitLabel={t("chat.send")}
          testId="chat"
          mentionable={others(members, myId)}
          send={async (body) => {
            feed.upsert(await liveRequest(socket, "chat:send", { roomId, body }));
          }}
        />
      )}
    </DiscussionFeed>
  );
}

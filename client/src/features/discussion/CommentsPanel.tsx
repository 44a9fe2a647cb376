// Threaded comments on the open proposal: post (optionally about the selected text), reply, edit and
// delete one's own; live for everyone in the room.
import {
  type CommentAnchor,
  type DiscussionMessage,
  type MentionCandidate,
  type ProposalComment,
  limits,
} from "@mufakat/shared";
import { useCallback, useState } from "react";
import { queryKeys } from "../../api/queryKeys.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { type LiveSocket, liveRequest } from "../../realtime/index.ts";
import { DiscussionFeed } from "./DiscussionFeed.tsx";
import { MessageComposer } from "./MessageComposer.tsx";
import { others } from "./mentionQuery.ts";
import { MessageItem } from "./MessageItem.tsx";
import { useDiscussionFeed } from "./useDiscussionFeed.ts";

interface CommentsPanelProps {
  socket: LiveSocket;
  proposalId: string;
  members: readonly MentionCandidate[];
  myId: string;
  canWrite: boolean;
  generation: number | null;
  /** The text selected in the editor now, to anchor a comment to; null when nothing is selected. */
  selection(): CommentAnchor | null;
}

export function CommentsPanel({
  socket,
  proposalId,
  members,
  myId,
  canWrite,
  generation,
  selection,
}: CommentsPanelProps) {
  const t = useT();
  const loadPage = useCallback(
    (before: string | undefined) =>
      liveRequest(socket, "comment:history", { proposalId, ...(before ? { before } : {}) }),
    [socket, proposalId],
  );
  const belongs = (message: DiscussionMessage) => message.kind === "comment" && message.proposalId === proposalId;
  const feed = useDiscussionFeed(socket, queryKeys.comments(proposalId), loadPage, belongs, generation);
  const [anchor, setAnchor] = useState<CommentAnchor | null>(null);
  const comments = feed.messages.filter((message): message is ProposalComment => message.kind === "comment");
  const threads = comments.filter((comment) => comment.parentId === null);

  const post = async (body: string, parentId: string | null, withAnchor: CommentAnchor | null) => {
    const comment = await liveRequest(socket, "comment:post", { proposalId, body, parentId, anchor: withAnchor });
    feed.upsert(comment);
  };

  return (
    <DiscussionFeed
      feed={feed}
      name="comments"
      title={t("comment.title")}
      headingLevel={3}
      className="comments"
      testId="comments-panel"
      empty={threads.length === 0 ? t("comment.empty") : null}
    >
      <ol className="thread-list">
        {threads.map((comment) => (
          <li key={comment.id}>
            <CommentThread
              socket={socket}
              comment={comment}
              all={comments}
              members={members}
              myId={myId}
              canWrite={canWrite}
              onChanged={feed.upsert}
              reply={(body, parentId) => post(body, parentId, null)}
            />
          </li>
        ))}
      </ol>
      {canWrite && (
        <>
          <button
            type="button"
            className="button-quiet"
            data-testid="comment-anchor-selection"
            onClick={() => setAnchor(selection())}
          >
            {t("comment.aboutSelection")}
          </button>
          <MessageComposer
            label={t("comment.write")}
            fieldName={t("comment.field")}
            submitLabel={t("comment.send")}
            testId="comment"
            mentionable={others(members, myId)}
            note={anchor && <AnchorQuote anchor={anchor} onClear={() => setAnchor(null)} />}
            send={async (body) => {
              await post(body, null, anchor);
              setAnchor(null);
            }}
          />
        </>
      )}
    </DiscussionFeed>
  );
}

/** The selection as a comment anchor: positions in the editor and the quoted text, cut to the limit. */
export function selectionAnchor(from: number, to: number, text: string): CommentAnchor | null {
  const quote = text.slice(0, limits.anchorQuoteChars);
  return from < to && quote.trim() ? { from, to, quote } : null;
}

function AnchorQuote({ anchor, onClear }: { anchor: CommentAnchor; onClear?: () => void }) {
  const t = useT();
  return (
    <blockquote className="anchor-quote" data-testid="comment-anchor">
      <span className="visually-hidden">{t("comment.quoted")}</span>
      {anchor.quote}
      {onClear && (
        <button type="button" className="button-quiet" onClick={onClear}>
          {t("common.cancel")}
        </button>
      )}
    </blockquote>
  );
}

interface CommentThreadProps {
  socket: LiveSocket;
  comment: ProposalComment;
  all: ProposalComment[];
  members: readonly MentionCandidate[];
  myId: string;
  canWrite: boolean;
  onChanged(message: DiscussionMessage): void;
  reply(body: string, parentId: string): Promise<void>;
}

function CommentThread({ socket, comment, all, members, myId, canWrite, onChanged, reply }: CommentThreadProps) {
  const t = useT();
  const [replying, setReplying] = useState(false);
  const replies = all.filter((other) => other.parentId === comment.id);
  return (
    <MessageItem
      socket={socket}
      message={comment}
      members={members}
      myId={myId}
      onChanged={onChanged}
      quote={comment.anchor && <AnchorQuote anchor={comment.anchor} />}
      actions={
        canWrite && (
          <button type="button" className="button-quiet" data-testid="comment-reply" onClick={() => setReplying(true)}>
            {t("comment.reply")}
          </button>
        )
      }
    >
      {(replies.length > 0 || replying) && (
        <div className="replies" data-testid="comment-replies">
          {replies.map((child) => (
            <CommentThread
              key={child.id}
              socket={socket}
              comment={child}
              all={all}
              members={members}
              myId={myId}
              canWrite={canWrite}
              onChanged={onChanged}
              reply={reply}
            />
          ))}
          {replying && (
            <MessageComposer
              label={t("comment.reply")}
              fieldName={t("comment.replyField")}
              submitLabel={t("comment.send")}
              testId="reply"
              mentionable={others(members, myId)}
              send={async (body) => {
                await reply(body, comment.id);
                setReplying(false);
              }}
            />
          )}
        </div>
      )}
    </MessageItem>
  );
}

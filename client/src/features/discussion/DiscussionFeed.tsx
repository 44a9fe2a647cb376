// The scaffold every discussion feed shares (room chat, proposal comments): heading, "load older", the
// failed read with a retry, the empty note, then the feed's own list and composer.
import type { ReactNode } from "react";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import type { DiscussionFeed as Feed } from "./useDiscussionFeed.ts";

interface DiscussionFeedProps {
  feed: Feed;
  /** Prefix of the feed's data-testids: `${name}-older`, `${name}-history-error`, `${name}-history-retry`. */
  name: "chat" | "comments";
  title: string;
  /** The chat is a page section (h2); comments sit inside the proposal (h3). */
  headingLevel: 2 | 3;
  className: string;
  testId: string;
  /** Shown once the history is read and nothing is in it. */
  empty: string | null;
  children: ReactNode;
}

export function DiscussionFeed({
  feed,
  name,
  title,
  headingLevel,
  className,
  testId,
  empty,
  children,
}: DiscussionFeedProps) {
  const t = useT();
  const headingId = `${name}-heading`;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className={className} aria-labelledby={headingId} data-testid={testId}>
      <Heading id={headingId}>{title}</Heading>
      {feed.hasOlder && (
        <button
          type="button"
          className="button-quiet"
          onClick={feed.loadOlder}
          disabled={feed.loadingOlder}
          data-testid={`${name}-older`}
        >
          {t("discussion.loadOlder")}
        </button>
      )}
      {feed.error && (
        <div className="query-failed" data-testid={`${name}-history-error`}>
          <p>{t("discussion.historyFailed")}</p>
          <ErrorMessage error={feed.error} testId={`${name}-history-error-reason`} />
          <button type="button" onClick={feed.retry} data-testid={`${name}-history-retry`}>
            {t("common.retry")}
          </button>
        </div>
      )}
      {feed.loaded && empty !== null && <p className="empty">{empty}</p>}
      {children}
    </section>
  );
}

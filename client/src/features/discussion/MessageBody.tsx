// A message's text as React text, with @mentions highlighted (and the reader's own name more strongly).
import type { MentionCandidate } from "@mufakat/shared";
import { mentionSegments } from "./mentionSegments.ts";

export function MessageBody({
  text,
  members,
  myId,
}: {
  text: string;
  members: readonly MentionCandidate[];
  myId: string;
}) {
  return (
    <p className="message-body preserve-lines" data-testid="message-body">
      {mentionSegments(text, members).map((segment, index) =>
        segment.type === "mention" ? (
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: segments of one immutable text, in order
            key={index}
            className={segment.userId === myId ? "mention mention-me" : "mention"}
            data-testid="mention"
            data-user-id={segment.userId}
          >
            {segment.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one immutable text, in order
          <span key={index}>{segment.text}</span>
        ),
      )}
    </p>
  );
}

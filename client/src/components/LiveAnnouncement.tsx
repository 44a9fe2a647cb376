// A polite live region that says one thing when something changes (a new chat message, a tally that moved),
// so a screen reader announces the change itself rather than re-reading a whole list (WCAG 4.1.3). The
// region is always in the page, empty until the first change, because a region added together with its
// text is not announced.
import { useEffect, useRef, useState } from "react";

export function LiveAnnouncement({ text, testId }: { text: string; testId: string }) {
  return (
    <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid={testId}>
      {text}
    </p>
  );
}

/**
 * The announcement for a value that changes: empty at first (what is already on the page is not news), then
 * `message` each time `changeKey` differs from the one before; null keeps the previous key (nothing to tell).
 */
export function useChangeAnnouncement(changeKey: string | null, message: string): string {
  const previous = useRef(changeKey);
  const [text, setText] = useState("");
  useEffect(() => {
    if (changeKey === null || changeKey === previous.current) return;
    const first = previous.current === null;
    previous.current = changeKey;
    if (!first) setText(message);
  }, [changeKey, message]);
  return text;
}

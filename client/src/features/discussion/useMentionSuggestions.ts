// @mention suggestions for a plain text box (chat, comment, reply): which members the "@…" at the caret may
// mean, the keys that choose one (ArrowUp/Down, Enter or Tab, Escape), and the text box's ARIA attributes.
import type { MentionCandidate } from "@mufakat/shared";
import { type KeyboardEvent, useId, useState } from "react";
import { mentionOptionId } from "./MentionListbox.tsx";
import { type MentionQuery, activeMentionQuery, insertMention, matchMembers } from "./mentionQuery.ts";

interface OpenSuggestions {
  query: MentionQuery;
  caret: number;
  options: MentionCandidate[];
  active: number;
}

export interface MentionSuggestions {
  listId: string;
  open: OpenSuggestions | null;
  /** Call on input and on every caret move. */
  refresh(element: HTMLTextAreaElement): void;
  /** Handles the key when the list is open; true when it did (the caller then does nothing else). */
  onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean;
  pick(member: MentionCandidate, element: HTMLTextAreaElement | null): void;
  close(): void;
  /** For the text box: it controls the list and names the highlighted member. */
  aria: { "aria-autocomplete": "list"; "aria-controls"?: string; "aria-activedescendant"?: string };
}

export function useMentionSuggestions(
  members: readonly MentionCandidate[],
  setText: (text: string) => void,
): MentionSuggestions {
  const listId = useId();
  const [open, setOpen] = useState<OpenSuggestions | null>(null);
  // Escape closes the list for that "@" until another one is typed.
  const [dismissedFrom, setDismissedFrom] = useState<number | null>(null);

  const refresh = (element: HTMLTextAreaElement) => {
    const caret = element.selectionStart;
    const query = element.selectionEnd === caret ? activeMentionQuery(element.value, caret) : null;
    if (!query || query.from === dismissedFrom) {
      if (!query) setDismissedFrom(null);
      setOpen(null);
      return;
    }
    const options = matchMembers(query.query, members);
    setOpen((previous) => {
      if (options.length === 0) return null;
      const same = previous && previous.query.from === query.from && previous.query.query === query.query;
      return { query, caret, options, active: same ? Math.min(previous.active, options.length - 1) : 0 };
    });
  };

  const pick = (member: MentionCandidate, element: HTMLTextAreaElement | null) => {
    if (!open || !element) return;
    const chosen = insertMention(element.value, open.query, open.caret, member);
    setText(chosen.text);
    element.value = chosen.text;
    element.setSelectionRange(chosen.caret, chosen.caret);
    element.focus();
    setOpen(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || event.nativeEvent.isComposing) return false;
    const count = open.options.length;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        const step = event.key === "ArrowDown" ? 1 : count - 1;
        setOpen({ ...open, active: (open.active + step) % count });
        break;
      }
      case "Enter":
      case "Tab": {
        const member = open.options[open.active];
        if (member) pick(member, event.currentTarget);
        break;
      }
      case "Escape":
        setDismissedFrom(open.query.from);
        setOpen(null);
        break;
      default:
        return false;
    }
    event.preventDefault();
    event.stopPropagation();
    return true;
  };

  return {
    listId,
    open,
    refresh,
    onKeyDown,
    pick,
    close: () => setOpen(null),
    aria: open
      ? {
          "aria-autocomplete": "list",
          "aria-controls": listId,
          "aria-activedescendant": mentionOptionId(listId, open.active),
        }
      : { "aria-autocomplete": "list" },
  };
}

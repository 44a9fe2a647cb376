// The list of members an "@…" may mean, under a text box or the editor's caret. Focus stays in the text:
// the text box is the combobox (aria-activedescendant names the highlighted option), the list only shows.
import type { MentionCandidate } from "@mufakat/shared";
import type { CSSProperties } from "react";
import { useT } from "../../i18n/I18nProvider.tsx";
import "./mention.css";

interface MentionListboxProps {
  id: string;
  members: readonly MentionCandidate[];
  active: number;
  onPick(member: MentionCandidate): void;
  style?: CSSProperties;
}

export function mentionOptionId(listId: string, index: number): string {
  return `${listId}-option-${index}`;
}

export function MentionListbox({ id, members, active, onPick, style }: MentionListboxProps) {
  const t = useT();
  return (
    <div
      id={id}
      role="listbox"
      className="mention-listbox"
      aria-label={t("mention.listLabel")}
      style={style}
      data-testid="mention-listbox"
    >
      {members.map((member, index) => (
        // The keys are the text box's (ArrowUp/Down, Enter, Escape); the pointer picks on mousedown.
        <div
          key={member.id}
          id={mentionOptionId(id, index)}
          role="option"
          tabIndex={-1}
          aria-selected={index === active}
          className={index === active ? "mention-option mention-option-active" : "mention-option"}
          data-testid="mention-option"
          data-user-id={member.id}
          // mousedown, not click: the text box keeps its focus and caret.
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(member);
          }}
        >
          @{member.displayName}
        </div>
      ))}
    </div>
  );
}

// @mentions in the proposal text: TipTap's Mention node (stored in the Y.Doc as a "mention" element with
// the member's id and display name, see docs/protocol.md), offered from the room's members as "@" is typed.
// The list itself is React's (MentionListbox); this hands it what to show and takes the keys that choose.
import type { MentionCandidate } from "@mufakat/shared";
import { Mention } from "@tiptap/extension-mention";
import type { SuggestionKeyDownProps, SuggestionProps } from "@tiptap/suggestion";
import { matchMembers } from "../discussion/mentionQuery.ts";

export interface EditorMentionState {
  options: MentionCandidate[];
  active: number;
  /** Where the "@…" is on screen, for placing the list. */
  rect: DOMRect | null;
  choose(member: MentionCandidate): void;
}

/**
 * The Mention extension, reading the members from `members()` at each keystroke and reporting the list to
 * show (null: none) to `show`.
 */
export function editorMentions(
  members: () => readonly MentionCandidate[],
  show: (state: EditorMentionState | null) => void,
) {
  return Mention.configure({
    HTMLAttributes: { class: "mention", "data-testid": "editor-mention" },
    suggestion: {
      char: "@",
      // Display names have spaces: "@Budi Sa" still looks for Budi Santoso.
      allowSpaces: true,
      items: ({ query }) => matchMembers(query, members()),
      render: () => {
        let state: EditorMentionState | null = null;
        const publish = (next: EditorMentionState | null) => {
          state = next;
          show(next);
        };
        const fromProps = (props: SuggestionProps<MentionCandidate>, active: number): EditorMentionState | null =>
          props.items.length === 0
            ? null
            : {
                options: props.items,
                active: Math.min(active, props.items.length - 1),
                rect: props.clientRect?.() ?? null,
                choose: (member) => props.command({ id: member.id, label: member.displayName }),
              };
        return {
          onStart: (props) => publish(fromProps(props, 0)),
          onUpdate: (props) => {
            const previous = state;
            const sameOptions =
              previous !== null &&
              previous.options.length === props.items.length &&
              previous.options.every((member, index) => member.id === props.items[index]?.id);
            publish(fromProps(props, sameOptions ? previous.active : 0));
          },
          onKeyDown: ({ event }: SuggestionKeyDownProps) => {
            // Escape is the plugin's own (it closes the suggestion and calls onExit).
            if (!state || event.isComposing) return false;
            const count = state.options.length;
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
              const step = event.key === "ArrowDown" ? 1 : count - 1;
              publish({ ...state, active: (state.active + step) % count });
              return true;
            }
            if (event.key === "Enter" || event.key === "Tab") {
              const member = state.options[state.active];
              if (member) state.choose(member);
              return true;
            }
            return false;
          },
          onExit: () => publish(null),
        };
      },
    },
  });
}

// The formatting toolbar above the proposal text: real buttons (aria-pressed for what applies at the
// caret), each titled with its shortcut; one tab stop, arrow keys move along it (WAI-ARIA toolbar pattern).
// Undo and redo are the collaboration extension's: they take back one's own edits only.
import { type Editor, useEditorState } from "@tiptap/react";
import { type KeyboardEvent, type ReactNode, useRef, useState } from "react";
import { useT } from "../../i18n/I18nProvider.tsx";
import type { MessageKey } from "../../i18n/messages.id.ts";
import {
  type EditorAction,
  ariaKeyShortcut,
  editorShortcuts,
  isApplePlatform,
  shortcutLabel,
} from "./editorShortcuts.ts";

interface EditorToolbarProps {
  editor: Editor;
  editorId: string;
  onLink(): void;
}

interface ToolbarButton {
  action: EditorAction;
  label: MessageKey;
  /** Shown on the button (a letter or a sign; the label names it). */
  face: ReactNode;
  /** Whether it applies at the caret; undefined for a button that is not a toggle. */
  pressed?: boolean;
  disabled?: boolean;
  run(): void;
}

export function EditorToolbar({ editor, editorId, onLink }: EditorToolbarProps) {
  const t = useT();
  const apple = isApplePlatform();
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      editable: current.isEditable,
      bold: current.isActive("bold"),
      italic: current.isActive("italic"),
      heading: current.isActive("heading", { level: 2 }),
      subheading: current.isActive("heading", { level: 3 }),
      bulletList: current.isActive("bulletList"),
      orderedList: current.isActive("orderedList"),
      quote: current.isActive("blockquote"),
      link: current.isActive("link"),
      canUndo: current.can().undo(),
      canRedo: current.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  const groups: ToolbarButton[][] = [
    [
      { action: "bold", label: "editor.bold", face: "B", pressed: state.bold, run: () => chain().toggleBold().run() },
      {
        action: "italic",
        label: "editor.italic",
        face: "I",
        pressed: state.italic,
        run: () => chain().toggleItalic().run(),
      },
    ],
    [
      {
        action: "heading",
        label: "editor.heading",
        face: "H2",
        pressed: state.heading,
        run: () => chain().toggleHeading({ level: 2 }).run(),
      },
      {
        action: "subheading",
        label: "editor.subheading",
        face: "H3",
        pressed: state.subheading,
        run: () => chain().toggleHeading({ level: 3 }).run(),
      },
      {
        action: "bulletList",
        label: "editor.bulletList",
        face: "•",
        pressed: state.bulletList,
        run: () => chain().toggleBulletList().run(),
      },
      {
        action: "orderedList",
        label: "editor.orderedList",
        face: "1.",
        pressed: state.orderedList,
        run: () => chain().toggleOrderedList().run(),
      },
      {
        action: "quote",
        label: "editor.quote",
        face: "❝",
        pressed: state.quote,
        run: () => chain().toggleBlockquote().run(),
      },
      { action: "link", label: "editor.link", face: <LinkIcon />, pressed: state.link, run: onLink },
    ],
    [
      { action: "undo", label: "editor.undo", face: "↶", disabled: !state.canUndo, run: () => chain().undo().run() },
      { action: "redo", label: "editor.redo", face: "↷", disabled: !state.canRedo, run: () => chain().redo().run() },
    ],
  ];
  // Arrow keys skip what cannot be pressed now (undo with nothing to undo); the tab stop stays on one that can.
  const buttons = groups.flat().filter((button) => state.editable && !button.disabled);
  const [chosen, setCurrent] = useState<EditorAction>("bold");
  const current = buttons.some((button) => button.action === chosen) ? chosen : buttons[0]?.action;
  const bar = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = Math.max(
      0,
      buttons.findIndex((button) => button.action === current),
    );
    let index: number;
    switch (event.key) {
      case "ArrowRight":
        index = (at + 1) % buttons.length;
        break;
      case "ArrowLeft":
        index = (at - 1 + buttons.length) % buttons.length;
        break;
      case "Home":
        index = 0;
        break;
      case "End":
        index = buttons.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    const next = buttons[index];
    if (!next) return;
    setCurrent(next.action);
    bar.current?.querySelector<HTMLButtonElement>(`[data-action="${next.action}"]`)?.focus();
  };
  return (
    <div
      ref={bar}
      role="toolbar"
      aria-label={t("editor.toolbar")}
      aria-controls={editorId}
      className="editor-toolbar"
      data-testid="editor-toolbar"
      onKeyDown={move}
    >
      {groups.map((group) => (
        <div key={group[0]?.action} className="editor-toolbar-group">
          {group.map((button) => {
            const binding = editorShortcuts[button.action];
            const label = t(button.label);
            return (
              <button
                key={button.action}
                type="button"
                className="editor-button"
                data-action={button.action}
                data-testid={`editor-${button.action}`}
                tabIndex={button.action === current ? 0 : -1}
                aria-label={label}
                aria-pressed={button.pressed}
                aria-keyshortcuts={ariaKeyShortcut(binding, apple)}
                title={t("editor.shortcut", { label, keys: shortcutLabel(binding, apple) })}
                disabled={!state.editable || button.disabled}
                // The editor keeps its selection while a button is pressed with the mouse.
                onMouseDown={(event) => event.preventDefault()}
                onFocus={() => setCurrent(button.action)}
                onClick={button.run}
              >
                <span aria-hidden="true">{button.face}</span>
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/** A chain link drawn as lines: the emoji and the dingbats fall back to a missing-glyph box on many systems. */
function LinkIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
    >
      <path d="M6.5 9.5l3-3" />
      <path d="M7 4.5l1.2-1.2a2.6 2.6 0 0 1 3.7 3.7L10.7 8.2" />
      <path d="M9 11.5l-1.2 1.2a2.6 2.6 0 0 1-3.7-3.7L5.3 7.8" />
    </svg>
  );
}

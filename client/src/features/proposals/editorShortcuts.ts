// The editor's keyboard shortcuts (TipTap's own, plus Mod-k for the link dialog), written two ways: for
// the buttons' titles ("Ctrl+B", "⌘+B") and for aria-keyshortcuts ("Control+B", "Meta+B").

export type EditorAction =
  | "bold"
  | "italic"
  | "heading"
  | "subheading"
  | "bulletList"
  | "orderedList"
  | "quote"
  | "link"
  | "undo"
  | "redo";

/** TipTap's binding of each action ("Mod" is Ctrl, or Cmd on Apple keyboards). */
export const editorShortcuts: Record<EditorAction, string> = {
  bold: "Mod-b",
  italic: "Mod-i",
  heading: "Mod-Alt-2",
  subheading: "Mod-Alt-3",
  bulletList: "Mod-Shift-8",
  orderedList: "Mod-Shift-7",
  quote: "Mod-Shift-b",
  link: "Mod-k",
  undo: "Mod-z",
  redo: "Mod-Shift-z",
};

function keysOf(binding: string, apple: boolean): string[] {
  return binding
    .split("-")
    .map((key) => (key === "Mod" ? (apple ? "Meta" : "Control") : key.length === 1 ? key.toUpperCase() : key));
}

/** The WAI-ARIA aria-keyshortcuts value: "Control+Shift+8". */
export function ariaKeyShortcut(binding: string, apple: boolean): string {
  return keysOf(binding, apple).join("+");
}

/** What a person reads: "Ctrl+Shift+8", or "⌘+Shift+8" on Apple keyboards. */
export function shortcutLabel(binding: string, apple: boolean): string {
  return keysOf(binding, apple)
    .map((key) => (key === "Control" ? "Ctrl" : key === "Meta" ? "⌘" : key === "Alt" && apple ? "⌥" : key))
    .join("+");
}

export function isApplePlatform(): boolean {
  return typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
}

// How another person's caret looks in the editor: a line in their sector colour with their name, as text.
export interface CaretUser {
  name: string;
  color: string;
}

export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const name = typeof user.name === "string" ? user.name : "";
  const color = typeof user.color === "string" ? user.color : "transparent";
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret";
  caret.dataset.testid = "remote-caret";
  caret.style.borderColor = color;
  const label = document.createElement("div");
  label.className = "collaboration-carets__label";
  label.dataset.testid = "remote-caret-name";
  label.style.backgroundColor = color;
  // textContent: a display name is user-written and never becomes markup.
  label.textContent = name;
  caret.append("\u2060", label, "\u2060");
  return caret;
}

// How another person's caret looks in the editor: a line in their sector colour with their name, as text,
// after their sector's marker shape (so the colour is never the only sign of the sector).
import type { Sector } from "@mufakat/shared";
import { sectorColours } from "../components/sectorColours.ts";
export interface CaretUser {
  name: string;
  color: string;
}

export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const name = typeof user.name === "string" ? user.name : "";
  // The server stamps name and sector on every caret; the colour follows the sector when there is one.
  const sector = typeof user.sector === "string" && user.sector in sectorColours ? (user.sector as Sector) : null;
  const color = sector ? sectorColours[sector].solid : typeof user.color === "string" ? user.color : "transparent";
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret";
  caret.dataset.testid = "remote-caret";
  caret.style.borderColor = color;
  const label = document.createElement("div");
  label.className = "collaboration-carets__label";
  label.dataset.testid = "remote-caret-name";
  label.style.backgroundColor = color;
  if (sector) {
    const marker = document.createElement("span");
    marker.className = "sector-marker";
    marker.setAttribute("aria-hidden", "true");
    marker.dataset.marker = sector;
    marker.textContent = sectorColours[sector].marker;
    label.append(marker, " ");
  }
  // A text node: a display name is user-written and never becomes markup.
  label.append(name);
  caret.append("\u2060", label, "\u2060");
  return caret;
}

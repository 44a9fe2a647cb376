// The one colour per sector used everywhere a sector is shown (badges, member groups, room cards), and the
// marker shape that goes with it, so a sector can be told apart without seeing colour (WCAG 1.4.1): the
// badge, the member group's heading, the presence dots and the chat author all carry the shape as well.
import type { Sector } from "@mufakat/shared";

export interface SectorColour {
  /** Strong colour: borders, dots, headings; at least 4.5:1 against the tint and white. */
  solid: string;
  /** Pale background that keeps dark text readable. */
  tint: string;
  /** A shape of its own (a text glyph), shown beside the colour; decorative, the sector's name says it too. */
  marker: string;
}

export const sectorColours: Record<Sector, SectorColour> = {
  government: { solid: "#b42318", tint: "#fdecea", marker: "■" },
  private: { solid: "#1d4ed8", tint: "#e8eefc", marker: "◆" },
  community: { solid: "#166534", tint: "#e7f5ec", marker: "●" },
  academia: { solid: "#7e22ce", tint: "#f3e8fd", marker: "▲" },
  media: { solid: "#92400e", tint: "#fdf1e3", marker: "★" },
};

// The one colour per sector used everywhere a sector is shown (badges, member groups, room cards).
import type { Sector } from "@mufakat/shared";

export interface SectorColour {
  /** Strong colour: borders, dots, headings. */
  solid: string;
  /** Pale background that keeps dark text readable. */
  tint: string;
}

export const sectorColours: Record<Sector, SectorColour> = {
  government: { solid: "#b42318", tint: "#fdecea" },
  private: { solid: "#1d4ed8", tint: "#e8eefc" },
  community: { solid: "#15803d", tint: "#e7f5ec" },
  academia: { solid: "#7e22ce", tint: "#f3e8fd" },
  media: { solid: "#b45309", tint: "#fdf1e3" },
};

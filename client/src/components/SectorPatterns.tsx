// SVG fills for charts that tell sectors apart without colour (WCAG 1.4.1): each sector's strong colour
// with a white motif of its own (stripes one way or the other, dots, a grid), as the tally's position
// patterns do for positions. Rendered as <defs> inside each chart's own SVG, under ids made unique per chart
// so two charts on one page never share one.
import type { Sector } from "@mufakat/shared";
import { sectors } from "@mufakat/shared";
import type { ReactNode } from "react";
import { sectorColours } from "./sectorColours.ts";

const size = 8;

/** The white motif drawn over the sector's colour, one per sector. */
const motifs: Record<Sector, ReactNode> = {
  government: <rect x="0" y="0" width={size / 2} height={size / 2} fill="#ffffff" opacity="0.55" />,
  private: <path d={`M0 ${size} L${size} 0`} stroke="#ffffff" strokeWidth="2" opacity="0.6" />,
  community: <circle cx={size / 2} cy={size / 2} r="1.6" fill="#ffffff" opacity="0.7" />,
  academia: <path d={`M0 0 L${size} ${size}`} stroke="#ffffff" strokeWidth="2" opacity="0.6" />,
  media: <rect x="0" y="0" width={size} height="2" fill="#ffffff" opacity="0.6" />,
};

/** The id of a sector's pattern within the chart whose defs carry `prefix`. */
export function sectorPatternId(prefix: string, sector: Sector): string {
  return `${prefix}-sector-${sector}`;
}

/** `url(#…)` for an SVG fill. */
export function sectorPatternFill(prefix: string, sector: Sector): string {
  return `url(#${sectorPatternId(prefix, sector)})`;
}

export function SectorPatternDefs({ prefix }: { prefix: string }) {
  return (
    <defs>
      {sectors.map((sector) => (
        <pattern
          key={sector}
          id={sectorPatternId(prefix, sector)}
          width={size}
          height={size}
          patternUnits="userSpaceOnUse"
        >
          <rect width={size} height={size} fill={sectorColours[sector].solid} />
          {motifs[sector]}
        </pattern>
      ))}
    </defs>
  );
}

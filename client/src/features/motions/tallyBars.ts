// Pure shaping of a tally for the per-sector bars: which sectors to show and each position's share.
import { type Position, type PublicTally, type Sector, positions, sectors } from "@mufakat/shared";
import { type Locale, formatters } from "../../i18n/translate.ts";

export interface TallySegment {
  position: Position;
  count: number;
  /** Percentage of the bar's width: of the sector's eligible members, or of its voters when unknown. */
  percent: number;
}

export interface SectorBar {
  sector: Sector;
  voters: number;
  eligible: number | null;
  segments: TallySegment[];
  meetsThreshold: boolean | null;
}

/** One bar per sector that has eligible members or voters, in the order of `sectors`. */
export function sectorBars(tally: PublicTally): SectorBar[] {
  return sectors.flatMap((sector): SectorBar[] => {
    const row = tally.perSector[sector];
    if (!row || (row.voters === 0 && !row.eligible)) return [];
    const whole = Math.max(row.eligible ?? 0, row.voters, 1);
    return [
      {
        sector,
        voters: row.voters,
        eligible: row.eligible,
        meetsThreshold: row.meetsThreshold,
        segments: positions.map((position) => ({
          position,
          count: row.counts[position],
          percent: (row.counts[position] / whole) * 100,
        })),
      },
    ];
  });
}

/** A support share for display ("67%"); the decision itself is taken on exact fractions. */
export function formatShare(share: number | null, locale: Locale): string {
  return formatters(locale).percent(share);
}

/** Remaining time as h:mm:ss (or m:ss under an hour); zero once the deadline has passed. */
export function formatCountdown(remainingMs: number): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

/** The first characters of a SHA-256 hex, enough to compare by eye. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

// Pure shaping of a tally for the per-sector bars: which sectors to show, each position's share, and what
// the rule did with each sector, as a message to put in words.
import {
  type Position,
  type PositionCounts,
  type PublicTally,
  type Sector,
  type SectorExplanation,
  countSided,
  countSupporters,
  positions,
  sectors,
} from "@mufakat/shared";
import type { MessageKey } from "../../i18n/messages.id.ts";
import { type Locale, type TranslateVars, formatters } from "../../i18n/translate.ts";

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
  /** What the rule did with this sector (the shared tally's explanation). */
  explanation: SectorExplanation;
  /** What the rule counted: members' ballots, or organisations' voices under organisation balance. */
  voices: PositionCounts;
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
        explanation: row.explanation,
        voices: row.voices,
        segments: positions.map((position) => ({
          position,
          count: row.counts[position],
          percent: (row.counts[position] / whole) * 100,
        })),
      },
    ];
  });
}

/** Sectors the room has no member of who may vote: no bar, named once under the bars. */
export function sectorsWithoutMembers(tally: PublicTally): Sector[] {
  return sectors.filter((sector) => tally.perSector[sector]?.explanation === "noEligibleMembers");
}

/**
 * Sectors with members who may vote but none who did, and whether that mattered: it did exactly when the
 * quorum was missed (a sector that does not vote counts neither for nor against under every rule).
 */
export function sectorsThatDidNotVote(tally: PublicTally): { sectors: Sector[]; mattered: boolean } {
  const absent = sectors.filter((sector) => {
    const explanation = tally.perSector[sector]?.explanation;
    return explanation === "didNotVoteNotRequired" || explanation === "didNotVoteQuorumMissed";
  });
  return { sectors: absent, mattered: !tally.quorumMet };
}

export interface ExplanationMessage {
  key: MessageKey;
  values: TranslateVars;
}

/**
 * What a bar says the rule did with its sector, in exact counts (a rounded share could seem to contradict
 * the threshold), and why it mattered to the outcome or did not.
 */
export function explanationMessage(bar: SectorBar, tally: PublicTally): ExplanationMessage {
  const counted = {
    supporters: countSupporters(bar.voices),
    sided: countSided(bar.voices),
    unit: tally.organisationsCounted === null ? "member" : "organisation",
  };
  switch (bar.explanation) {
    case "reached":
      return { key: "tally.explanation.reached", values: counted };
    case "notReached":
      return {
        key: "tally.explanation.notReached",
        values: { ...counted, decisive: tally.reasonCode === "sectorBelowThreshold" ? "yes" : "no" },
      };
    case "stoodAside":
      return { key: "tally.explanation.stoodAside", values: {} };
    case "vetoed":
      return { key: "tally.explanation.vetoed", values: {} };
    case "objected":
      return { key: "tally.explanation.objected", values: {} };
    case "voted":
      return { key: "tally.explanation.voted", values: {} };
    case "didNotVoteNotRequired":
      return { key: "tally.explanation.didNotVoteNotRequired", values: {} };
    case "didNotVoteQuorumMissed":
      return { key: "tally.explanation.didNotVoteQuorumMissed", values: { quorum: tally.reasonCode } };
    case "noEligibleMembers":
      return { key: "tally.explanation.noEligibleMembers", values: {} };
  }
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

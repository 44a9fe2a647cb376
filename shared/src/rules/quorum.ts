// Quorum: enough members took part, from enough sectors, for a decision to speak for the collaboration.
import type { Quorum } from "../schemas/motion.ts";
import { sectors } from "../schemas/user.ts";
import type { Sector } from "../schemas/user.ts";

export interface QuorumCheck {
  met: boolean;
  /** Why quorum failed: too few voters is reported before too few sectors; null when met. */
  reasonCode: "quorumVoters" | "quorumSectors" | null;
  votersCount: number;
  /** Distinct sectors among the voters, in the order of `sectors`. */
  sectorsRepresented: Sector[];
}

/**
 * Counts voters (every ballot, stand-asides included) and the distinct sectors among them. The ballots are
 * assumed to be one per member; tallyMotion enforces that before calling this.
 */
export function checkQuorum(ballots: readonly { sector: Sector }[], quorum: Quorum): QuorumCheck {
  const present = new Set(ballots.map((b) => b.sector));
  const sectorsRepresented = sectors.filter((s) => present.has(s));
  const votersCount = ballots.length;
  const reasonCode =
    votersCount < quorum.minVoters
      ? "quorumVoters"
      : sectorsRepresented.length < quorum.minSectors
        ? "quorumSectors"
        : null;
  return { met: reasonCode === null, reasonCode, votersCount, sectorsRepresented };
}

// What the decision rule did with each sector, derived from the counts a public tally already carries, so
// a tally can say for every sector (those that did not vote included) whether it reached the threshold,
// vetoed, withheld consent, or stayed away, and whether staying away mattered. tallyMotion fills it in;
// withSectorExplanations fills it in for decision records written before tallies carried it.
import { sectors } from "../schemas/user.ts";
import type {
  PositionCounts,
  PublicTally,
  RecordedPublicTally,
  SectorExplanation,
  SectorTally,
  TallyReasonCode,
} from "../schemas/motion.ts";

/** The parts of one sector's row the explanation reads. */
export type SectorFacts = Pick<SectorTally, "voters" | "eligible" | "voices" | "supportShare" | "meetsThreshold">;

/** The parts of the whole tally the explanation reads. */
export interface TallyFacts {
  quorumMet: boolean;
  reasonCode: TallyReasonCode;
}

function objections(voices: PositionCounts): number {
  return voices.object + voices.block;
}

/**
 * One sector's explanation (the codes are described at sectorExplanationSchema). A sector that did not
 * vote never counts for or against a motion under any consensus rule; it can only matter through the
 * quorum, which is why its explanation turns on `quorumMet` alone.
 */
export function explainSector(sector: SectorFacts, tally: TallyFacts): SectorExplanation {
  if (sector.voters === 0) {
    if (sector.eligible === 0) return "noEligibleMembers";
    return tally.quorumMet ? "didNotVoteNotRequired" : "didNotVoteQuorumMissed";
  }
  // A block decides only once quorum is met and blocks veto; reasonCode "blocked" says exactly that.
  if (tally.reasonCode === "blocked" && sector.voices.block > 0) return "vetoed";
  if (sector.meetsThreshold !== null) return sector.meetsThreshold ? "reached" : "notReached";
  if (sector.supportShare === null) return "stoodAside";
  if (tally.reasonCode === "objection" && objections(sector.voices) > 0) return "objected";
  return "voted";
}

/**
 * A recorded tally with every sector explained: an explanation the record holds is kept as recorded, a
 * missing one (a decision record or a closed motion's tally from before explanations) is derived from the
 * record's own counts. Anything else the tally carries (ballots, organisation voices) is kept as it is.
 * A record from before delegation (no direct/delegated split) had only direct ballots.
 */
export function withSectorExplanations<T extends RecordedPublicTally>(
  tally: T,
): Omit<T, "perSector"> & Pick<PublicTally, "perSector"> {
  const perSector = Object.fromEntries(
    sectors.map((sector) => {
      const row = tally.perSector[sector];
      return [
        sector,
        {
          ...row,
          explanation: row.explanation ?? explainSector(row, tally),
          direct: row.direct ?? { ...row.counts },
          delegated: row.delegated ?? { support: 0, supportWithReservations: 0, standAside: 0, object: 0, block: 0 },
        },
      ];
    }),
  ) as PublicTally["perSector"];
  return { ...tally, perSector };
}

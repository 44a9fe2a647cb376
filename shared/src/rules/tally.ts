// The tally of a motion: from members' ballots and the room's decision rule to an outcome, with per-sector
// counts and what the rule did with each sector (sectorExplanation.ts) for everyone, and identities only in
// the full record. Pure and deterministic (no clock, no
// randomness, no I/O), so the server decides with it and the client can show the same result live.
import type { ErrorCode, FieldIssue } from "../errors.ts";
import type {
  Ballot,
  ConsensusRule,
  DecisionRule,
  EligibleMember,
  Position,
  PositionCounts,
  PublicTally,
  RecordedBallot,
  SectorTally,
  Tally,
  TallyOutcome,
  TallyReasonCode,
} from "../schemas/motion.ts";
import { reasonOutcome } from "../schemas/motion.ts";
import { sectors } from "../schemas/user.ts";
import type { Sector } from "../schemas/user.ts";
import { fraction, fractionToNumber, isAtLeast } from "./fraction.ts";
import type { Fraction } from "./fraction.ts";
import { organisationKey, organisationVoices } from "./organisationBalance.ts";
import { checkQuorum } from "./quorum.ts";
import { explainSector } from "./sectorExplanation.ts";
import { countSupporters, supportShare, weightedSupportShare } from "./sectorBalance.ts";

export type TallyInputProblem =
  | "duplicateBallot"
  | "duplicateEligibleMember"
  | "ineligibleVoter"
  | "ballotMismatchesEligible";

/**
 * Input a tally refuses rather than guesses about. One member, one vote: two ballots with the same member
 * id are an error, not "last one wins", because silently dropping a vote would hide a bug in whatever
 * stored it. Details name the offending indexes, never the member, so the error is safe to log.
 */
export class TallyInputError extends Error {
  readonly code: ErrorCode = "VALIDATION_FAILED";
  readonly problem: TallyInputProblem;
  readonly details: FieldIssue[];

  constructor(problem: TallyInputProblem, details: FieldIssue[]) {
    super(`tally input refused (${problem}): ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`);
    this.name = "TallyInputError";
    this.problem = problem;
    this.details = details;
  }
}

export function emptyPositionCounts(): PositionCounts {
  return { support: 0, supportWithReservations: 0, standAside: 0, object: 0, block: 0 };
}

function countPositions(items: readonly { position: Position }[]): PositionCounts {
  const counts = emptyPositionCounts();
  for (const item of items) counts[item.position] += 1;
  return counts;
}

function bySector<T extends { sector: Sector }>(items: readonly T[]): Record<Sector, T[]> {
  const grouped = Object.fromEntries(sectors.map((s) => [s, [] as T[]])) as Record<Sector, T[]>;
  for (const item of items) grouped[item.sector].push(item);
  return grouped;
}

function mapSectors<T>(make: (sector: Sector) => T): Record<Sector, T> {
  return Object.fromEntries(sectors.map((s) => [s, make(s)])) as Record<Sector, T>;
}

/** Where a block is a veto: always, except under a supermajority that says otherwise. */
export function blocksVeto(consensus: ConsensusRule): boolean {
  return consensus.type !== "supermajority" || consensus.blockIsVeto;
}

function toFraction(threshold: { numerator: number; denominator: number }): Fraction {
  return fraction(threshold.numerator, threshold.denominator);
}

function checkedBallots(ballots: readonly Ballot[], eligible: readonly EligibleMember[] | undefined): RecordedBallot[] {
  const firstIndex = new Map<string, number>();
  ballots.forEach((ballot, index) => {
    const earlier = firstIndex.get(ballot.memberId);
    if (earlier !== undefined) {
      throw new TallyInputError("duplicateBallot", [
        { path: `ballots.${index}.memberId`, message: `same member as ballots.${earlier}` },
      ]);
    }
    firstIndex.set(ballot.memberId, index);
  });

  if (eligible) {
    const members = new Map<string, EligibleMember>();
    eligible.forEach((member, index) => {
      if (members.has(member.memberId)) {
        throw new TallyInputError("duplicateEligibleMember", [
          { path: `eligible.${index}.memberId`, message: "listed twice" },
        ]);
      }
      members.set(member.memberId, member);
    });
    ballots.forEach((ballot, index) => {
      const member = members.get(ballot.memberId);
      if (!member) {
        throw new TallyInputError("ineligibleVoter", [
          { path: `ballots.${index}.memberId`, message: "not among the eligible members" },
        ]);
      }
      if (member.sector !== ballot.sector) {
        throw new TallyInputError("ballotMismatchesEligible", [
          { path: `ballots.${index}.sector`, message: "differs from the eligible member's sector" },
        ]);
      }
      if (organisationKey(member.sector, member.organisation) !== organisationKey(ballot.sector, ballot.organisation)) {
        throw new TallyInputError("ballotMismatchesEligible", [
          { path: `ballots.${index}.organisation`, message: "differs from the eligible member's organisation" },
        ]);
      }
    });
  }

  // A fresh copy, in member-id order, so the record does not depend on the order votes arrived in.
  return ballots
    .map((b): RecordedBallot => {
      const recorded: RecordedBallot = {
        memberId: b.memberId,
        sector: b.sector,
        organisation: b.organisation,
        position: b.position,
      };
      if (b.reason !== undefined) recorded.reason = b.reason;
      if (b.delegate !== undefined) recorded.delegate = b.delegate;
      return recorded;
    })
    .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}

interface Decision {
  outcome: TallyOutcome;
  reasonCode: TallyReasonCode;
}

function decided(reasonCode: TallyReasonCode): Decision {
  return { outcome: reasonOutcome[reasonCode], reasonCode };
}

function applyConsensusRule(
  consensus: ConsensusRule,
  voiceTotals: PositionCounts,
  sectorVerdicts: Record<Sector, boolean | null>,
  overallShare: Fraction | null,
): Decision {
  switch (consensus.type) {
    case "unanimity":
      if (voiceTotals.object > 0 || voiceTotals.block > 0) return decided("objection");
      return countSupporters(voiceTotals) === 0 ? decided("allStoodAside") : decided("unanimous");
    case "consent":
      return voiceTotals.object > 0 || voiceTotals.block > 0 ? decided("objection") : decided("consent");
    case "sectorConsensus": {
      const verdicts = sectors.map((s) => sectorVerdicts[s]).filter((v): v is boolean => v !== null);
      if (verdicts.length === 0) return decided("allStoodAside");
      return verdicts.every(Boolean) ? decided("sectorConsensus") : decided("sectorBelowThreshold");
    }
    case "supermajority":
      if (overallShare === null) return decided("allStoodAside");
      return isAtLeast(overallShare, toFraction(consensus.threshold))
        ? decided("supermajority")
        : decided("thresholdNotMet");
  }
}

/**
 * Tallies a motion. Precedence: quorum first (noQuorum), then a block where blocks veto (blocked), then
 * the consensus rule (adopted / notAdopted). Under organisation balance the rule reads each
 * organisation's combined voice instead of each member's ballot; quorum always counts members.
 *
 * `eligible`, when given, is the list of members entitled to vote: every ballot must come from one of
 * them with the same sector and organisation, and the tally reports eligible counts for turnout. It does
 * not change quorum, which is absolute.
 *
 * @throws TallyInputError on a duplicate member id, or a ballot that does not match `eligible`.
 */
export function tallyMotion(
  ballots: readonly Ballot[],
  rule: DecisionRule,
  eligible?: readonly EligibleMember[],
): Tally {
  const recorded = checkedBallots(ballots, eligible);
  const quorum = checkQuorum(recorded, rule.quorum);

  const orgVoices = rule.organisationBalance ? organisationVoices(recorded) : null;
  const voices: readonly { sector: Sector; position: Position }[] = orgVoices ?? recorded;

  const ballotsBySector = bySector(recorded);
  const voicesBySector = bySector(voices);
  const voiceCounts = mapSectors((s) => countPositions(voicesBySector[s]));
  const shares = mapSectors((s) => supportShare(voiceCounts[s]));

  const consensus = rule.consensus;
  const sectorVerdicts = mapSectors((s): boolean | null => {
    const share = shares[s];
    if (consensus.type !== "sectorConsensus" || share === null) return null;
    return isAtLeast(share, toFraction(consensus.threshold));
  });
  const overallShare = weightedSupportShare(voiceCounts, rule.sectorWeighting);
  const voiceTotals = countPositions(voices);

  let decision: Decision;
  if (quorum.reasonCode !== null) {
    decision = decided(quorum.reasonCode);
  } else if (blocksVeto(consensus) && voiceTotals.block > 0) {
    decision = decided("blocked");
  } else {
    decision = applyConsensusRule(consensus, voiceTotals, sectorVerdicts, overallShare);
  }

  const eligibleBySector = eligible ? bySector(eligible) : null;
  const perSector = mapSectors((s): SectorTally => {
    const share = shares[s];
    const facts = {
      voters: ballotsBySector[s].length,
      counts: countPositions(ballotsBySector[s]),
      voices: voiceCounts[s],
      supportShare: share === null ? null : fractionToNumber(share),
      meetsThreshold: sectorVerdicts[s],
      eligible: eligibleBySector ? eligibleBySector[s].length : null,
    };
    return {
      ...facts,
      explanation: explainSector(facts, { quorumMet: quorum.met, reasonCode: decision.reasonCode }),
      direct: countPositions(ballotsBySector[s].filter((b) => b.delegate === undefined)),
      delegated: countPositions(ballotsBySector[s].filter((b) => b.delegate !== undefined)),
    };
  });

  return {
    outcome: decision.outcome,
    reasonCode: decision.reasonCode,
    quorumMet: quorum.met,
    votersCount: quorum.votersCount,
    sectorsRepresented: quorum.sectorsRepresented,
    totals: countPositions(recorded),
    voiceTotals,
    organisationsCounted: orgVoices ? orgVoices.length : null,
    weightedSupportShare: overallShare === null ? null : fractionToNumber(overallShare),
    perSector,
    eligibleCount: eligible ? eligible.length : null,
    ballots: recorded,
    organisationVoices: orgVoices,
  };
}

/**
 * The public view of a tally for a secret ballot: outcome, totals and per-sector counts, without who chose
 * what (no member ids, organisation voices or reasons). Built field by field from the public schema's
 * fields, so an identity field added to Tally later stays out unless someone adds it here on purpose.
 * Note that per-sector counts of a sector with one voter still reveal that voter's position.
 */
export function redactTally(tally: Tally): PublicTally {
  const copyCounts = (c: PositionCounts): PositionCounts => ({
    support: c.support,
    supportWithReservations: c.supportWithReservations,
    standAside: c.standAside,
    object: c.object,
    block: c.block,
  });
  return {
    outcome: tally.outcome,
    reasonCode: tally.reasonCode,
    quorumMet: tally.quorumMet,
    votersCount: tally.votersCount,
    sectorsRepresented: [...tally.sectorsRepresented],
    totals: copyCounts(tally.totals),
    voiceTotals: copyCounts(tally.voiceTotals),
    organisationsCounted: tally.organisationsCounted,
    weightedSupportShare: tally.weightedSupportShare,
    perSector: mapSectors((s) => {
      const sector = tally.perSector[s];
      return {
        voters: sector.voters,
        counts: copyCounts(sector.counts),
        voices: copyCounts(sector.voices),
        supportShare: sector.supportShare,
        meetsThreshold: sector.meetsThreshold,
        eligible: sector.eligible,
        explanation: sector.explanation,
        // Counts only: who carried whose vote stays in the full tally's ballots.
        direct: copyCounts(sector.direct),
        delegated: copyCounts(sector.delegated),
      };
    }),
    eligibleCount: tally.eligibleCount,
  };
}

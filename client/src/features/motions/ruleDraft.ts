// A decision rule as a form holds it: every number as the text typed into its field, in the UI's language,
// read back into a rule when the form is checked. Pure edits of the draft: switching the consensus type
// keeps what still applies.
import { type ConsensusRuleType, type DecisionRule, type SectorWeighting, twoThirds } from "@mufakat/shared";
import type { FieldReader } from "../../forms/fieldReader.ts";

export const consensusTypes = [
  "unanimity",
  "consent",
  "sectorConsensus",
  "supermajority",
] as const satisfies readonly ConsensusRuleType[];

export interface ThresholdDraft {
  numerator: string;
  denominator: string;
}

export type ConsensusDraft =
  | { type: "unanimity" }
  | { type: "consent" }
  | { type: "sectorConsensus"; threshold: ThresholdDraft }
  | { type: "supermajority"; threshold: ThresholdDraft; blockIsVeto: boolean };

export interface RuleDraft {
  quorum: { minVoters: string; minSectors: string };
  consensus: ConsensusDraft;
  sectorWeighting: SectorWeighting;
  organisationBalance: boolean;
}

/** A rule as its fields show it, each number written by `format` (the UI language's formatNumber). */
export function draftOfRule(rule: DecisionRule, format: (value: number) => string): RuleDraft {
  const consensus = rule.consensus;
  const threshold = (t: { numerator: number; denominator: number }): ThresholdDraft => ({
    numerator: format(t.numerator),
    denominator: format(t.denominator),
  });
  return {
    quorum: { minVoters: format(rule.quorum.minVoters), minSectors: format(rule.quorum.minSectors) },
    consensus:
      consensus.type === "sectorConsensus"
        ? { type: consensus.type, threshold: threshold(consensus.threshold) }
        : consensus.type === "supermajority"
          ? { type: consensus.type, threshold: threshold(consensus.threshold), blockIsVeto: consensus.blockIsVeto }
          : { type: consensus.type },
    sectorWeighting: rule.sectorWeighting,
    organisationBalance: rule.organisationBalance,
  };
}

/**
 * The rule a draft stands for, for the shared schema to check: its numbers read by `read` from the form's
 * values, where the draft sits at `path` ("rule", "decisionRule"), so a refused number marks its own field.
 */
export function ruleOfDraft(draft: RuleDraft, path: string, read: FieldReader): unknown {
  const consensus = draft.consensus;
  const threshold = () => ({
    numerator: read.number(`${path}.consensus.threshold.numerator`),
    denominator: read.number(`${path}.consensus.threshold.denominator`),
  });
  return {
    quorum: {
      minVoters: read.number(`${path}.quorum.minVoters`),
      minSectors: read.number(`${path}.quorum.minSectors`),
    },
    consensus:
      consensus.type === "sectorConsensus"
        ? { type: consensus.type, threshold: threshold() }
        : consensus.type === "supermajority"
          ? { type: consensus.type, threshold: threshold(), blockIsVeto: consensus.blockIsVeto }
          : { type: consensus.type },
    sectorWeighting: draft.sectorWeighting,
    organisationBalance: draft.organisationBalance,
  };
}

/** Two thirds as its fields show it; small whole numbers are written alike in every language. */
const twoThirdsDraft: ThresholdDraft = {
  numerator: String(twoThirds.numerator),
  denominator: String(twoThirds.denominator),
};

function thresholdOf(consensus: ConsensusDraft): ThresholdDraft {
  return "threshold" in consensus ? consensus.threshold : twoThirdsDraft;
}

/** The consensus part for a newly chosen type, keeping the threshold and veto choice already made. */
export function withConsensusType(rule: RuleDraft, type: ConsensusRuleType): RuleDraft {
  const threshold = thresholdOf(rule.consensus);
  const blockIsVeto = rule.consensus.type === "supermajority" ? rule.consensus.blockIsVeto : true;
  switch (type) {
    case "unanimity":
    case "consent":
      return { ...rule, consensus: { type } };
    case "sectorConsensus":
      return { ...rule, consensus: { type, threshold } };
    case "supermajority":
      return { ...rule, consensus: { type, threshold, blockIsVeto } };
  }
}

/** Replaces the threshold of a rule that has one; other rules are returned unchanged. */
export function withThreshold(rule: RuleDraft, threshold: ThresholdDraft): RuleDraft {
  const consensus = rule.consensus;
  if (consensus.type === "sectorConsensus" || consensus.type === "supermajority") {
    return { ...rule, consensus: { ...consensus, threshold } };
  }
  return rule;
}

// Pure edits of a decision rule in a form: switching the consensus type keeps what still applies.
import {
  type ConsensusRule,
  type ConsensusRuleType,
  type DecisionRule,
  type Threshold,
  twoThirds,
} from "@mufakat/shared";

export const consensusTypes = [
  "unanimity",
  "consent",
  "sectorConsensus",
  "supermajority",
] as const satisfies readonly ConsensusRuleType[];

function thresholdOf(consensus: ConsensusRule): Threshold {
  return "threshold" in consensus ? consensus.threshold : twoThirds;
}

/** The consensus part for a newly chosen type, keeping the threshold and veto choice already made. */
export function withConsensusType(rule: DecisionRule, type: ConsensusRuleType): DecisionRule {
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
export function withThreshold(rule: DecisionRule, threshold: Threshold): DecisionRule {
  const consensus = rule.consensus;
  if (consensus.type === "sectorConsensus" || consensus.type === "supermajority") {
    return { ...rule, consensus: { ...consensus, threshold } };
  }
  return rule;
}

/** A number typed into a form field: a whole number, or NaN for the shared schema to refuse. */
export function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

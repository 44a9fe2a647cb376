// Form controls for a decision rule: consensus type, exact-fraction threshold, veto, quorum, weighting, balance.
// The numbers are typed as text in the UI's language (a draft); the form reads them when it is checked.
import { type ConsensusRuleType, type DecisionRule, sectorWeightings } from "@mufakat/shared";
import type { ApiError } from "../../api/ApiError.ts";
import { FormField } from "../../components/FormField.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { type RuleDraft, consensusTypes, withConsensusType, withThreshold } from "./ruleDraft.ts";

interface RuleFieldsProps {
  rule: RuleDraft;
  onChange(rule: RuleDraft): void;
  error: ApiError | null;
  /** Where the rule sits in the request body ("rule", "decisionRule"): field issues are matched by path. */
  path: string;
}

export function RuleFields({ rule, onChange, error, path }: RuleFieldsProps) {
  const t = useT();
  const consensus = rule.consensus;
  return (
    <fieldset className="rule-fields" data-testid="rule-fields">
      <FormField name={`${path}.consensus.type`} label={t("rule.consensus")} error={error} testId="rule-consensus">
        {(control) => (
          <select
            {...control}
            value={consensus.type}
            data-testid="rule-consensus"
            onChange={(event) => onChange(withConsensusType(rule, event.target.value as ConsensusRuleType))}
          >
            {consensusTypes.map((type) => (
              <option key={type} value={type}>
                {t(`consensus.${type}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {"threshold" in consensus && (
        <fieldset className="inline-fields">
          <legend className="inline-fields-label">{t("rule.threshold")}</legend>
          <FormField
            name={`${path}.consensus.threshold.numerator`}
            label={t("rule.numerator")}
            error={error}
            testId="rule-threshold-numerator"
          >
            {(control) => (
              <input
                {...control}
                inputMode="decimal"
                value={consensus.threshold.numerator}
                data-testid="rule-threshold-numerator"
                onChange={(event) =>
                  onChange(withThreshold(rule, { ...consensus.threshold, numerator: event.target.value }))
                }
              />
            )}
          </FormField>
          <span aria-hidden="true">/</span>
          <FormField
            name={`${path}.consensus.threshold.denominator`}
            label={t("rule.denominator")}
            error={error}
            testId="rule-threshold-denominator"
          >
            {(control) => (
              <input
                {...control}
                inputMode="decimal"
                value={consensus.threshold.denominator}
                data-testid="rule-threshold-denominator"
                onChange={(event) =>
                  onChange(withThreshold(rule, { ...consensus.threshold, denominator: event.target.value }))
                }
              />
            )}
          </FormField>
        </fieldset>
      )}
      {consensus.type === "supermajority" && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={consensus.blockIsVeto}
            data-testid="rule-block-is-veto"
            onChange={(event) => onChange({ ...rule, consensus: { ...consensus, blockIsVeto: event.target.checked } })}
          />
          {t("rule.blockIsVeto")}
        </label>
      )}
      <div className="inline-fields">
        <FormField name={`${path}.quorum.minVoters`} label={t("rule.minVoters")} error={error} testId="rule-min-voters">
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={rule.quorum.minVoters}
              data-testid="rule-min-voters"
              onChange={(event) => onChange({ ...rule, quorum: { ...rule.quorum, minVoters: event.target.value } })}
            />
          )}
        </FormField>
        <FormField
          name={`${path}.quorum.minSectors`}
          label={t("rule.minSectors")}
          error={error}
          testId="rule-min-sectors"
        >
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={rule.quorum.minSectors}
              data-testid="rule-min-sectors"
              onChange={(event) => onChange({ ...rule, quorum: { ...rule.quorum, minSectors: event.target.value } })}
            />
          )}
        </FormField>
      </div>
      <FormField name={`${path}.sectorWeighting`} label={t("rule.weighting")} error={error} testId="rule-weighting">
        {(control) => (
          <select
            {...control}
            value={rule.sectorWeighting}
            data-testid="rule-weighting"
            onChange={(event) =>
              onChange({ ...rule, sectorWeighting: event.target.value as RuleDraft["sectorWeighting"] })
            }
          >
            {sectorWeightings.map((weighting) => (
              <option key={weighting} value={weighting}>
                {t(`weighting.${weighting}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={rule.organisationBalance}
          data-testid="rule-organisation-balance"
          onChange={(event) => onChange({ ...rule, organisationBalance: event.target.checked })}
        />
        {t("rule.organisationBalance")}
      </label>
    </fieldset>
  );
}

/** One line describing a rule: its consensus type, threshold and quorum. */
export function useRuleSummary(): (rule: DecisionRule) => string {
  const t = useT();
  return (rule) => {
    const consensus = rule.consensus;
    const name =
      "threshold" in consensus
        ? `${t(`consensus.${consensus.type}`)} (${t("rule.thresholdSummary", {
            n: consensus.threshold.numerator,
            d: consensus.threshold.denominator,
          })})`
        : t(`consensus.${consensus.type}`);
    return t("rule.summary", {
      consensus: name,
      minVoters: rule.quorum.minVoters,
      minSectors: rule.quorum.minSectors,
    });
  };
}

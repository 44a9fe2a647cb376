// Pledge resources in your organisation's name: to an adopted decision or the room, a kind, quantity and unit.
import { useMutation } from "@tanstack/react-query";
import {
  type Pledge,
  type ResourceKind,
  accountabilityLimits,
  createPledgeInputSchema,
  resourceKinds,
} from "@mufakat/shared";
import { type FormEvent, useState } from "react";
import { validateInput } from "../../api/validateInput.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import type { AdoptedDecision } from "./adoptedDecisions.ts";
import { createPledge } from "./accountabilityEndpoints.ts";

interface PledgeFormProps {
  roomId: string;
  decisions: AdoptedDecision[];
  onCreated(pledge: Pledge): void;
}

export function PledgeForm({ roomId, decisions, onCreated }: PledgeFormProps) {
  const t = useT();
  const [decisionSeq, setDecisionSeq] = useState("");
  const [kind, setKind] = useState<ResourceKind>("peopleTime");
  const [quantity, setQuantity] = useState("");
  const [unit, setUnit] = useState("");
  const [note, setNote] = useState("");
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      const input = validateInput(createPledgeInputSchema, {
        decisionSeq: decisionSeq === "" ? null : Number(decisionSeq),
        kind,
        quantity: quantity.trim() === "" ? undefined : Number(quantity.replace(",", ".")),
        unit,
        note,
      });
      onCreated(await createPledge(roomId, input));
      setQuantity("");
      setNote("");
    },
  });
  const error = apiErrorOf(failure);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit();
  }

  return (
    <form className="pledge-form" data-testid="pledge-form" onSubmit={onSubmit} noValidate>
      <h3>{t("resources.newPledge")}</h3>
      <FormField name="decisionSeq" label={t("resources.forWhat")} error={error} testId="pledge-decision">
        {(control) => (
          <select
            {...control}
            value={decisionSeq}
            data-testid="pledge-decision"
            onChange={(e) => setDecisionSeq(e.target.value)}
          >
            <option value="">{t("resources.wholeRoom")}</option>
            {decisions.map((d) => (
              <option key={d.seq} value={d.seq}>
                #{d.seq} {d.title}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField name="kind" label={t("resources.kind")} error={error} testId="pledge-kind">
        {(control) => (
          <select
            {...control}
            value={kind}
            data-testid="pledge-kind"
            onChange={(e) => setKind(e.target.value as ResourceKind)}
          >
            {resourceKinds.map((k) => (
              <option key={k} value={k}>
                {t(`resourceKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField name="quantity" label={t("resources.quantity")} error={error} testId="pledge-quantity">
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            value={quantity}
            data-testid="pledge-quantity"
            onChange={(e) => setQuantity(e.target.value)}
          />
        )}
      </FormField>
      <FormField
        name="unit"
        label={t("resources.unit")}
        hint={t("resources.unitHint")}
        error={error}
        testId="pledge-unit"
      >
        {(control) => (
          <input
            {...control}
            maxLength={accountabilityLimits.pledgeUnitChars}
            value={unit}
            data-testid="pledge-unit"
            onChange={(e) => setUnit(e.target.value)}
          />
        )}
      </FormField>
      <FormField name="note" label={t("resources.note")} error={error} testId="pledge-note">
        {(control) => (
          <input
            {...control}
            maxLength={accountabilityLimits.pledgeNoteChars}
            value={note}
            data-testid="pledge-note"
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </FormField>
      <ErrorMessage error={error} testId="pledge-error" />
      <button type="submit" className="button-primary" disabled={submitting} data-testid="pledge-submit">
        {t("resources.pledge")}
      </button>
    </form>
  );
}

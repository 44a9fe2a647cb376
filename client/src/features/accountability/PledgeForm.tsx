// Pledge resources in your organisation's name: to an adopted decision or the room, a kind, quantity and unit.
import {
  type CreatePledgeInput,
  type Pledge,
  type ResourceKind,
  accountabilityLimits,
  createPledgeInputSchema,
  resourceKinds,
} from "@mufakat/shared";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import type { AdoptedDecision } from "./adoptedDecisions.ts";
import { createPledge } from "./accountabilityEndpoints.ts";

interface PledgeFormProps {
  roomId: string;
  decisions: AdoptedDecision[];
  onCreated(pledge: Pledge): void;
}

/** The fields as the inputs hold them; an empty decision means the whole room. */
interface PledgeFields {
  decisionSeq: string;
  kind: ResourceKind;
  quantity: string;
  unit: string;
  note: string;
}

export function PledgeForm({ roomId, decisions, onCreated }: PledgeFormProps) {
  const t = useT();
  const { form, onSubmit, submitting, serverError, error } = useApiForm<PledgeFields, CreatePledgeInput>({
    schema: createPledgeInputSchema,
    defaultValues: { decisionSeq: "", kind: "peopleTime", quantity: "", unit: "", note: "" },
    toInput: (fields, read) => ({
      decisionSeq: fields.decisionSeq === "" ? null : Number(fields.decisionSeq),
      kind: fields.kind,
      // As the language writes it: "2.400.000,5" in Indonesian, "2,400,000.5" in English.
      quantity: read.number("quantity"),
      unit: fields.unit,
      note: fields.note,
    }),
    send: async (input) => onCreated(await createPledge(roomId, input)),
    onSent: (sent) => {
      sent.setValue("quantity", "");
      sent.setValue("note", "");
    },
  });
  const { register, formState } = form;
  const fieldError = (name: keyof PledgeFields) => formState.errors[name];
  const [unit, note] = form.watch(["unit", "note"]);

  return (
    <form className="pledge-form" data-testid="pledge-form" onSubmit={onSubmit} noValidate>
      <h3>{t("resources.newPledge")}</h3>
      <FormField
        name="decisionSeq"
        label={t("resources.forWhat")}
        error={serverError}
        fieldError={fieldError("decisionSeq")}
        testId="pledge-decision"
      >
        {(control) => (
          <select {...control} data-testid="pledge-decision" {...register("decisionSeq")}>
            <option value="">{t("resources.wholeRoom")}</option>
            {decisions.map((d) => (
              <option key={d.seq} value={d.seq}>
                #{d.seq} {d.title}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        name="kind"
        label={t("resources.kind")}
        error={serverError}
        fieldError={fieldError("kind")}
        testId="pledge-kind"
      >
        {(control) => (
          <select {...control} data-testid="pledge-kind" {...register("kind")}>
            {resourceKinds.map((k) => (
              <option key={k} value={k}>
                {t(`resourceKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        name="quantity"
        label={t("resources.quantity")}
        error={serverError}
        fieldError={fieldError("quantity")}
        testId="pledge-quantity"
      >
        {(control) => (
          <input {...control} inputMode="decimal" data-testid="pledge-quantity" {...register("quantity")} />
        )}
      </FormField>
      <FormField
        name="unit"
        label={t("resources.unit")}
        hint={t("resources.unitHint")}
        error={serverError}
        fieldError={fieldError("unit")}
        limit={{ max: accountabilityLimits.pledgeUnitChars, length: checkedLength(unit) }}
        testId="pledge-unit"
      >
        {(control) => <input {...control} data-testid="pledge-unit" {...register("unit")} />}
      </FormField>
      <FormField
        name="note"
        label={t("resources.note")}
        error={serverError}
        fieldError={fieldError("note")}
        limit={{ max: accountabilityLimits.pledgeNoteChars, length: checkedLength(note) }}
        testId="pledge-note"
      >
        {(control) => <input {...control} data-testid="pledge-note" {...register("note")} />}
      </FormField>
      <ErrorMessage error={error} testId="pledge-error" />
      <button type="submit" className="button-primary" disabled={submitting} data-testid="pledge-submit">
        {t("resources.pledge")}
      </button>
    </form>
  );
}

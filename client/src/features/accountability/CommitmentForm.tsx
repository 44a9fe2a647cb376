// Create a commitment on an adopted decision: what, owner (member and/or organisation), due day, status.
import {
  type Commitment,
  type CommitmentStatus,
  type CreateCommitmentInput,
  type RoomDetail,
  type User,
  accountabilityLimits,
  commitmentStatuses,
  createCommitmentInputSchema,
  hasAccess,
  levelFor,
  limits,
} from "@mufakat/shared";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import type { AdoptedDecision } from "./adoptedDecisions.ts";
import { createCommitment } from "./accountabilityEndpoints.ts";
import { dayBoundary } from "./accountabilityView.ts";
import { ChosenDay } from "./ChosenDay.tsx";

interface CommitmentFormProps {
  room: RoomDetail;
  me: User;
  decisions: AdoptedDecision[];
  onCreated(commitment: Commitment): void;
}

/** The fields as the inputs hold them; `dueDate` is a day (yyyy-mm-dd), sent as the end of that day. */
interface CommitmentFields {
  decisionSeq: string;
  what: string;
  ownerUserId: string;
  ownerOrganisation: string;
  dueDate: string;
  status: CommitmentStatus;
}

export function CommitmentForm({ room, me, decisions, onCreated }: CommitmentFormProps) {
  const t = useT();
  // Participants may name only themselves as owner; coordinators any member who may write commitments.
  const owners = room.abilities.assignCommitment
    ? room.members.filter((m) => hasAccess(m.role, levelFor("commitment.change"))).map((m) => m.user)
    : [me];
  const { form, onSubmit, submitting, serverError, error } = useApiForm<CommitmentFields, CreateCommitmentInput>({
    schema: createCommitmentInputSchema,
    defaultValues: {
      decisionSeq: String(decisions[0]?.seq ?? ""),
      what: "",
      ownerUserId: me.id,
      ownerOrganisation: me.organisation,
      dueDate: "",
      status: "planned",
    },
    toInput: (fields) => ({
      decisionSeq: Number(fields.decisionSeq),
      what: fields.what,
      ownerUserId: fields.ownerUserId || null,
      ownerOrganisation: fields.ownerOrganisation.trim() || null,
      dueDate: dayBoundary(fields.dueDate, "end"),
      status: fields.status,
    }),
    send: async (input) => onCreated(await createCommitment(room.id, input)),
    onSent: (sent) => sent.setValue("what", ""),
  });
  const { register, formState } = form;
  const fieldError = (name: keyof CommitmentFields) => formState.errors[name];
  const [what, ownerOrganisation] = form.watch(["what", "ownerOrganisation"]);

  return (
    <form className="commitment-form" data-testid="commitment-form" onSubmit={onSubmit} noValidate>
      <h3>{t("commitments.new")}</h3>
      <FormField
        name="decisionSeq"
        label={t("commitments.decision")}
        error={serverError}
        fieldError={fieldError("decisionSeq")}
        testId="commitment-decision"
      >
        {(control) => (
          <select {...control} data-testid="commitment-decision" {...register("decisionSeq")}>
            {decisions.map((d) => (
              <option key={d.seq} value={d.seq}>
                #{d.seq} {d.title}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        name="what"
        label={t("commitments.what")}
        error={serverError}
        fieldError={fieldError("what")}
        limit={{ max: accountabilityLimits.commitmentWhatChars, length: checkedLength(what) }}
        testId="commitment-what"
      >
        {(control) => <textarea {...control} rows={2} data-testid="commitment-what" {...register("what")} />}
      </FormField>
      <FormField
        name="ownerUserId"
        label={t("commitments.ownerMember")}
        error={serverError}
        fieldError={fieldError("ownerUserId")}
        testId="commitment-owner"
      >
        {(control) => (
          <select {...control} data-testid="commitment-owner" {...register("ownerUserId")}>
            <option value="">{t("commitments.noOwnerMember")}</option>
            {owners.map((user) => (
              <option key={user.id} value={user.id}>
                {user.displayName} ({t(`sector.${user.sector}`)})
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        name="ownerOrganisation"
        label={t("commitments.ownerOrganisation")}
        error={serverError}
        fieldError={fieldError("ownerOrganisation")}
        limit={{ max: limits.organisationChars, length: checkedLength(ownerOrganisation) }}
        testId="commitment-organisation"
      >
        {(control) => <input {...control} data-testid="commitment-organisation" {...register("ownerOrganisation")} />}
      </FormField>
      <FormField
        name="dueDate"
        label={t("commitments.dueDate")}
        error={serverError}
        fieldError={fieldError("dueDate")}
        testId="commitment-due"
      >
        {(control) => (
          <>
            <input {...control} type="date" data-testid="commitment-due" {...register("dueDate")} />
            <ChosenDay day={form.watch("dueDate")} inputId={control.id} testId="commitment-due-shown" />
          </>
        )}
      </FormField>
      <FormField
        name="status"
        label={t("commitments.status")}
        error={serverError}
        fieldError={fieldError("status")}
        testId="commitment-status"
      >
        {(control) => (
          <select {...control} data-testid="commitment-status" {...register("status")}>
            {commitmentStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`commitmentStatus.${s}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <ErrorMessage error={error} testId="commitment-error" />
      <button type="submit" className="button-primary" disabled={submitting} data-testid="commitment-submit">
        {t("commitments.create")}
      </button>
    </form>
  );
}

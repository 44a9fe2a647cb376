// Create a commitment on an adopted decision: what, owner (member and/or organisation), due day, status.
import { useMutation } from "@tanstack/react-query";
import {
  type Commitment,
  type CommitmentStatus,
  type RoomDetail,
  type User,
  accountabilityLimits,
  commitmentStatuses,
  createCommitmentInputSchema,
} from "@mufakat/shared";
import { type FormEvent, useState } from "react";
import { validateInput } from "../../api/validateInput.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import type { AdoptedDecision } from "./adoptedDecisions.ts";
import { createCommitment } from "./accountabilityEndpoints.ts";
import { dayBoundary } from "./accountabilityView.ts";

interface CommitmentFormProps {
  room: RoomDetail;
  me: User;
  decisions: AdoptedDecision[];
  onCreated(commitment: Commitment): void;
}

export function CommitmentForm({ room, me, decisions, onCreated }: CommitmentFormProps) {
  const t = useT();
  const isCoordinator = room.myRole === "coordinator";
  // Participants may name only themselves as owner; coordinators any member.
  const owners = isCoordinator ? room.members.filter((m) => m.role !== "observer").map((m) => m.user) : [me];
  const [decisionSeq, setDecisionSeq] = useState(String(decisions[0]?.seq ?? ""));
  const [what, setWhat] = useState("");
  const [ownerUserId, setOwnerUserId] = useState(me.id);
  const [ownerOrganisation, setOwnerOrganisation] = useState(me.organisation);
  const [due, setDue] = useState("");
  const [status, setStatus] = useState<CommitmentStatus>("planned");
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      const input = validateInput(createCommitmentInputSchema, {
        decisionSeq: Number(decisionSeq),
        what,
        ownerUserId: ownerUserId || null,
        ownerOrganisation: ownerOrganisation.trim() || null,
        dueDate: dayBoundary(due, "end"),
        status,
      });
      onCreated(await createCommitment(room.id, input));
      setWhat("");
    },
  });
  const error = apiErrorOf(failure);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit();
  }

  return (
    <form className="commitment-form" data-testid="commitment-form" onSubmit={onSubmit} noValidate>
      <h3>{t("commitments.new")}</h3>
      <FormField name="decisionSeq" label={t("commitments.decision")} error={error} testId="commitment-decision">
        {(control) => (
          <select
            {...control}
            value={decisionSeq}
            data-testid="commitment-decision"
            onChange={(e) => setDecisionSeq(e.target.value)}
          >
            {decisions.map((d) => (
              <option key={d.seq} value={d.seq}>
                #{d.seq} {d.title}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField name="what" label={t("commitments.what")} error={error} testId="commitment-what">
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={accountabilityLimits.commitmentWhatChars}
            value={what}
            data-testid="commitment-what"
            onChange={(e) => setWhat(e.target.value)}
          />
        )}
      </FormField>
      <FormField name="ownerUserId" label={t("commitments.ownerMember")} error={error} testId="commitment-owner">
        {(control) => (
          <select
            {...control}
            value={ownerUserId}
            data-testid="commitment-owner"
            onChange={(e) => setOwnerUserId(e.target.value)}
          >
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
        error={error}
        testId="commitment-organisation"
      >
        {(control) => (
          <input
            {...control}
            value={ownerOrganisation}
            data-testid="commitment-organisation"
            onChange={(e) => setOwnerOrganisation(e.target.value)}
          />
        )}
      </FormField>
      <FormField name="dueDate" label={t("commitments.dueDate")} error={error} testId="commitment-due">
        {(control) => (
          <input
            {...control}
            type="date"
            value={due}
            data-testid="commitment-due"
            onChange={(e) => setDue(e.target.value)}
          />
        )}
      </FormField>
      <FormField name="status" label={t("commitments.status")} error={error} testId="commitment-status">
        {(control) => (
          <select
            {...control}
            value={status}
            data-testid="commitment-status"
            onChange={(e) => setStatus(e.target.value as CommitmentStatus)}
          >
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

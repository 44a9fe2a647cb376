// A select of the members who may carry the viewer's vote and the button that hands it to the one chosen;
// the server's refusal shows under it in words, by its code. Room-wide and one-motion delegations share it.
import type { Member } from "@mufakat/shared";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { apiErrorOf } from "../../api/queryClient.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";

interface DelegateChooserProps {
  candidates: Member[];
  label: string;
  submitLabel: string;
  testId: string;
  delegate(delegateId: string): Promise<unknown>;
}

export function DelegateChooser({ candidates, label, submitLabel, testId, delegate }: DelegateChooserProps) {
  const t = useT();
  const selectId = useId();
  const [chosen, setChosen] = useState("");
  const act = useMutation({ mutationFn: (delegateId: string) => delegate(delegateId) });
  const error = <ErrorMessage error={apiErrorOf(act.error)} testId={`${testId}-error`} />;
  // The list is read again after a refusal and may then be empty: the refusal still shows.
  if (candidates.length === 0) {
    return (
      <>
        <p className="note" data-testid={`${testId}-nobody`}>
          {t("delegation.nobody")}
        </p>
        {error}
      </>
    );
  }
  return (
    <form
      className="delegate-chooser"
      data-testid={testId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) act.mutate(chosen, { onSuccess: () => setChosen("") });
      }}
    >
      <label htmlFor={selectId}>{label}</label>
      <select
        id={selectId}
        value={chosen}
        onChange={(event) => {
          setChosen(event.target.value);
          act.reset();
        }}
        data-testid={`${testId}-select`}
      >
        <option value="">{t("delegation.choose")}</option>
        {candidates.map((member) => (
          <option key={member.user.id} value={member.user.id}>
            {t("delegation.candidate", { name: member.user.displayName, sector: t(`sector.${member.sector}`) })}
          </option>
        ))}
      </select>
      {error}
      <button
        type="submit"
        className="button-primary"
        disabled={!chosen || act.isPending}
        data-testid={`${testId}-submit`}
      >
        {submitLabel}
      </button>
    </form>
  );
}

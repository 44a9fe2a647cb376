// The room's pledges, newest first, each with its status; the member who pledged or a coordinator may change it.
import { useMutation } from "@tanstack/react-query";
import { type Pledge, type PledgeStatus, pledgeStatuses } from "@mufakat/shared";
import { useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { SectorBadge } from "../../components/Badges.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useFormatDate, useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { updatePledgeStatus } from "./accountabilityEndpoints.ts";
import { formatQuantity } from "./accountabilityView.ts";

interface PledgeListProps {
  pledges: Pledge[];
  canChange(pledge: Pledge): boolean;
  onChanged(pledge: Pledge): void;
}

export function PledgeList({ pledges, canChange, onChanged }: PledgeListProps) {
  const t = useT();
  if (pledges.length === 0) return <p className="empty">{t("resources.noPledges")}</p>;
  return (
    <ul className="pledge-list" data-testid="pledge-list">
      {pledges.map((pledge) => (
        <PledgeItem key={pledge.id} pledge={pledge} canChange={canChange(pledge)} onChanged={onChanged} />
      ))}
    </ul>
  );
}

function PledgeItem({
  pledge,
  canChange,
  onChanged,
}: {
  pledge: Pledge;
  canChange: boolean;
  onChanged(p: Pledge): void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const formatDate = useFormatDate();
  return (
    <li
      className={`pledge pledge-${pledge.status}`}
      data-testid="pledge"
      data-id={pledge.id}
      data-status={pledge.status}
    >
      <strong data-testid="pledge-amount">
        {formatQuantity(pledge.quantity, locale)} {pledge.unit}
      </strong>{" "}
      · {t(`resourceKind.${pledge.kind}`)} · <span data-testid="pledge-organisation">{pledge.organisation}</span>{" "}
      <SectorBadge sector={pledge.sector} />
      <span className="note">
        {" "}
        ·{" "}
        {pledge.decisionSeq === null
          ? t("resources.wholeRoom")
          : t("commitments.forDecision", { seq: pledge.decisionSeq })}{" "}
        · {pledge.pledgedBy.displayName} · {formatDate(pledge.createdAt)}
      </span>
      {pledge.note && <p className="preserve-lines note">{pledge.note}</p>}
      <div>
        {canChange ? (
          <PledgeStatusSelect pledge={pledge} onChanged={onChanged} />
        ) : (
          <span className="badge" data-testid="pledge-status">
            {t(`pledgeStatus.${pledge.status}`)}
          </span>
        )}
      </div>
    </li>
  );
}

function PledgeStatusSelect({ pledge, onChanged }: { pledge: Pledge; onChanged(p: Pledge): void }) {
  const t = useT();
  const [shown, setShown] = useState<PledgeStatus>(pledge.status);
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async (status: PledgeStatus) => {
      setShown(status);
      try {
        onChanged(await updatePledgeStatus(pledge.id, status));
      } catch (caught) {
        setShown(pledge.status);
        throw caught;
      }
    },
  });
  const error = apiErrorOf(failure);
  return (
    <>
      <label>
        {t("resources.status")}{" "}
        <select
          value={shown}
          disabled={submitting}
          data-testid="pledge-status-select"
          onChange={(e) => void submit(e.target.value as PledgeStatus)}
        >
          {pledgeStatuses.map((status) => (
            <option key={status} value={status}>
              {t(`pledgeStatus.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={error} testId="pledge-status-error" />
    </>
  );
}

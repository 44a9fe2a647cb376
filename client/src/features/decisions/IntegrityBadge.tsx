// The decision log's integrity, recomputed by the server: intact, or the first record where it breaks.
import type { ChainVerification } from "@mufakat/shared";
import { useT } from "../../i18n/I18nProvider.tsx";

export function IntegrityBadge({ verification }: { verification: ChainVerification }) {
  const t = useT();
  if (verification.valid) {
    return (
      <p className="integrity integrity-valid" role="status" data-testid="integrity-badge" data-valid="true">
        {t("decisions.valid", { n: verification.checked })}
      </p>
    );
  }
  return (
    <p
      className="integrity integrity-broken"
      role="alert"
      data-testid="integrity-badge"
      data-valid="false"
      data-broken-seq={verification.firstBrokenSeq ?? ""}
    >
      {t("decisions.broken", { seq: verification.firstBrokenSeq ?? "?" })}
      {verification.problem && ` — ${t(`decisions.problem.${verification.problem}`)}`}
    </p>
  );
}

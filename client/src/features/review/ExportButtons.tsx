// Downloads of a room's exports (decisions, commitments, pledges as CSV; the whole room as JSON) and the
import { useMutation } from "@tanstack/react-query";
// link to its printable report.
import { Link } from "react-router";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { type ExportKind, downloadExport, exportKinds } from "../accountability/accountabilityEndpoints.ts";

export function ExportButtons({ roomId }: { roomId: string }) {
  const t = useT();
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({ mutationFn: (kind: ExportKind) => downloadExport(roomId, kind) });
  const error = apiErrorOf(failure);
  return (
    <section className="export-buttons print-hidden" data-testid="export-buttons">
      <h3>{t("review.exports")}</h3>
      <p className="inline-form">
        {exportKinds.map((kind) => (
          <button
            key={kind}
            type="button"
            disabled={submitting}
            data-testid={`export-${kind.replace(".", "-")}`}
            onClick={() => void submit(kind)}
          >
            {t(`review.export.${kind}`)}
          </button>
        ))}
        <Link className="button" to={`/rooms/${encodeURIComponent(roomId)}/report`} data-testid="report-link">
          {t("review.reportLink")}
        </Link>
      </p>
      <ErrorMessage error={error} testId="export-error" />
    </section>
  );
}

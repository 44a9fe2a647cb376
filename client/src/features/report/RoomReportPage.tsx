// The printable room report (coordinators): participation by sector over time, decisions with their
// tallies, resource totals, commitments by status, and the decision log's integrity with its head hash (and
// a QR code of it), over a period.
import { type RoomReport, commitmentStatuses } from "@mufakat/shared";
import { Link, useParams, useSearchParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { reportQuery } from "../../api/queries.ts";
import { QueryView } from "../../components/QueryView.tsx";
import { ScrollRegion } from "../../components/ScrollRegion.tsx";
import { useFormat, useFormatDate, useT } from "../../i18n/I18nProvider.tsx";
import { PeriodFields } from "../accountability/PeriodFields.tsx";
import { ParticipationInsight } from "../accountability/ParticipationTab.tsx";
import { LedgerChart } from "../accountability/ResourcesTab.tsx";
import { ResourceTotalsTable } from "../accountability/ResourceTotalsTable.tsx";
import { IntegrityBadge } from "../decisions/IntegrityBadge.tsx";
import { SectorTallyRows } from "../motions/TallyView.tsx";
import { ChainHead } from "./ChainHead.tsx";
import "../accountability/accountability.css";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";

export function RoomReportPage() {
  const t = useT();
  const { roomId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const period = { from: params.get("from") ?? "", to: params.get("to") ?? "" };
  const report = useQuery(reportQuery(roomId, period));
  return (
    <main className="page report-page" data-testid="report-page">
      <p className="print-hidden inline-form">
        <Link to={`/rooms/${encodeURIComponent(roomId)}`}>{t("report.backToRoom")}</Link>{" "}
        <PeriodFields
          value={period}
          onChange={(next) => setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== "")))}
          testId="report-period"
        />{" "}
        <button type="button" className="button-primary" data-testid="report-print" onClick={() => window.print()}>
          {t("report.print")}
        </button>
      </p>
      <QueryView query={report}>{(data) => <ReportBody report={data} />}</QueryView>
    </main>
  );
}

function ReportBody({ report }: { report: RoomReport }) {
  const t = useT();
  useDocumentTitle(report.room.title, t("report.title"));
  const formatDate = useFormatDate();
  const format = useFormat();
  return (
    <article className="room-report" data-testid="room-report">
      <header>
        <h1 data-testid="report-room-title">{report.room.title}</h1>
        <p className="note">{t("report.subtitle", { date: formatDate(report.generatedAt) })}</p>
        <IntegrityBadge verification={report.chain} />
        <ChainHead chain={report.chain} />
      </header>
      <section className="report-section">
        <h2>{t("participation.title")}</h2>
        <ParticipationInsight participation={report.participation} weeks={report.participationByWeek} />
      </section>
      <section className="report-section" data-testid="report-decisions">
        <h2>{t("decisions.title")}</h2>
        {report.decisions.length === 0 ? (
          <p className="empty">{t("decisions.empty")}</p>
        ) : (
          report.decisions.map((decision) => (
            <article
              key={decision.seq}
              className="report-decision"
              data-testid="report-decision"
              data-seq={decision.seq}
            >
              <h3>
                #{decision.seq} {decision.proposalTitle}
              </h3>
              <p className="note">
                {formatDate(decision.at)} · <strong>{t(`outcome.${decision.outcome}`)}</strong> —{" "}
                {t(`reasonCode.${decision.reasonCode}`)}
              </p>
              <SectorTallyRows tally={decision.tally} />
            </article>
          ))
        )}
      </section>
      <section className="report-section" data-testid="report-resources">
        <h2>{t("resources.title")}</h2>
        <ResourceTotalsTable byKind={report.resources.byKind} bySector={report.resources.bySector} />
        <LedgerChart ledger={report.resources} />
      </section>
      <section className="report-section" data-testid="report-commitments">
        <h2>{t("commitments.title")}</h2>
        <p>
          {commitmentStatuses.map((status) => (
            <span key={status} className="report-count" data-testid={`report-commitments-${status}`}>
              {t(`commitmentStatus.${status}`)}: <strong>{report.commitmentsByStatus[status] ?? 0}</strong>{" "}
            </span>
          ))}
          <span className="overdue-flag" data-testid="report-overdue">
            {t("report.overdue", { n: report.overdueCommitments })}
          </span>
        </p>
        {report.commitments.length > 0 && (
          <ScrollRegion label={t("commitments.title")}>
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t("commitments.what")}</th>
                  <th>{t("commitments.owner")}</th>
                  <th>{t("commitments.status")}</th>
                  <th>{t("commitments.percent")}</th>
                  <th>{t("commitments.dueDate")}</th>
                </tr>
              </thead>
              <tbody>
                {report.commitments.map((c) => (
                  <tr key={c.id} className={c.overdue ? "row-warning" : undefined}>
                    <td className="preserve-lines">
                      #{c.decisionSeq} {c.what}
                    </td>
                    <td>{[c.owner?.displayName, c.ownerOrganisation].filter(Boolean).join(" · ")}</td>
                    <td>{t(`commitmentStatus.${c.status}`)}</td>
                    <td className="number">{format.percent(c.percentComplete / 100)}</td>
                    <td>
                      {formatDate(c.dueDate)}
                      {c.overdue && ` · ${t("commitments.overdue")}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </article>
  );
}

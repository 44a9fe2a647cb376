// The resource ledger: totals per kind and unit, per sector (with a chart), the pledges and the pledge form.
import type { Pledge, ResourceLedger, RoomDetail } from "@mufakat/shared";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { resourcesQuery } from "../../api/queries.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import { QueryView, allQueries } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { useAdoptedDecisions } from "./adoptedDecisions.ts";
import { type ResourceLine, lineKey, parseLineKey } from "./accountabilityView.ts";
import { PledgeForm } from "./PledgeForm.tsx";
import { PledgeList } from "./PledgeList.tsx";
import { ResourceTotalsTable } from "./ResourceTotalsTable.tsx";
import { SectorTotalsChart } from "./SectorTotalsChart.tsx";
import "./accountability.css";

export function ResourcesTab({ room }: { room: RoomDetail }) {
  const t = useT();
  const queryClient = useQueryClient();
  const query = allQueries([useQuery(resourcesQuery(room.id)), useAdoptedDecisions(room.id)] as const);
  // Totals change with every pledge: read the ledger again rather than recompute them here.
  const refresh = (_pledge: Pledge) => void queryClient.invalidateQueries({ queryKey: queryKeys.resources(room.id) });
  const canChange = (pledge: Pledge) => pledge.abilities?.updateStatus ?? false;
  return (
    <section className="accountability-tab" data-testid="resources-tab" aria-labelledby="resources-heading">
      <h2 id="resources-heading">{t("resources.title")}</h2>
      <QueryView query={query}>
        {([ledger, decisions]) => (
          <>
            <ResourceTotalsTable byKind={ledger.byKind} bySector={ledger.bySector} />
            <LedgerChart ledger={ledger} />
            <h3>{t("resources.pledges")}</h3>
            <PledgeList pledges={ledger.pledges} canChange={canChange} onChanged={refresh} />
            {room.abilities.createPledge && <PledgeForm roomId={room.id} decisions={decisions} onCreated={refresh} />}
          </>
        )}
      </QueryView>
    </section>
  );
}

/** The chart shows one kind-and-unit line at a time: units cannot be added together. */
export function LedgerChart({ ledger }: { ledger: Pick<ResourceLedger, "byKind" | "bySector"> }) {
  const t = useT();
  const lines: ResourceLine[] = ledger.byKind.map(({ kind, unit }) => ({ kind, unit }));
  const [picked, setPicked] = useState("");
  const line = parseLineKey(picked, lines) ?? lines[0];
  if (!line) return null;
  return (
    <section className="ledger-chart">
      <h3>{t("resources.chartTitle")}</h3>
      {lines.length > 1 && (
        <label className="print-hidden">
          {t("resources.chartLine")}{" "}
          <select value={lineKey(line)} data-testid="resource-chart-line" onChange={(e) => setPicked(e.target.value)}>
            {lines.map((option) => (
              <option key={lineKey(option)} value={lineKey(option)}>
                {t(`resourceKind.${option.kind}`)} ({option.unit})
              </option>
            ))}
          </select>
        </label>
      )}
      <SectorTotalsChart bySector={ledger.bySector} line={line} />
    </section>
  );
}

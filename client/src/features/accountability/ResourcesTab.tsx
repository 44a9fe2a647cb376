// The resource ledger: totals per kind and unit, per sector (with a chart), the pledges and the pledge form.
import type { Pledge, ResourceLedger, RoomDetail } from "@mufakat/shared";
import { useState } from "react";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { QueryView } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { type AdoptedDecision, loadAdoptedDecisions } from "./adoptedDecisions.ts";
import { getResourceLedger } from "./accountabilityEndpoints.ts";
import { type ResourceLine, lineKey, parseLineKey } from "./accountabilityView.ts";
import { PledgeForm } from "./PledgeForm.tsx";
import { PledgeList } from "./PledgeList.tsx";
import { ResourceTotalsTable } from "./ResourceTotalsTable.tsx";
import { SectorTotalsChart } from "./SectorTotalsChart.tsx";
import "./accountability.css";

interface LedgerData {
  ledger: ResourceLedger;
  decisions: AdoptedDecision[];
}

async function loadLedger(roomId: string): Promise<LedgerData> {
  const [ledger, decisions] = await Promise.all([getResourceLedger(roomId), loadAdoptedDecisions(roomId)]);
  return { ledger, decisions };
}

export function ResourcesTab({ room }: { room: RoomDetail }) {
  const t = useT();
  const query = useApiQuery(`resources/${room.id}`, () => loadLedger(room.id));
  // Totals change with every pledge: read the ledger again rather than recompute them here.
  const refresh = (_pledge: Pledge) =>
    void loadLedger(room.id).then(query.setData, (error: unknown) =>
      console.warn("could not reload the ledger", error),
    );
  const canChange = (pledge: Pledge) => pledge.abilities?.updateStatus ?? false;
  return (
    <section className="accountability-tab" data-testid="resources-tab" aria-labelledby="resources-heading">
      <h2 id="resources-heading">{t("resources.title")}</h2>
      <QueryView result={query.result} reload={query.reload}>
        {({ ledger, decisions }) => (
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

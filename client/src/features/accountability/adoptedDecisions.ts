// The room's adopted decisions (seq and title), which commitments and pledges may name: read from the same
// cached decision log the decisions tab shows, so the log is fetched once for all three tabs.
import type { DecisionRecord } from "@mufakat/shared";
import { useQuery } from "@tanstack/react-query";
import { decisionsQuery } from "../../api/queries.ts";
import { groupDecisionLog } from "../decisions/decisionLog.ts";

export interface AdoptedDecision {
  seq: number;
  title: string;
}

export function adoptedDecisions(records: readonly DecisionRecord[]): AdoptedDecision[] {
  const log = groupDecisionLog(records);
  return log.filter((d) => d.readable && d.outcome === "adopted").map((d) => ({ seq: d.seq, title: d.proposalTitle }));
}

export function useAdoptedDecisions(roomId: string) {
  return useQuery({ ...decisionsQuery(roomId), select: adoptedDecisions });
}

// The room's adopted decisions (seq and title), which commitments and pledges may name.
import { listDecisions } from "../decisions/decisionEndpoints.ts";
import { groupDecisionLog } from "../decisions/decisionLog.ts";

export interface AdoptedDecision {
  seq: number;
  title: string;
}

export async function loadAdoptedDecisions(roomId: string): Promise<AdoptedDecision[]> {
  const log = groupDecisionLog(await listDecisions(roomId));
  return log.filter((d) => d.readable && d.outcome === "adopted").map((d) => ({ seq: d.seq, title: d.proposalTitle }));
}

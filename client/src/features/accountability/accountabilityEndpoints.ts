// REST calls for accountability: commitments and progress, pledges and the ledger, participation, the
// coordinators' review, the report, and authenticated downloads of the exports.
import {
  type AddCommitmentProgressInput,
  type CreateCommitmentInput,
  type CreatePledgeInput,
  type PeriodQuery,
  type PledgeStatus,
  type ReviewQuery,
  type UpdateCommitmentInput,
  contract,
} from "@mufakat/shared";
import { ApiError, apiErrorFromBody } from "../../api/ApiError.ts";
import { callApi, fillPath } from "../../api/callApi.ts";
import { refreshSession } from "../../api/http.ts";
import { getAccessToken } from "../../api/session.ts";

export { queryString } from "../../api/callApi.ts";

export const listCommitments = (roomId: string) => callApi(contract.listCommitments, { params: { roomId } });

export const createCommitment = (roomId: string, input: CreateCommitmentInput) =>
  callApi(contract.createCommitment, { params: { roomId }, body: input });

export const updateCommitment = (commitmentId: string, changes: UpdateCommitmentInput) =>
  callApi(contract.updateCommitment, { params: { commitmentId }, body: changes });

export const addCommitmentProgress = (commitmentId: string, input: AddCommitmentProgressInput) =>
  callApi(contract.addCommitmentProgress, { params: { commitmentId }, body: input });

export const getResourceLedger = (roomId: string) => callApi(contract.listResourceLedger, { params: { roomId } });

export const createPledge = (roomId: string, input: CreatePledgeInput) =>
  callApi(contract.createPledge, { params: { roomId }, body: input });

export const updatePledgeStatus = (pledgeId: string, status: PledgeStatus) =>
  callApi(contract.updatePledgeStatus, { params: { pledgeId }, body: { status } });

export const getParticipation = (roomId: string, period: PeriodQuery) =>
  callApi(contract.getParticipation, { params: { roomId }, query: period });

export const listReviewDecisions = (query: ReviewQuery) => callApi(contract.listReviewDecisions, { query });

export const getReviewDecision = (roomId: string, seq: number) =>
  callApi(contract.getReviewDecision, { params: { roomId, seq } });

export const getRoomReport = (roomId: string, period: PeriodQuery) =>
  callApi(contract.getRoomReport, { params: { roomId }, query: period });

export const exportKinds = ["decisions.csv", "commitments.csv", "pledges.csv", "room.json"] as const;
export type ExportKind = (typeof exportKinds)[number];

/** The file name from `Content-Disposition: attachment; filename="…"`, else `fallback`. */
export function attachmentFileName(header: string | null, fallback: string): string {
  const match = header ? /filename="([^"]+)"/.exec(header) : null;
  return match?.[1] ?? fallback;
}

/**
 * Downloads an export: a plain link cannot carry the bearer token, so the file is fetched, then handed to
 * the browser as a Blob behind a temporary object URL and an <a download>.
 */
export async function downloadExport(roomId: string, kind: ExportKind): Promise<void> {
  const exports = {
    "decisions.csv": contract.exportDecisionsCsv,
    "commitments.csv": contract.exportCommitmentsCsv,
    "pledges.csv": contract.exportPledgesCsv,
    "room.json": contract.exportRoomJson,
  } as const;
  const path = `/api${fillPath(exports[kind].path, { roomId })}`;
  const fetchWithToken = () => {
    const token = getAccessToken();
    return fetch(path, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      credentials: "same-origin",
    }).catch((error: unknown) => {
      throw new ApiError(0, "NETWORK_ERROR", error instanceof Error ? error.message : "network error");
    });
  };
  let response = await fetchWithToken();
  if (response.status === 401 && (await response.clone().text()).includes('"TOKEN_EXPIRED"')) {
    // Like apiRequest: one shared refresh, then one retry with the new token.
    await refreshSession();
    response = await fetchWithToken();
  }
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // Not the JSON error shape: apiErrorFromBody reports it as UNEXPECTED_RESPONSE.
    }
    throw apiErrorFromBody(response.status, body);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = attachmentFileName(response.headers.get("content-disposition"), `mufakat-${kind}`);
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has started the download; revoking on the next task keeps the URL alive long enough.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

export const updateAccountabilitySettings = (roomId: string, quietPercent: number) =>
  callApi(contract.updateAccountabilitySettings, { params: { roomId }, body: { quietPercent } });

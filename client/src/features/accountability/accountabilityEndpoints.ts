// REST calls for accountability: commitments and progress, pledges and the ledger, participation, the
// coordinators' review, the report, and authenticated downloads of the exports.
import {
  type AddCommitmentProgressInput,
  accountabilitySettingsSchema,
  type CreateCommitmentInput,
  type CreatePledgeInput,
  type PeriodQuery,
  type PledgeStatus,
  type ReviewQuery,
  type UpdateCommitmentInput,
  commitmentSchema,
  participationSchema,
  pledgeSchema,
  resourceLedgerSchema,
  reviewDecisionDetailSchema,
  reviewDecisionSummarySchema,
  roomReportSchema,
} from "@mufakat/shared";
import { ApiError, apiErrorFromBody } from "../../api/ApiError.ts";
import { apiRequest, refreshSession } from "../../api/http.ts";
import { getAccessToken } from "../../api/session.ts";

const room = (roomId: string, rest: string) => `/rooms/${encodeURIComponent(roomId)}${rest}`;
const commitmentListSchema = commitmentSchema.array();
const reviewListSchema = reviewDecisionSummarySchema.array();

/** `?a=1&b=2` from the defined, non-empty values only. */
export function queryString(query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const listCommitments = (roomId: string) =>
  apiRequest("GET", room(roomId, "/commitments"), { schema: commitmentListSchema });

export const createCommitment = (roomId: string, input: CreateCommitmentInput) =>
  apiRequest("POST", room(roomId, "/commitments"), { body: input, schema: commitmentSchema });

export const updateCommitment = (commitmentId: string, changes: UpdateCommitmentInput) =>
  apiRequest("PATCH", `/commitments/${encodeURIComponent(commitmentId)}`, { body: changes, schema: commitmentSchema });

export const addCommitmentProgress = (commitmentId: string, input: AddCommitmentProgressInput) =>
  apiRequest("POST", `/commitments/${encodeURIComponent(commitmentId)}/progress`, {
    body: input,
    schema: commitmentSchema,
  });

export const getResourceLedger = (roomId: string) =>
  apiRequest("GET", room(roomId, "/resources"), { schema: resourceLedgerSchema });

export const createPledge = (roomId: string, input: CreatePledgeInput) =>
  apiRequest("POST", room(roomId, "/pledges"), { body: input, schema: pledgeSchema });

export const updatePledgeStatus = (pledgeId: string, status: PledgeStatus) =>
  apiRequest("PATCH", `/pledges/${encodeURIComponent(pledgeId)}`, { body: { status }, schema: pledgeSchema });

export const getParticipation = (roomId: string, period: PeriodQuery) =>
  apiRequest("GET", room(roomId, `/participation${queryString({ ...period })}`), { schema: participationSchema });

export const listReviewDecisions = (query: ReviewQuery) =>
  apiRequest("GET", `/review/decisions${queryString({ ...query })}`, { schema: reviewListSchema });

export const getReviewDecision = (roomId: string, seq: number) =>
  apiRequest("GET", `/review/rooms/${encodeURIComponent(roomId)}/decisions/${seq}`, {
    schema: reviewDecisionDetailSchema,
  });

export const getRoomReport = (roomId: string, period: PeriodQuery) =>
  apiRequest("GET", room(roomId, `/report${queryString({ ...period })}`), { schema: roomReportSchema });

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
  const path = `/api${room(roomId, `/exports/${kind}`)}`;
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

export const updateAccountabilitySettings = (roomId: string, symbolicFloorPercent: number) =>
  apiRequest("PATCH", room(roomId, "/accountability-settings"), {
    body: { symbolicFloorPercent },
    schema: accountabilitySettingsSchema,
  });

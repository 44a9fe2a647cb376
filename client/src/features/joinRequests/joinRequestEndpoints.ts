// The ways into a room, as typed calls and queries: its public preview, a request to join, and the
// coordinators' list of requests with approve and decline.
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { contract } from "@mufakat/shared";
import { callApi } from "../../api/callApi.ts";

export const previewRoom = (roomId: string) => callApi(contract.previewRoom, { params: { roomId } });

export const requestToJoin = (roomId: string) => callApi(contract.requestToJoin, { params: { roomId } });

export const listJoinRequests = (roomId: string) => callApi(contract.listJoinRequests, { params: { roomId } });

export const approveJoinRequest = (roomId: string, joinRequestId: string) =>
  callApi(contract.approveJoinRequest, { params: { roomId, joinRequestId } });

export const declineJoinRequest = (roomId: string, joinRequestId: string, reason: string) =>
  callApi(contract.declineJoinRequest, { params: { roomId, joinRequestId }, body: reason ? { reason } : {} });

export const joinRequestKeys = {
  preview: (roomId: string) => ["room-preview", roomId] as const,
  pending: (roomId: string) => ["room", roomId, "join-requests"] as const,
};

/** How often a requester's preview asks whether a coordinator has answered. */
const pendingPollMs = 4_000;

export const roomPreviewQuery = (roomId: string) =>
  queryOptions({
    queryKey: joinRequestKeys.preview(roomId),
    queryFn: () => previewRoom(roomId),
    refetchInterval: (query) => (query.state.data?.wayIn === "pending" ? pendingPollMs : false),
  });

export const joinRequestsQuery = (roomId: string) =>
  queryOptions({
    queryKey: joinRequestKeys.pending(roomId),
    queryFn: () => listJoinRequests(roomId),
    refetchInterval: pendingPollMs * 2,
  });

export async function invalidatePreview(queryClient: QueryClient, roomId: string): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: joinRequestKeys.preview(roomId) });
}

// Each server read as a TanStack query: its cache key (from queryKeys) paired with the endpoint that fills
// it, so every component that shows a resource shares one entry and one request.
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import type { ReviewQuery } from "@mufakat/shared";
import {
  getResourceLedger,
  getReviewDecision,
  getRoomReport,
  listCommitments,
  listReviewDecisions,
} from "../features/accountability/accountabilityEndpoints.ts";
import { dayBoundary } from "../features/accountability/accountabilityView.ts";
import { getDecisionSettings, listDecisions, verifyDecisions } from "../features/decisions/decisionEndpoints.ts";
import { listRoomMotions } from "../features/motions/motionEndpoints.ts";
import { listRoomPolls } from "../features/polls/pollEndpoints.ts";
import { getMyMotionDelegation, listMyDelegations } from "../features/delegations/delegationEndpoints.ts";
import { getRoom, listMyRooms, listOpenRooms, listPendingActions, previewInvite } from "./endpoints.ts";
import { queryKeys } from "./queryKeys.ts";

export const myRoomsQuery = () => queryOptions({ queryKey: queryKeys.myRooms(), queryFn: listMyRooms });

export const openRoomsQuery = () => queryOptions({ queryKey: queryKeys.openRooms(), queryFn: listOpenRooms });

export const roomQuery = (roomId: string) =>
  queryOptions({ queryKey: queryKeys.room(roomId), queryFn: () => getRoom(roomId) });

export const pendingActionsQuery = (roomId: string) =>
  queryOptions({ queryKey: queryKeys.pendingActions(roomId), queryFn: () => listPendingActions(roomId) });

export const decisionsQuery = (roomId: string) =>
  queryOptions({ queryKey: queryKeys.decisions(roomId), queryFn: () => listDecisions(roomId) });

export const decisionVerificationQuery = (roomId: string) =>
  queryOptions({ queryKey: queryKeys.decisionVerification(roomId), queryFn: () => verifyDecisions(roomId) });

export const decisionSettingsQuery = (roomId: string) =>
  queryOptions({ queryKey: queryKeys.decisionSettings(roomId), queryFn: () => getDecisionSettings(roomId) });

export const motionsQuery = (roomId: string) =>
  queryOptions({ queryKey: queryKeys.motions(roomId), queryFn: () => listRoomMotions(roomId) });

export const pollsQuery = (roomId: string) =>
  queryOptions({ queryKey: queryKeys.polls(roomId), queryFn: () => listRoomPolls(roomId) });

export const commitmentsQuery = (roomId: string) =>
  queryOptions({ queryKey: queryKeys.commitments(roomId), queryFn: () => listCommitments(roomId) });

export const resourcesQuery = (roomId: string) =>
  queryOptions({ queryKey: queryKeys.resources(roomId), queryFn: () => getResourceLedger(roomId) });

/** The report over whole days: `period` holds the days as the form shows them (yyyy-mm-dd, or empty). */
export const reportQuery = (roomId: string, period: { from: string; to: string }) =>
  queryOptions({
    queryKey: queryKeys.report(roomId, period),
    queryFn: () =>
      getRoomReport(roomId, { from: dayBoundary(period.from, "start"), to: dayBoundary(period.to, "end") }),
  });

export const reviewDecisionsQuery = (query: ReviewQuery) =>
  queryOptions({ queryKey: queryKeys.reviewDecisions(query), queryFn: () => listReviewDecisions(query) });

export const reviewDecisionQuery = (roomId: string, seq: number) =>
  queryOptions({ queryKey: queryKeys.reviewDecision(roomId, seq), queryFn: () => getReviewDecision(roomId, seq) });

export const inviteQuery = (token: string) =>
  queryOptions({ queryKey: queryKeys.invite(token), queryFn: () => previewInvite(token) });

export const myDelegationsQuery = (roomId: string) =>
  queryOptions({ queryKey: queryKeys.myDelegations(roomId), queryFn: () => listMyDelegations(roomId) });

export const myMotionDelegationQuery = (motionId: string) =>
  queryOptions({ queryKey: queryKeys.myMotionDelegation(motionId), queryFn: () => getMyMotionDelegation(motionId) });

/** Joining, creating or leaving a room changes the room's detail (role, members) and both room lists. */
export async function invalidateMembership(queryClient: QueryClient, roomId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.room(roomId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.myRooms() }),
    queryClient.invalidateQueries({ queryKey: queryKeys.openRooms() }),
  ]);
}

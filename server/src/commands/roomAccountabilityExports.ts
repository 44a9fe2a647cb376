// What a coordinator takes out of a room: its decisions, commitments and pledges (for CSV and JSON
// exports) and the printable report (participation per sector and week, tallies, resource totals,
// commitments by status, the verified chain). Coordinators only.
import {
  type CommitmentStatus,
  type ActCounts,
  type PolicyActor,
  type ResourceTotals,
  type Sector,
  accountabilityLimits,
  commitmentStatuses,
  isCommitmentOverdue,
} from "@mufakat/shared";
import type { AppContext } from "../context.ts";
import type { DecisionRecordDoc } from "../models/decisions.ts";
import type { RoomDoc, UserDoc } from "../models/index.ts";
import { type CommitmentsView, commitmentsView, roomCommitments } from "./commitments.ts";
import { userCardsById } from "./userCards.ts";
import {
  type ChainVerification,
  type ReadDecision,
  type ReadRecord,
  readDecision,
  readRecord,
  verifyDecisionLog,
} from "./decisionLog.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";
import { policyActor } from "../policies/roomPolicy.ts";
import { type ParticipationView, participationOfRoom, resolvePeriod, weeklyActs } from "./participation.ts";
import { type PledgesView, resourceTotals, roomPledges } from "./pledges.ts";

export interface RoomExportData {
  room: RoomDoc;
  exportedAt: Date;
  /** Oldest first, corrections included. */
  decisions: DecisionRecordDoc[];
  commitments: CommitmentsView;
  pledges: PledgesView;
  chain: ChainVerification;
}

async function coordinatedRoom(ctx: AppContext, props: { user: UserDoc; roomId: string }): Promise<RoomDoc> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "records.export",
  });
  return room;
}

async function roomDecisionRecords(ctx: AppContext, room: RoomDoc): Promise<DecisionRecordDoc[]> {
  return ctx.models.DecisionRecord.find({ roomId: room._id })
    .sort({ seq: 1 })
    .limit(accountabilityLimits.accountabilityRowsMax)
    .lean();
}

async function pledgesView(ctx: AppContext, room: RoomDoc, viewer?: PolicyActor): Promise<PledgesView> {
  const pledges = await roomPledges(ctx, room._id);
  return {
    pledges,
    users: await userCardsById(
      ctx,
      pledges.map((p) => p.userId),
    ),
    ...(viewer ? { viewer } : {}),
  };
}

export async function loadDecisionsExport(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<{ room: RoomDoc; decisions: ReadRecord[]; at: Date }> {
  const room = await coordinatedRoom(ctx, props);
  return { room, decisions: (await roomDecisionRecords(ctx, room)).map(readRecord), at: ctx.now() };
}

export async function loadCommitmentsExport(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<{ room: RoomDoc; commitments: CommitmentsView; at: Date }> {
  const room = await coordinatedRoom(ctx, props);
  return { room, commitments: await commitmentsView(ctx, await roomCommitments(ctx, room._id)), at: ctx.now() };
}

export async function loadPledgesExport(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<{ room: RoomDoc; pledges: PledgesView; at: Date }> {
  const room = await coordinatedRoom(ctx, props);
  return { room, pledges: await pledgesView(ctx, room), at: ctx.now() };
}

export async function loadRoomExport(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<RoomExportData> {
  const room = await coordinatedRoom(ctx, props);
  // The room's JSON holds its commitments and pledges as the coordinator exporting it reads them.
  const viewer = policyActor(props.user._id, "coordinator");
  return {
    room,
    exportedAt: ctx.now(),
    decisions: await roomDecisionRecords(ctx, room),
    commitments: await commitmentsView(ctx, await roomCommitments(ctx, room._id), viewer),
    pledges: await pledgesView(ctx, room, viewer),
    chain: await verifyDecisionLog(ctx, { roomId: room._id }),
  };
}

export interface RoomReportData {
  room: RoomDoc;
  generatedAt: Date;
  participation: ParticipationView;
  /** Seven-day buckets from the period's start; the last may be shorter. */
  participationByWeek: Array<{
    from: Date;
    to: Date;
    perSector: Record<Sector, ActCounts & { total: number }>;
  }>;
  /** Decisions whose payload reads as a decided motion, oldest first (see readDecision). */
  decisions: ReadDecision[];
  resources: ResourceTotals;
  commitments: CommitmentsView;
  commitmentsByStatus: Record<CommitmentStatus, number>;
  overdueCommitments: number;
  chain: ChainVerification;
}

export async function getRoomReport(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; query: { from?: string | undefined; to?: string | undefined } },
): Promise<RoomReportData> {
  const room = await coordinatedRoom(ctx, props);
  const period = resolvePeriod(ctx, props.query);
  const pledges = await roomPledges(ctx, room._id);
  const generatedAt = ctx.now();
  const participation = await participationOfRoom(ctx, { room, viewerRole: "coordinator", period });
  const decisions = (await roomDecisionRecords(ctx, room)).flatMap((record) => readDecision(record) ?? []);
  const commitments = await commitmentsView(ctx, await roomCommitments(ctx, room._id));
  const byStatus = Object.fromEntries(commitmentStatuses.map((s) => [s, 0])) as Record<CommitmentStatus, number>;
  let overdue = 0;
  for (const commitment of commitments.commitments) {
    const status = commitment.status as CommitmentStatus;
    byStatus[status] += 1;
    if (isCommitmentOverdue({ status, dueDate: commitment.dueDate }, commitments.now)) overdue += 1;
  }
  return {
    room,
    generatedAt,
    participation,
    participationByWeek: weeklyActs(participation.period, participation.events),
    decisions,
    resources: resourceTotals(pledges),
    commitments,
    commitmentsByStatus: byStatus,
    overdueCommitments: overdue,
    chain: await verifyDecisionLog(ctx, { roomId: room._id }),
  };
}

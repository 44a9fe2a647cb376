// Shapes commitments, pledges, the resource ledger, participation, the review, exports (JSON and CSV) and
// the printable report for the wire. CSV is written with the shared formula-safe writer.
import {
  type Commitment,
  type CommitmentStatus,
  type Participation,
  type Pledge,
  type PledgeStatus,
  type PublicTally,
  type PublicUser,
  type ResourceKind,
  type ResourceLedger,
  type ResourceTotals,
  type ReviewDecisionDetail,
  type ReviewDecisionSummary,
  type RoomExport,
  type RoomReport,
  type Sector,
  type TallyOutcome,
  type TallyReasonCode,
  commitmentAbilities,
  commitmentStatuses,
  isCommitmentOverdue,
  pledgeAbilities,
  maySeeParticipationWarnings,
  publicTallySchema,
  recordedPositionSchema,
  sectors,
  toCsv,
} from "@mufakat/shared";
import type { z } from "zod";
import type { CommitmentsView } from "../commands/commitments.ts";
import type { ParticipationView } from "../commands/participation.ts";
import { stageOf, weeklyContributions } from "../commands/participation.ts";
import type { PledgesView } from "../commands/pledges.ts";
import type { ReviewDetail, ReviewListItem } from "../commands/reviewDecisions.ts";
import type { RoomExportData, RoomReportData } from "../commands/roomAccountabilityExports.ts";
import type { CommitmentDoc, PledgeDoc } from "../models/accountability.ts";
import type { DecisionRecordDoc } from "../models/decisions.ts";
import type { RoomDoc } from "../models/index.ts";
import { policyCommitment, policyPledge } from "../policies/accountabilityPolicy.ts";
import { presentDecisionRecord } from "./motions.ts";
import { presentRoomSummary } from "./rooms.ts";
import { formerUser } from "./users.ts";

const userOr = (users: Map<string, PublicUser>, id: { toHexString(): string }) =>
  users.get(id.toHexString()) ?? formerUser(id.toHexString());

export function presentCommitment(commitment: CommitmentDoc, users: Map<string, PublicUser>, now: Date): Commitment {
  const status = commitment.status as CommitmentStatus;
  return {
    id: commitment._id.toHexString(),
    roomId: commitment.roomId.toHexString(),
    decisionSeq: commitment.decisionSeq,
    decisionTitle: commitment.decisionTitle,
    what: commitment.what,
    owner: commitment.ownerUserId ? userOr(users, commitment.ownerUserId) : null,
    ownerOrganisation: commitment.ownerOrganisation ?? null,
    sector: commitment.sector as Sector,
    dueDate: commitment.dueDate.toISOString(),
    status,
    percentComplete: commitment.percentComplete,
    overdue: isCommitmentOverdue({ status, dueDate: commitment.dueDate }, now),
    progress: commitment.progress.map((note) => ({
      note: note.note,
      percentComplete: note.percentComplete ?? null,
      at: note.at.toISOString(),
      author: userOr(users, note.authorId),
    })),
    createdBy: userOr(users, commitment.createdBy),
    createdAt: commitment.createdAt.toISOString(),
    updatedAt: commitment.updatedAt.toISOString(),
  };
}

export function presentCommitments(view: CommitmentsView): Commitment[] {
  return view.commitments.map((c) => withCommitmentAbilities(presentCommitment(c, view.users, view.now), c, view));
}

export function presentPledge(pledge: PledgeDoc, users: Map<string, PublicUser>): Pledge {
  return {
    id: pledge._id.toHexString(),
    roomId: pledge.roomId.toHexString(),
    decisionSeq: pledge.decisionSeq ?? null,
    kind: pledge.kind as ResourceKind,
    quantity: pledge.quantityHundredths / 100,
    unit: pledge.unit,
    note: pledge.note ?? "",
    organisation: pledge.organisation,
    sector: pledge.sector as Sector,
    status: pledge.status as PledgeStatus,
    pledgedBy: userOr(users, pledge.userId),
    createdAt: pledge.createdAt.toISOString(),
    updatedAt: pledge.updatedAt.toISOString(),
  };
}

export function presentPledges(view: PledgesView): Pledge[] {
  return view.pledges.map((p) => withPledgeAbilities(presentPledge(p, view.users), p, view));
}

export function presentLedger(roomId: string, view: PledgesView & { totals: ResourceTotals }): ResourceLedger {
  return { roomId, pledges: presentPledges(view), ...view.totals };
}

export function presentParticipation(view: ParticipationView): Participation {
  const { balance } = view;
  return {
    roomId: view.room._id.toHexString(),
    from: view.period.from.toISOString(),
    to: view.period.to.toISOString(),
    floorPercent: view.floorPercent,
    stage: view.room.stage as Participation["stage"],
    stageHistory: view.stageHistory.flatMap(({ entry, actor }) => {
      const to = stageOf(entry.after);
      if (!to) return [];
      return [
        {
          from: stageOf(entry.before),
          to,
          at: entry.at.toISOString(),
          by: actor ?? formerUser(entry.actorId.toHexString()),
        },
      ];
    }),
    sectors: sectors.map((sector) => {
      const figures = balance.perSector[sector];
      return {
        sector,
        members: view.members[sector].writers,
        observers: view.members[sector].observers,
        memberShare: figures.memberShare,
        contributions: figures.contributions,
        total: figures.total,
        contributionShare: figures.contributionShare,
        balance: figures.balance,
        belowFloor: figures.belowFloor,
        attendanceMs: view.attendance[sector].ms,
        membersPresent: view.attendance[sector].membersPresent,
      };
    }),
    balanceIndex: balance.balanceIndex,
    // The warning is the coordinators' prompt to act; other members see the figures without it.
    warnings: maySeeParticipationWarnings(view.viewerRole) ? balance.warnings : null,
  };
}

interface DecisionPayload {
  proposalTitle?: unknown;
  outcome?: unknown;
  reasonCode?: unknown;
  frozenText?: unknown;
  frozenTextHash?: unknown;
  tally?: unknown;
  positions?: unknown;
}

const payloadOf = (record: DecisionRecordDoc) => record.payload as DecisionPayload;

function recordedTally(record: DecisionRecordDoc): PublicTally {
  const parsed = publicTallySchema.safeParse(payloadOf(record).tally);
  if (!parsed.success) throw new Error(`decision record ${record.seq}: stored tally does not match the contract`);
  return parsed.data;
}

export function presentReviewSummary(item: ReviewListItem): ReviewDecisionSummary {
  const payload = payloadOf(item.record);
  const tally = recordedTally(item.record);
  return {
    roomId: item.room._id.toHexString(),
    roomTitle: item.room.title,
    seq: item.record.seq,
    at: item.record.at.toISOString(),
    proposalTitle: String(payload.proposalTitle ?? ""),
    outcome: tally.outcome,
    reasonCode: tally.reasonCode,
    votersCount: tally.votersCount,
    sectorsVoted: sectors.filter((s) => tally.perSector[s].voters > 0),
    commitments: item.commitments,
    pledges: item.pledges,
    correctedBy: item.correctedBy,
  };
}

function presentPositions(record: DecisionRecordDoc): Array<z.infer<typeof recordedPositionSchema>> {
  const positions = Array.isArray(payloadOf(record).positions) ? (payloadOf(record).positions as unknown[]) : [];
  return positions.flatMap((raw) => {
    const item = raw as Record<string, unknown>;
    const parsed = recordedPositionSchema.safeParse({
      position: item.position,
      reason: item.reason ?? null,
      displayName: item.displayName ?? null,
      sector: item.sector ?? null,
      organisation: item.organisation ?? null,
    });
    return parsed.success ? [parsed.data] : [];
  });
}

export function presentReviewDetail(detail: ReviewDetail): ReviewDecisionDetail {
  const payload = payloadOf(detail.record);
  const tally = recordedTally(detail.record);
  return {
    room: presentRoomSummary(detail.room, "coordinator"),
    record: presentDecisionRecord(detail.record),
    proposalTitle: String(payload.proposalTitle ?? ""),
    outcome: tally.outcome as TallyOutcome,
    reasonCode: tally.reasonCode as TallyReasonCode,
    frozenText: String(payload.frozenText ?? ""),
    frozenTextHash: String(payload.frozenTextHash ?? ""),
    frozenTextIntact: detail.frozenTextIntact,
    tally,
    positions: presentPositions(detail.record),
    corrections: detail.corrections.map(presentDecisionRecord),
    commitments: presentCommitments(detail.commitments),
    pledges: presentPledges(detail.pledges),
    chain: detail.chain,
  };
}

export function presentRoomExport(data: RoomExportData): RoomExport {
  return {
    format: "mufakat.room.v1",
    exportedAt: data.exportedAt.toISOString(),
    room: presentRoomSummary(data.room, "coordinator"),
    decisions: data.decisions.map(presentDecisionRecord),
    commitments: presentCommitments(data.commitments),
    pledges: presentPledges(data.pledges),
    chain: data.chain,
  };
}

export function presentRoomReport(data: RoomReportData): RoomReport {
  const commitments = presentCommitments(data.commitments);
  const byStatus = Object.fromEntries(commitmentStatuses.map((s) => [s, 0])) as Record<CommitmentStatus, number>;
  for (const commitment of commitments) byStatus[commitment.status] += 1;
  return {
    generatedAt: data.generatedAt.toISOString(),
    room: presentRoomSummary(data.room, "coordinator"),
    participation: presentParticipation(data.participation),
    participationByWeek: weeklyContributions(data.participation.period, data.participation.events).map((week) => ({
      from: week.from.toISOString(),
      to: week.to.toISOString(),
      perSector: week.perSector,
    })),
    decisions: data.decisions.map((record) => {
      const tally = recordedTally(record);
      return {
        seq: record.seq,
        at: record.at.toISOString(),
        proposalTitle: String(payloadOf(record).proposalTitle ?? ""),
        outcome: tally.outcome,
        reasonCode: tally.reasonCode,
        tally,
      };
    }),
    resources: data.resources,
    commitmentsByStatus: byStatus,
    overdueCommitments: commitments.filter((c) => c.overdue).length,
    commitments,
    chain: data.chain,
  };
}

// --- CSV -------------------------------------------------------------------------------------------------

export const decisionsCsvHeader = [
  "seq",
  "at",
  "kind",
  "corrects",
  "proposalTitle",
  "outcome",
  "reasonCode",
  "votersCount",
  "support",
  "supportWithReservations",
  "standAside",
  "object",
  "block",
  "sectorsRepresented",
  "frozenTextHash",
  "note",
  "prevHash",
  "hash",
] as const;

export function decisionsCsv(records: DecisionRecordDoc[]): string {
  return toCsv(
    decisionsCsvHeader,
    records.map((record) => {
      const payload = record.payload as DecisionPayload & { note?: unknown };
      const tally = record.kind === "decision" ? recordedTally(record) : null;
      return [
        record.seq,
        record.at.toISOString(),
        record.kind,
        record.corrects ?? null,
        tally ? String(payload.proposalTitle ?? "") : null,
        tally?.outcome ?? null,
        tally?.reasonCode ?? null,
        tally?.votersCount ?? null,
        tally?.totals.support ?? null,
        tally?.totals.supportWithReservations ?? null,
        tally?.totals.standAside ?? null,
        tally?.totals.object ?? null,
        tally?.totals.block ?? null,
        tally ? tally.sectorsRepresented.join(" ") : null,
        tally ? String(payload.frozenTextHash ?? "") : null,
        record.kind === "correction" ? String(payload.note ?? "") : null,
        record.prevHash,
        record.hash,
      ];
    }),
  );
}

export const commitmentsCsvHeader = [
  "id",
  "decisionSeq",
  "decisionTitle",
  "what",
  "owner",
  "ownerOrganisation",
  "sector",
  "dueDate",
  "status",
  "percentComplete",
  "overdue",
  "progressNotes",
  "createdAt",
] as const;

export function commitmentsCsv(commitments: Commitment[]): string {
  return toCsv(
    commitmentsCsvHeader,
    commitments.map((c) => [
      c.id,
      c.decisionSeq,
      c.decisionTitle,
      c.what,
      c.owner?.displayName ?? null,
      c.ownerOrganisation,
      c.sector,
      c.dueDate,
      c.status,
      c.percentComplete,
      c.overdue,
      c.progress.length,
      c.createdAt,
    ]),
  );
}

export const pledgesCsvHeader = [
  "id",
  "decisionSeq",
  "kind",
  "quantity",
  "unit",
  "organisation",
  "sector",
  "status",
  "pledgedBy",
  "note",
  "createdAt",
] as const;

export function pledgesCsv(pledges: Pledge[]): string {
  return toCsv(
    pledgesCsvHeader,
    pledges.map((p) => [
      p.id,
      p.decisionSeq,
      p.kind,
      p.quantity,
      p.unit,
      p.organisation,
      p.sector,
      p.status,
      p.pledgedBy.displayName,
      p.note,
      p.createdAt,
    ]),
  );
}

/** "mufakat-<what>-<roomId>-<YYYY-MM-DD>.<ext>": ASCII only, so Content-Disposition needs no encoding. */
export function exportFileName(what: string, room: RoomDoc, at: Date, ext: "csv" | "json"): string {
  return `mufakat-${what}-${room._id.toHexString()}-${at.toISOString().slice(0, 10)}.${ext}`;
}

/** The viewer's abilities on a commitment, when the view names its viewer. */
function withCommitmentAbilities(presented: Commitment, commitment: CommitmentDoc, view: CommitmentsView): Commitment {
  return view.viewer
    ? { ...presented, abilities: commitmentAbilities(view.viewer, policyCommitment(commitment)) }
    : presented;
}

/** The viewer's abilities on a pledge, when the view names its viewer. */
function withPledgeAbilities(presented: Pledge, pledge: PledgeDoc, view: PledgesView): Pledge {
  return view.viewer ? { ...presented, abilities: pledgeAbilities(view.viewer, policyPledge(pledge)) } : presented;
}

// Shapes commitments, pledges, the resource ledger, participation, the review, exports (JSON and CSV) and
// the printable report for the wire. CSV is written with the shared formula-safe writer.
import {
  type Commitment,
  type CommitmentStatus,
  type Participation,
  type Pledge,
  type PledgeStatus,
  type PublicUser,
  type ReadPosition,
  type ResourceKind,
  type ResourceLedger,
  type ResourceTotals,
  type ReviewDecisionDetail,
  type ReviewDecisionSummary,
  type RoomExport,
  type RoomReport,
  type Sector,
  commitmentAbilities,
  isCommitmentOverdue,
  maySeeParticipationWarnings,
  periodDays,
  pledgeAbilities,
  sectors,
  toCsv,
} from "@mufakat/shared";
import type { CommitmentsView } from "../commands/commitments.ts";
import type { ReadRecord } from "../commands/decisionLog.ts";
import type { ParticipationView } from "../commands/participation.ts";
import type { PledgesView } from "../commands/pledges.ts";
import type { ReviewDetail, ReviewListItem } from "../commands/reviewDecisions.ts";
import type { RoomExportData, RoomReportData } from "../commands/roomAccountabilityExports.ts";
import type { UserCard } from "../commands/userCards.ts";
import type { CommitmentDoc, PledgeDoc } from "../models/accountability.ts";
import type { RoomDoc } from "../models/index.ts";
import { policyCommitment, policyPledge } from "../policies/accountabilityPolicy.ts";
import { presentDecisionRecord } from "./motions.ts";
import { presentRoomSummary } from "./rooms.ts";
import { formerUser, presentPublicUser } from "./users.ts";

const userOr = (users: Map<string, UserCard>, id: { toHexString(): string }): PublicUser => {
  const card = users.get(id.toHexString());
  return card ? presentPublicUser(card) : formerUser(id.toHexString());
};

export function presentCommitment(commitment: CommitmentDoc, users: Map<string, UserCard>, now: Date): Commitment {
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

export function presentPledge(pledge: PledgeDoc, users: Map<string, UserCard>): Pledge {
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
    periodDays: periodDays(view.period.from, view.period.to),
    quietPercent: balance.quietPercent,
    writingMembers: balance.writingMembers,
    roomActs: balance.roomActs,
    minimumActs: balance.minimumActs,
    judged: balance.judged,
    stage: view.room.stage as Participation["stage"],
    stageHistory: view.stageHistory.map((change) => ({
      from: change.from,
      to: change.to,
      at: change.at.toISOString(),
      by: change.actor ? presentPublicUser(change.actor) : formerUser(change.actorId),
    })),
    sectors: sectors.map((sector) => {
      const figures = balance.perSector[sector];
      return {
        sector,
        members: view.members[sector].writers,
        observers: view.members[sector].observers,
        memberShare: figures.memberShare,
        acts: figures.acts,
        total: figures.total,
        actShare: figures.actShare,
        expectedActs: figures.expectedActs,
        flaggedBelow: figures.flaggedBelow,
        proportionPercent: figures.proportionPercent,
        quiet: figures.quiet,
        attendanceMs: view.attendance[sector].ms,
        membersPresent: view.attendance[sector].membersPresent,
      };
    }),
    balanceIndex: balance.balanceIndex,
    // The warning is the coordinators' prompt to act; other members see the figures without it.
    warnings: maySeeParticipationWarnings(view.viewerRole) ? balance.warnings : null,
  };
}

export function presentReviewSummary(item: ReviewListItem): ReviewDecisionSummary {
  const { record, payload, tally } = item.decision;
  return {
    roomId: item.room._id.toHexString(),
    roomTitle: item.room.title,
    seq: record.seq,
    at: record.at.toISOString(),
    proposalTitle: payload.proposalTitle,
    outcome: tally.outcome,
    reasonCode: tally.reasonCode,
    votersCount: tally.votersCount,
    sectorsVoted: sectors.filter((s) => tally.perSector[s].voters > 0),
    commitments: item.commitments,
    pledges: item.pledges,
    correctedBy: item.correctedBy,
  };
}

function presentPositions(positions: ReadPosition[]): ReviewDecisionDetail["positions"] {
  return positions.map(({ position, reason, displayName, sector, organisation }) => ({
    position,
    reason,
    displayName,
    sector,
    organisation,
  }));
}

export function presentReviewDetail(detail: ReviewDetail): ReviewDecisionDetail {
  const { record, payload, tally } = detail.decision;
  return {
    room: presentRoomSummary(detail.room, "coordinator"),
    record: presentDecisionRecord(record),
    proposalTitle: payload.proposalTitle,
    outcome: tally.outcome,
    reasonCode: tally.reasonCode,
    frozenText: payload.frozenText,
    frozenTextHash: payload.frozenTextHash,
    frozenTextIntact: detail.frozenTextIntact,
    tally,
    positions: presentPositions(payload.positions),
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
  return {
    generatedAt: data.generatedAt.toISOString(),
    room: presentRoomSummary(data.room, "coordinator"),
    participation: presentParticipation(data.participation),
    participationByWeek: data.participationByWeek.map((week) => ({
      from: week.from.toISOString(),
      to: week.to.toISOString(),
      perSector: week.perSector,
    })),
    decisions: data.decisions.map(({ record, payload, tally }) => ({
      seq: record.seq,
      at: record.at.toISOString(),
      proposalTitle: payload.proposalTitle,
      outcome: tally.outcome,
      reasonCode: tally.reasonCode,
      tally,
    })),
    resources: data.resources,
    commitmentsByStatus: data.commitmentsByStatus,
    overdueCommitments: data.overdueCommitments,
    commitments: presentCommitments(data.commitments),
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

export function decisionsCsv(records: ReadRecord[]): string {
  return toCsv(
    decisionsCsvHeader,
    records.map(({ record, payload }) => {
      const decided = record.kind === "decision" && payload.type === "motionDecided" ? payload : null;
      const tally = decided?.tally ?? null;
      return [
        record.seq,
        record.at.toISOString(),
        record.kind,
        record.corrects ?? null,
        tally ? (decided?.proposalTitle ?? "") : null,
        tally?.outcome ?? null,
        tally?.reasonCode ?? null,
        tally?.votersCount ?? null,
        tally?.totals.support ?? null,
        tally?.totals.supportWithReservations ?? null,
        tally?.totals.standAside ?? null,
        tally?.totals.object ?? null,
        tally?.totals.block ?? null,
        tally ? tally.sectorsRepresented.join(" ") : null,
        tally ? (decided?.frozenTextHash ?? "") : null,
        record.kind === "correction" ? (payload.type === "correction" ? payload.note : "") : null,
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

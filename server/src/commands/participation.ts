// The participation insight of a room over a period: contributions per sector (proposal edits, comments,
// chat messages, votes, commitments, pledges), live attendance, the balance indicator and the
// symbolic-participation warnings (rule in shared/src/rules/participation.ts), and the collaboration stage
// with its history. FerretDB v1.24 has no $group pipelines to rely on, so every figure is computed here
// over bounded queries that project only the fields they count.
import {
  type CollaborationStage,
  type ContributionCounts,
  type ContributionKind,
  type MemberRole,
  type ParticipationBalance,
  type Sector,
  type SectorActivity,
  accountabilityLimits,
  emptyContributionCounts,
  limits,
  participationBalance,
  sectors,
} from "@mufakat/shared";
import { type Types, trusted } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { RoomDoc, UserDoc } from "../models/index.ts";
import { type UserCard, userCardsById } from "./userCards.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";
import { recordAudit } from "./recordAudit.ts";

const dayMs = 24 * 60 * 60 * 1000;

export interface Period {
  from: Date;
  to: Date;
}

/** The asked period, by default the last 30 days up to now; refused when empty, reversed or over a year. */
export function resolvePeriod(ctx: AppContext, query: { from?: string | undefined; to?: string | undefined }): Period {
  const to = query.to ? new Date(query.to) : ctx.now();
  const from = query.from
    ? new Date(query.from)
    : new Date(to.getTime() - accountabilityLimits.participationDefaultDays * dayMs);
  if (from.getTime() >= to.getTime()) {
    throw appError("VALIDATION_FAILED", "from: must be before to", [
      { path: "from", message: "must be before to", code: "custom", rule: "periodReversed" },
    ]);
  }
  if (to.getTime() - from.getTime() > accountabilityLimits.participationMaxDays * dayMs) {
    const message = `the period spans at most ${accountabilityLimits.participationMaxDays} days`;
    throw appError("VALIDATION_FAILED", `from: ${message}`, [
      { path: "from", message, code: "custom", rule: "periodTooLong" },
    ]);
  }
  return { from, to };
}

export async function roomFloorPercent(ctx: AppContext, roomId: Types.ObjectId): Promise<number> {
  const settings = await ctx.models.AccountabilitySettings.findOne({ roomId }).lean();
  return settings?.symbolicFloorPercent ?? accountabilityLimits.symbolicFloorDefaultPercent;
}

export async function getAccountabilitySettings(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<{ symbolicFloorPercent: number }> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "participation.view",
  });
  return { symbolicFloorPercent: await roomFloorPercent(ctx, room._id) };
}

export async function updateAccountabilitySettings(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; symbolicFloorPercent: number },
): Promise<{ symbolicFloorPercent: number }> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "participation.editSettings",
  });
  const before = await roomFloorPercent(ctx, room._id);
  await ctx.models.AccountabilitySettings.findOneAndUpdate(
    { roomId: room._id },
    { $set: { symbolicFloorPercent: props.symbolicFloorPercent, updatedAt: ctx.now() } },
    { upsert: true, returnDocument: "after" },
  );
  if (before !== props.symbolicFloorPercent) {
    await recordAudit(ctx, {
      roomId: room._id,
      actorId: props.user._id,
      action: "settings.changed",
      before: { symbolicFloorPercent: before },
      after: { symbolicFloorPercent: props.symbolicFloorPercent },
    });
  }
  return { symbolicFloorPercent: props.symbolicFloorPercent };
}

/** One contribution: who (by sector), what kind, when. */
export interface ContributionEvent {
  sector: Sector;
  kind: ContributionKind;
  at: Date;
}

export interface SectorAttendance {
  ms: number;
  membersPresent: number;
}

export interface ParticipationView {
  room: RoomDoc;
  viewerRole: MemberRole;
  period: Period;
  floorPercent: number;
  members: Record<Sector, { writers: number; observers: number }>;
  balance: ParticipationBalance;
  attendance: Record<Sector, SectorAttendance>;
  events: ContributionEvent[];
  /** The room's stage changes, oldest first; an entry whose stage cannot be read is left out. */
  stageHistory: Array<{
    from: CollaborationStage | null;
    to: CollaborationStage;
    at: Date;
    actorId: string;
    actor: UserCard | undefined;
  }>;
}

export async function getParticipation(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; query: { from?: string | undefined; to?: string | undefined } },
): Promise<ParticipationView> {
  const { room, role } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "participation.view",
  });
  return participationOfRoom(ctx, { room, viewerRole: role, period: resolvePeriod(ctx, props.query) });
}

export async function participationOfRoom(
  ctx: AppContext,
  props: { room: RoomDoc; viewerRole: MemberRole; period: Period },
): Promise<ParticipationView> {
  const { room, period } = props;
  const memberships = await ctx.models.Membership.find({ roomId: room._id }, { userId: 1, role: 1, sector: 1 })
    .limit(accountabilityLimits.participationScanMax)
    .lean();
  const sectorOf = new Map(memberships.map((m) => [m.userId.toHexString(), m.sector as Sector]));
  const members = Object.fromEntries(
    sectors.map((s) => [s, { writers: 0, observers: 0 }]),
  ) as ParticipationView["members"];
  for (const membership of memberships) {
    const counts = members[membership.sector as Sector];
    if (membership.role === "observer") counts.observers += 1;
    else counts.writers += 1;
  }

  const events = await contributionEvents(ctx, { roomId: room._id, period, sectorOf });
  const activity = Object.fromEntries(
    sectors.map((s) => [s, { members: members[s].writers, contributions: emptyContributionCounts() }]),
  ) as Record<Sector, SectorActivity>;
  for (const event of events) activity[event.sector].contributions[event.kind] += 1;

  const stageEntries = await ctx.models.AuditEntry.find({ roomId: room._id, action: "stage.changed" })
    .sort({ at: 1, _id: 1 })
    .limit(500)
    .lean();
  const actors = await userCardsById(
    ctx,
    stageEntries.map((entry) => entry.actorId),
  );
  const floorPercent = await roomFloorPercent(ctx, room._id);
  return {
    room,
    viewerRole: props.viewerRole,
    period,
    floorPercent,
    members,
    balance: participationBalance(activity, floorPercent),
    attendance: await attendanceBySector(ctx, { roomId: room._id, period }),
    events,
    stageHistory: stageEntries.flatMap((entry) => {
      const to = stageOf(entry.after);
      if (!to) return [];
      const actorId = entry.actorId.toHexString();
      return [{ from: stageOf(entry.before), to, at: entry.at, actorId, actor: actors.get(actorId) }];
    }),
  };
}

/**
 * Every contribution to the room in the period. Edits, comments and chat messages are attributed to the
 * author's sector in the room (authors who are no longer members are left out); votes carry the sector
 * they were cast in; commitments count for the sector they are in; withdrawn pledges count for nobody.
 * Proposal edits are the stored update log: compaction merges old entries into a snapshot, so edits
 * older than the last compaction of a proposal are no longer counted.
 */
async function contributionEvents(
  ctx: AppContext,
  props: { roomId: Types.ObjectId; period: Period; sectorOf: Map<string, Sector> },
): Promise<ContributionEvent[]> {
  const { models } = ctx;
  const max = accountabilityLimits.participationScanMax;
  // Both ends included: with the default period ending now, what happened this instant counts.
  const range = () => trusted({ $gte: props.period.from, $lte: props.period.to });
  const events: ContributionEvent[] = [];
  const byAuthor = (authorId: Types.ObjectId, kind: ContributionKind, at: Date) => {
    const sector = props.sectorOf.get(authorId.toHexString());
    if (sector) events.push({ sector, kind, at });
  };

  const proposals = await models.Proposal.find({ roomId: props.roomId }, { _id: 1 })
    .limit(limits.proposalsPerRoom * 2)
    .lean();
  if (proposals.length > 0) {
    const edits = await models.ProposalUpdate.find(
      { proposalId: trusted({ $in: proposals.map((p) => p._id) }), createdAt: range() },
      { userId: 1, createdAt: 1 },
    )
      .limit(max)
      .lean();
    for (const edit of edits) byAuthor(edit.userId, "proposalEdits", edit.createdAt);
  }

  const messages = await models.DiscussionMessage.find(
    { roomId: props.roomId, createdAt: range(), deletedAt: null },
    { kind: 1, authorId: 1, createdAt: 1 },
  )
    .limit(max)
    .lean();
  for (const message of messages) {
    byAuthor(message.authorId, message.kind === "chat" ? "chatMessages" : "comments", message.createdAt);
  }

  const motions = await models.Motion.find({ roomId: props.roomId }, { _id: 1 }).limit(max).lean();
  if (motions.length > 0) {
    const votes = await models.VoteEvent.find(
      { motionId: trusted({ $in: motions.map((m) => m._id) }), at: range() },
      { sector: 1, at: 1 },
    )
      .limit(max)
      .lean();
    for (const vote of votes) events.push({ sector: vote.sector as Sector, kind: "votes", at: vote.at });
  }

  const commitments = await models.Commitment.find(
    { roomId: props.roomId, createdAt: range() },
    { sector: 1, createdAt: 1 },
  )
    .limit(max)
    .lean();
  for (const c of commitments) events.push({ sector: c.sector as Sector, kind: "commitments", at: c.createdAt });

  const pledges = await models.Pledge.find(
    { roomId: props.roomId, createdAt: range() },
    { sector: 1, createdAt: 1, status: 1 },
  )
    .limit(max)
    .lean();
  for (const p of pledges) {
    if (p.status !== "withdrawn") events.push({ sector: p.sector as Sector, kind: "pledges", at: p.createdAt });
  }
  return events;
}

/**
 * Time present per sector within the period: each member's intervals (one per socket, so several tabs
 * overlap) are merged before summing, so a member with two tabs open is not counted twice. An interval
 * still open counts up to now.
 */
async function attendanceBySector(
  ctx: AppContext,
  props: { roomId: Types.ObjectId; period: Period },
): Promise<Record<Sector, SectorAttendance>> {
  const now = ctx.now().getTime();
  const from = props.period.from.getTime();
  const to = props.period.to.getTime();
  const intervals = await ctx.models.AttendanceInterval.find(
    { roomId: props.roomId, joinedAt: trusted({ $lt: props.period.to }) },
    { userId: 1, sector: 1, joinedAt: 1, leftAt: 1 },
  )
    .sort({ joinedAt: -1 })
    .limit(accountabilityLimits.participationScanMax)
    .lean();
  const perUser = new Map<string, { sector: Sector; spans: Array<[number, number]> }>();
  for (const interval of intervals) {
    const start = Math.max(interval.joinedAt.getTime(), from);
    const end = Math.min(interval.leftAt?.getTime() ?? now, to);
    if (end <= start) continue;
    const key = `${interval.userId.toHexString()}:${interval.sector}`;
    const entry = perUser.get(key) ?? { sector: interval.sector as Sector, spans: [] };
    entry.spans.push([start, end]);
    perUser.set(key, entry);
  }
  const result = Object.fromEntries(sectors.map((s) => [s, { ms: 0, membersPresent: 0 }])) as Record<
    Sector,
    SectorAttendance
  >;
  for (const { sector, spans } of perUser.values()) {
    spans.sort((a, b) => a[0] - b[0]);
    let total = 0;
    let [currentStart, currentEnd] = spans[0] ?? [0, 0];
    for (const [start, end] of spans.slice(1)) {
      if (start <= currentEnd) currentEnd = Math.max(currentEnd, end);
      else {
        total += currentEnd - currentStart;
        [currentStart, currentEnd] = [start, end];
      }
    }
    total += currentEnd - currentStart;
    result[sector].ms += total;
    result[sector].membersPresent += 1;
  }
  return result;
}

/** Seven-day buckets from `period.from` (the last one may be shorter), with each sector's counts per kind. */
export function weeklyContributions(
  period: Period,
  events: ContributionEvent[],
): Array<{ from: Date; to: Date; perSector: Record<Sector, ContributionCounts & { total: number }> }> {
  const weekMs = 7 * dayMs;
  const buckets: Array<{ from: Date; to: Date; perSector: Record<Sector, ContributionCounts & { total: number }> }> =
    [];
  for (let start = period.from.getTime(); start < period.to.getTime(); start += weekMs) {
    buckets.push({
      from: new Date(start),
      to: new Date(Math.min(start + weekMs, period.to.getTime())),
      perSector: Object.fromEntries(sectors.map((s) => [s, { ...emptyContributionCounts(), total: 0 }])) as Record<
        Sector,
        ContributionCounts & { total: number }
      >,
    });
  }
  for (const event of events) {
    // The period's end is included: an event exactly at `to` belongs to the last bucket.
    const index = Math.min(Math.floor((event.at.getTime() - period.from.getTime()) / weekMs), buckets.length - 1);
    const bucket = buckets[index];
    if (!bucket) continue;
    bucket.perSector[event.sector][event.kind] += 1;
    bucket.perSector[event.sector].total += 1;
  }
  return buckets;
}

function stageOf(value: unknown): CollaborationStage | null {
  const stage = (value as { stage?: unknown } | null)?.stage;
  return typeof stage === "string" ? (stage as CollaborationStage) : null;
}

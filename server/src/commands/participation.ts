// The participation insight of a room over a period: acts per sector (editing sessions, comments, chat
// messages, ballots, commitments, pledges, and the coordinators' acts: motions opened, stage changes,
// versions saved, invites), live attendance, and the quiet sectors (rule and its reasons in
// shared/src/rules/participation.ts and README.md), with the collaboration stage and its history.
// FerretDB v1.24 has no $group pipelines and is slow on any filter but _id, so each collection is read
// once per request, projecting only what is counted, and everything is counted here.
import {
  type ActCounts,
  type ActKind,
  type AuditAction,
  type CollaborationStage,
  type EditSpan,
  type MemberRole,
  type ParticipationBalance,
  type Sector,
  type SectorActivity,
  accountabilityLimits,
  editSessions,
  emptyActCounts,
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

/** The room's quiet percentage; a room without settings, or with only the old floor, has the default. */
export async function roomQuietPercent(ctx: AppContext, roomId: Types.ObjectId): Promise<number> {
  const settings = await ctx.models.AccountabilitySettings.findOne({ roomId }, { quietPercent: 1 }).lean();
  return settings?.quietPercent ?? accountabilityLimits.quietDefaultPercent;
}

export async function getAccountabilitySettings(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<{ quietPercent: number }> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "participation.view",
  });
  return { quietPercent: await roomQuietPercent(ctx, room._id) };
}

export async function updateAccountabilitySettings(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; quietPercent: number },
): Promise<{ quietPercent: number }> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "participation.editSettings",
  });
  const before = await roomQuietPercent(ctx, room._id);
  // The old floor (symbolicFloorPercent) goes with the first save: it meant a share the measure no longer has.
  await ctx.models.AccountabilitySettings.findOneAndUpdate(
    { roomId: room._id },
    { $set: { quietPercent: props.quietPercent, updatedAt: ctx.now() }, $unset: { symbolicFloorPercent: 1 } },
    { upsert: true, returnDocument: "after" },
  );
  if (before !== props.quietPercent) {
    await recordAudit(ctx, {
      roomId: room._id,
      actorId: props.user._id,
      action: "settings.changed",
      before: { quietPercent: before },
      after: { quietPercent: props.quietPercent },
    });
  }
  return { quietPercent: props.quietPercent };
}

/** One act: by whom (sector), what kind, when. */
export interface ActEvent {
  sector: Sector;
  kind: ActKind;
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
  members: Record<Sector, { writers: number; observers: number }>;
  balance: ParticipationBalance;
  attendance: Record<Sector, SectorAttendance>;
  events: ActEvent[];
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

/** Audit entries the insight reads: stage changes (acts, and the history of every period) and invites. */
const auditedActs = { "stage.changed": "stageChanges", "invite.created": "invites" } as const satisfies Partial<
  Record<AuditAction, ActKind>
>;
const auditedActions = Object.keys(auditedActs) as AuditAction[];

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

  const audit = await ctx.models.AuditEntry.find(
    { roomId: room._id, action: trusted({ $in: auditedActions }) },
    { action: 1, actorId: 1, before: 1, after: 1, at: 1 },
  )
    .sort({ at: 1, _id: 1 })
    .limit(accountabilityLimits.participationScanMax)
    .lean();
  const stageEntries = audit.filter((entry) => entry.action === "stage.changed");
  const events = await actEvents(ctx, { roomId: room._id, period, sectorOf, audit });
  const activity = Object.fromEntries(
    sectors.map((s) => [s, { members: members[s].writers, acts: emptyActCounts() }]),
  ) as Record<Sector, SectorActivity>;
  for (const event of events) activity[event.sector].acts[event.kind] += 1;

  const actors = await userCardsById(
    ctx,
    stageEntries.map((entry) => entry.actorId),
  );
  const quietPercent = await roomQuietPercent(ctx, room._id);
  return {
    room,
    viewerRole: props.viewerRole,
    period,
    members,
    balance: participationBalance(activity, quietPercent),
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
 * Every act in the room in the period, each once (README "Participation"). Acts by a person are
 * attributed to that person's sector in the room (people who are no longer members are left out);
 * ballots carry the sector they were cast in, commitments the sector they are in, pledges the pledger's
 * (a withdrawn pledge counts for nobody).
 *
 * - Editing sessions come from the update log and, for edits compaction merged, from the sessions the
 *   snapshot kept. A session counts in the period it starts in, so the log is read from one session gap
 *   before the period: a session already under way at `from` is not counted again.
 * - A ballot is one per motion and member in the period, however often the member changed position.
 */
async function actEvents(
  ctx: AppContext,
  props: {
    roomId: Types.ObjectId;
    period: Period;
    sectorOf: Map<string, Sector>;
    audit: ReadonlyArray<{ action: string; actorId: Types.ObjectId; at: Date }>;
  },
): Promise<ActEvent[]> {
  const { models } = ctx;
  const { period, sectorOf } = props;
  const max = accountabilityLimits.participationScanMax;
  const [from, to] = [period.from.getTime(), period.to.getTime()];
  // Both ends included: with the default period ending now, what happened this instant counts.
  const inPeriod = (at: Date) => at.getTime() >= from && at.getTime() <= to;
  const range = () => trusted({ $gte: period.from, $lte: period.to });
  const events: ActEvent[] = [];
  const byPerson = (personId: Types.ObjectId | string, kind: ActKind, at: Date) => {
    const sector = sectorOf.get(typeof personId === "string" ? personId : personId.toHexString());
    if (sector) events.push({ sector, kind, at });
  };

  for (const entry of props.audit) {
    const kind = auditedActs[entry.action as keyof typeof auditedActs];
    if (kind && inPeriod(entry.at)) byPerson(entry.actorId, kind, entry.at);
  }

  const gapMs = accountabilityLimits.editSessionGapMinutes * 60_000;
  const proposals = await models.Proposal.find({ roomId: props.roomId }, { _id: 1 })
    .limit(limits.proposalsPerRoom * 2)
    .lean();
  if (proposals.length > 0) {
    const proposalIds = trusted({ $in: proposals.map((p) => p._id) });
    const updates = await models.ProposalUpdate.find(
      { proposalId: proposalIds, createdAt: trusted({ $gte: new Date(from - gapMs), $lte: period.to }) },
      { proposalId: 1, userId: 1, createdAt: 1 },
    )
      .limit(max)
      .lean();
    const snapshots = await models.ProposalSnapshot.find(
      { proposalId: proposalIds },
      { proposalId: 1, editSessions: 1 },
    )
      .limit(proposals.length)
      .lean();
    const spans: EditSpan[] = updates.map((u) => ({
      proposalId: u.proposalId.toHexString(),
      userId: u.userId.toHexString(),
      from: u.createdAt.getTime(),
      to: u.createdAt.getTime(),
    }));
    for (const snapshot of snapshots) {
      for (const kept of snapshot.editSessions ?? []) {
        if (kept.to.getTime() < from - gapMs || kept.from.getTime() > to) continue;
        spans.push({
          proposalId: snapshot.proposalId.toHexString(),
          userId: kept.userId.toHexString(),
          from: kept.from.getTime(),
          to: kept.to.getTime(),
        });
      }
    }
    for (const session of editSessions(spans, gapMs)) {
      const start = new Date(session.from);
      if (inPeriod(start)) byPerson(session.userId, "editingSessions", start);
    }
  }

  const versions = await models.ProposalVersion.find(
    { roomId: props.roomId, createdAt: range() },
    { createdBy: 1, createdAt: 1 },
  )
    .limit(max)
    .lean();
  for (const version of versions) byPerson(version.createdBy, "versionsSaved", version.createdAt);

  const messages = await models.DiscussionMessage.find(
    { roomId: props.roomId, createdAt: range(), deletedAt: null },
    { kind: 1, authorId: 1, createdAt: 1 },
  )
    .limit(max)
    .lean();
  for (const message of messages) {
    byPerson(message.authorId, message.kind === "chat" ? "chatMessages" : "comments", message.createdAt);
  }

  const motions = await models.Motion.find({ roomId: props.roomId }, { _id: 1, openedBy: 1, openedAt: 1 })
    .limit(max)
    .lean();
  for (const motion of motions) {
    if (inPeriod(motion.openedAt)) byPerson(motion.openedBy, "motionsOpened", motion.openedAt);
  }
  if (motions.length > 0) {
    const voteEvents = await models.VoteEvent.find(
      { motionId: trusted({ $in: motions.map((m) => m._id) }), at: range() },
      { motionId: 1, voterKey: 1, sector: 1, at: 1 },
    )
      .limit(max)
      .lean();
    const ballots = new Map<string, { sector: Sector; at: Date }>();
    for (const vote of voteEvents) {
      const key = `${vote.motionId.toHexString()}:${vote.voterKey}`;
      const seen = ballots.get(key);
      if (!seen || vote.at < seen.at) ballots.set(key, { sector: vote.sector as Sector, at: vote.at });
    }
    for (const ballot of ballots.values()) events.push({ sector: ballot.sector, kind: "votes", at: ballot.at });
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
    { userId: 1, sector: 1, joinedAt: 1, leftAt: 1, closes: 1 },
  )
    // A stay's closed record has its open record's joinedAt and a later _id, so it sorts just before it:
    // at the scan's limit a stay never keeps its open record without the closed one that supersedes it.
    .sort({ joinedAt: -1, _id: -1 })
    .limit(accountabilityLimits.participationScanMax)
    .lean();
  // A stay that ended has two records (realtime/attendance.ts): the open one from its join, superseded by
  // the closed one from its leave.
  const superseded = new Set(intervals.flatMap((interval) => (interval.closes ? [interval.closes.toHexString()] : [])));
  const perUser = new Map<string, { sector: Sector; spans: Array<[number, number]> }>();
  for (const interval of intervals) {
    if (superseded.has(interval._id.toHexString())) continue;
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

/** Seven-day buckets from `period.from` (the last one may be shorter), with each sector's acts per kind. */
export function weeklyActs(
  period: Period,
  events: ActEvent[],
): Array<{ from: Date; to: Date; perSector: Record<Sector, ActCounts & { total: number }> }> {
  const weekMs = 7 * dayMs;
  const buckets: Array<{ from: Date; to: Date; perSector: Record<Sector, ActCounts & { total: number }> }> = [];
  for (let start = period.from.getTime(); start < period.to.getTime(); start += weekMs) {
    buckets.push({
      from: new Date(start),
      to: new Date(Math.min(start + weekMs, period.to.getTime())),
      perSector: Object.fromEntries(sectors.map((s) => [s, { ...emptyActCounts(), total: 0 }])) as Record<
        Sector,
        ActCounts & { total: number }
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

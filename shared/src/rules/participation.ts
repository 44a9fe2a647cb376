// Participation between sectors and the symbolic-participation warning ("partisipasi simbolis": a sector
// present in the room but quiet for its share of the members). Pure: the server computes it for
// coordinators, the client words it. The measure, its choices and worked examples: ./README.md
// ("Participation").
//
// In one line: every act counts once (an editing session, a comment, a chat message, a ballot, a
// commitment, a pledge, opening a motion, changing the stage, saving a version, creating an invite);
// a sector is quiet when it made fewer than `quietPercent`% of the acts its share of the room's writing
// members would give it, judged only over a period with at least `minimumActsToJudge` acts. Every
// decision is taken on whole numbers (no rounding can flip it); the doubles are for display.
import { accountabilityLimits } from "../limits.ts";
import { type Sector, sectors } from "../schemas/user.ts";

/** What any writing member may do; the warning names those a quiet sector did none of. */
export const memberActKinds = [
  "editingSessions",
  "comments",
  "chatMessages",
  "votes",
  "commitments",
  "pledges",
] as const;
/** What coordinators do (most of it only they may): named in a warning only when the sector did some. */
export const coordinationActKinds = ["motionsOpened", "stageChanges", "versionsSaved", "invites"] as const;
export const actKinds = [...memberActKinds, ...coordinationActKinds] as const;
export type MemberActKind = (typeof memberActKinds)[number];
export type CoordinationActKind = (typeof coordinationActKinds)[number];
export type ActKind = (typeof actKinds)[number];
export type ActCounts = Record<ActKind, number>;

export function emptyActCounts(): ActCounts {
  return Object.fromEntries(actKinds.map((kind) => [kind, 0])) as ActCounts;
}

export function totalActs(counts: Readonly<ActCounts>): number {
  return actKinds.reduce((total, kind) => total + counts[kind], 0);
}

/** A room's judgement needs at least this many acts: `participationMinActs`, and one per writing member. */
export function minimumActsToJudge(writingMembers: number): number {
  return Math.max(accountabilityLimits.participationMinActs, writingMembers);
}

export interface SectorActivity {
  /** Coordinators and participants of the sector (observers excluded). */
  members: number;
  acts: ActCounts;
}

export interface SectorParticipation {
  members: number;
  /** members / writing members of the room; null when the room has none. For display. */
  memberShare: number | null;
  acts: ActCounts;
  /** The sector's acts, every kind together. */
  total: number;
  /** total / the room's acts; null when nobody acted. For display. */
  actShare: number | null;
  /**
   * The acts the sector would have made in proportion to its members (roomActs · members / writing
   * members), rounded UP to the hundredth, so a sector never seems to reach a figure it did not; null
   * without members in the room.
   */
  expectedActs: number | null;
  /**
   * The sector is quiet when it made fewer acts than this: ⌈quietPercent% of the exact expected acts⌉.
   * Null when the period is not judged or the sector has no members.
   */
  flaggedBelow: number | null;
  /**
   * Its acts as a whole percentage of the expected acts, rounded DOWN (so it is under `quietPercent`
   * exactly when the sector is quiet); null without members in the sector or without acts in the room.
   */
  proportionPercent: number | null;
  /** True when the period is judged, the sector has members and made fewer than `flaggedBelow` acts. */
  quiet: boolean;
}

export interface SymbolicParticipationWarning {
  type: "symbolicParticipation";
  sector: Sector;
  members: number;
  writingMembers: number;
  acts: ActCounts;
  total: number;
  roomActs: number;
  flaggedBelow: number;
  quietPercent: number;
}

export interface ParticipationBalance {
  perSector: Record<Sector, SectorParticipation>;
  /** Coordinators and participants of the room, every sector together. */
  writingMembers: number;
  /** Acts of every sector together. */
  roomActs: number;
  /** Acts the period needs before any sector is judged (see minimumActsToJudge). */
  minimumActs: number;
  /** True when the room made at least `minimumActs` acts: only then is any sector flagged. */
  judged: boolean;
  quietPercent: number;
  /** 1 - ½·Σ|actShare - memberShare|; null without members or without acts. For display. */
  balanceIndex: number | null;
  /** Quiet sectors, in the order of `sectors`. */
  warnings: SymbolicParticipationWarning[];
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/**
 * Each sector's figures and the symbolic-participation warnings for one period. `quietPercent` is the
 * room's setting: a whole percentage 1–100 (50 by default). Its bounds keep the two promises of the
 * README: a sector acting at least in proportion is never flagged (≤ 100), a sector with members that
 * did nothing in a judged period always is (≥ 1).
 */
export function participationBalance(
  activity: Readonly<Record<Sector, SectorActivity>>,
  quietPercent: number,
): ParticipationBalance {
  const { quietMinPercent, quietMaxPercent } = accountabilityLimits;
  if (!Number.isInteger(quietPercent) || quietPercent < quietMinPercent || quietPercent > quietMaxPercent) {
    throw new RangeError(
      `participationBalance: quietPercent must be a whole number ${quietMinPercent}–${quietMaxPercent}, got ${quietPercent}`,
    );
  }
  const writingMembers = sectors.reduce((sum, s) => sum + activity[s].members, 0);
  const roomActs = sectors.reduce((sum, s) => sum + totalActs(activity[s].acts), 0);
  const minimumActs = minimumActsToJudge(writingMembers);
  const judged = writingMembers > 0 && roomActs >= minimumActs;
  const [M, A, q] = [BigInt(writingMembers), BigInt(roomActs), BigInt(quietPercent)];
  const perSector = {} as Record<Sector, SectorParticipation>;
  const warnings: SymbolicParticipationWarning[] = [];
  let distance = 0;
  for (const sector of sectors) {
    const { members } = activity[sector];
    const acts = { ...activity[sector].acts };
    const total = totalActs(acts);
    const [m, a] = [BigInt(members), BigInt(total)];
    const memberShare = writingMembers === 0 ? null : members / writingMembers;
    const actShare = roomActs === 0 ? null : total / roomActs;
    // Quiet ⇔ a < q/100 · A·m/M ⇔ 100·a·M < q·A·m ⇔ a < ⌈q·A·m / (100·M)⌉ (a is whole).
    const flaggedBelow = judged && members > 0 ? Number(ceilDiv(q * A * m, 100n * M)) : null;
    const quiet = flaggedBelow !== null && total < flaggedBelow;
    perSector[sector] = {
      members,
      memberShare,
      acts,
      total,
      actShare,
      expectedActs: writingMembers === 0 ? null : Number(ceilDiv(100n * A * m, M)) / 100,
      flaggedBelow,
      proportionPercent: members === 0 || roomActs === 0 ? null : Number((100n * a * M) / (A * m)),
      quiet,
    };
    if (quiet && flaggedBelow !== null) {
      warnings.push({
        type: "symbolicParticipation",
        sector,
        members,
        writingMembers,
        acts,
        total,
        roomActs,
        flaggedBelow,
        quietPercent,
      });
    }
    distance += Math.abs((actShare ?? 0) - (memberShare ?? 0));
  }
  const balanceIndex = writingMembers === 0 || roomActs === 0 ? null : 1 - distance / 2;
  return { perSector, writingMembers, roomActs, minimumActs, judged, quietPercent, balanceIndex, warnings };
}

/**
 * What a warning says the sector did and did not do: every kind it did, with its count, in the order of
 * `actKinds`; and the member kinds it did none of. Coordination kinds are named only when done: not every
 * sector has a coordinator, so not opening a motion says nothing about a sector.
 */
export function actsInWords(acts: Readonly<ActCounts>): {
  did: Array<{ kind: ActKind; count: number }>;
  didNot: MemberActKind[];
} {
  return {
    did: actKinds.filter((kind) => acts[kind] > 0).map((kind) => ({ kind, count: acts[kind] })),
    didNot: memberActKinds.filter((kind) => acts[kind] === 0),
  };
}

/** Whole days a period spans, a part-day counting as a day (a picked day runs to 23:59:59.999). */
export function periodDays(from: Date | string, to: Date | string): number {
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return Math.max(1, Math.ceil(ms / (24 * 60 * 60 * 1000)));
}

// --- Editing sessions ------------------------------------------------------------------------------------

/** Edits by one person to one proposal from `from` to `to` (ms since the epoch); one stored update is a span of an instant. */
export interface EditSpan {
  proposalId: string;
  userId: string;
  from: number;
  to: number;
}

/**
 * Editing sessions: one person's edits to one proposal, merged while the pause between them is under
 * `gapMs` (a pause of `gapMs` or more starts a new session; other people's edits in between do not).
 * Takes stored updates (instants) and sessions kept by an earlier compaction (spans) alike; returns the
 * sessions ordered by start, then proposal, then person.
 */
export function editSessions(spans: readonly EditSpan[], gapMs: number): EditSpan[] {
  const groups = new Map<string, EditSpan[]>();
  for (const span of spans) {
    const key = `${span.proposalId}:${span.userId}`;
    const group = groups.get(key);
    if (group) group.push(span);
    else groups.set(key, [span]);
  }
  const sessions: EditSpan[] = [];
  for (const group of groups.values()) {
    group.sort((x, y) => x.from - y.from || x.to - y.to);
    let current: EditSpan | null = null;
    for (const span of group) {
      if (current && span.from - current.to < gapMs) current.to = Math.max(current.to, span.to);
      else {
        current = { ...span };
        sessions.push(current);
      }
    }
  }
  return sessions.sort(
    (x, y) => x.from - y.from || x.proposalId.localeCompare(y.proposalId) || x.userId.localeCompare(y.userId),
  );
}

// Motions: a vote on the frozen text of a proposal. Opening freezes the text (stored with its SHA-256);
// members take positions on the consensus gradient until the motion closes at its deadline, when every
// eligible member has voted, or by a coordinator; closing appends the decision to the room's log.
import { createHash, createHmac } from "node:crypto";
import {
  type CloseReason,
  type DecisionRule,
  type DelegationEdge,
  type EligibleMember,
  type MemberRole,
  type MotionDecidedPayload,
  type OpenMotionInput,
  type PolicyActor,
  type RecordedPublicTally,
  type Tally,
  type TallyOutcome,
  ballotsWithDelegations,
  decisionRuleSchema,
  defaultDecisionRule,
  openMotionInputSchema,
  levelFor,
  redactTally,
  rolesWith,
  tallyMotion,
  withSectorExplanations,
} from "@mufakat/shared";
import { Types, trusted } from "mongoose";
import { loadStoredDocument } from "../collaboration/updateLog.ts";
import { plainTextOfState } from "../collaboration/yjsUpdates.ts";
import type { AppContext } from "../context.ts";
import { appError, isDuplicateKey } from "../errors.ts";
import type { MotionDoc } from "../models/decisions.ts";
import type { RoomDoc, UserDoc } from "../models/index.ts";
import { appendDecisionRecord } from "./decisionLog.ts";
import { readDelegationEdges } from "./motionDelegations.ts";
import { findMembership, findRoom, loadRoomAccess } from "./loadRoomAccess.ts";
import { recordAudit } from "./recordAudit.ts";
import type { UserCard } from "./userCards.ts";
import { policyActor } from "../policies/roomPolicy.ts";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * True for a text with nothing to read: empty, or only whitespace and the invisible characters an editor
 * leaves behind (zero-width spaces and joiners, word joiner, byte-order mark), which `trim` keeps.
 */
export function isBlankText(text: string): boolean {
  return /^[\s\u200B-\u200D\u2060\uFEFF]*$/u.test(text);
}

/** The room's rule as stored, or the default rule; stored rules are re-validated, never trusted blindly. */
export function roomDecisionRule(room: RoomDoc): DecisionRule {
  const parsed = decisionRuleSchema.safeParse(room.decisionRule ?? defaultDecisionRule);
  return parsed.success ? parsed.data : defaultDecisionRule;
}

/**
 * Under a secret ballot the stored voter key is an HMAC of the member id: one member still has one vote
 * (the unique index holds), but the votes collection alone does not say who chose what.
 */
export function voterKeyFor(ctx: AppContext, motion: Pick<MotionDoc, "_id" | "secretBallot">, userId: string): string {
  if (!motion.secretBallot) return userId;
  return createHmac("sha256", ctx.jwtSecret).update(`ballot:${motion._id.toHexString()}:${userId}`).digest("hex");
}

export async function findMotion(ctx: AppContext, motionId: string): Promise<MotionDoc> {
  const motion = Types.ObjectId.isValid(motionId) ? await ctx.models.Motion.findById(motionId).lean() : null;
  if (!motion) throw appError("MOTION_NOT_FOUND", "no such motion");
  return motion;
}

export async function openMotion(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; input: OpenMotionInput },
): Promise<MotionDoc> {
  const input = openMotionInputSchema.parse(props.input);
  const room = await findRoom(ctx, props.roomId);
  await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "motion.open",
  });
  const proposal = await ctx.models.Proposal.findOne({ _id: input.proposalId, roomId: room._id }).lean();
  if (!proposal) throw appError("PROPOSAL_NOT_FOUND", "no such proposal in this room");
  if (proposal.status === "withdrawn" || proposal.status === "adopted") {
    throw appError("CONFLICT", `a proposal that is ${proposal.status} cannot be put to a vote`);
  }
  const frozenText = plainTextOfState(await loadStoredDocument(ctx, proposal._id));
  if (isBlankText(frozenText)) {
    throw appError("PROPOSAL_TEXT_EMPTY", "the proposal has no text to vote on; write it before opening a motion");
  }
  const eligibleMembers = await ctx.models.Membership.find({
    roomId: room._id,
    role: trusted({ $in: rolesWith(levelFor("motion.vote")) }),
  }).lean();
  const now = ctx.now();
  let motion: MotionDoc;
  try {
    motion = (
      await ctx.models.Motion.create({
        roomId: room._id,
        proposalId: proposal._id,
        proposalTitle: proposal.title,
        frozenText,
        frozenTextHash: sha256Hex(frozenText),
        rule: input.rule ?? roomDecisionRule(room),
        secretBallot: room.secretBallots ?? false,
        delegationAcrossSectors: room.delegationAcrossSectors ?? false,
        eligible: eligibleMembers.map((m) => ({
          memberId: m.userId.toHexString(),
          sector: m.sector,
          organisation: m.organisation,
        })),
        openedBy: props.user._id,
        openedAt: now,
        deadline: new Date(now.getTime() + input.durationMinutes * 60_000),
        status: "open",
        openKey: proposal._id.toHexString(),
      })
    ).toObject();
  } catch (error) {
    if (isDuplicateKey(error)) throw appError("MOTION_ALREADY_OPEN", "a motion on this proposal is already open");
    throw error;
  }
  await ctx.models.Proposal.updateOne({ _id: proposal._id }, { $set: { status: "underVote" } });
  ctx.events.publish("proposalChanged", { roomId: room._id.toHexString(), proposalId: proposal._id.toHexString() });
  await recordAudit(ctx, {
    roomId: room._id,
    actorId: props.user._id,
    action: "motion.opened",
    target: motion._id.toHexString(),
    after: { proposalId: proposal._id.toHexString(), frozenTextHash: motion.frozenTextHash },
  });
  ctx.events.publish("motionOpened", {
    motionId: motion._id.toHexString(),
    roomId: room._id.toHexString(),
    proposalId: proposal._id.toHexString(),
    openedBy: props.user._id.toHexString(),
  });
  return motion;
}

/**
 * A closed motion's tally as recorded at the close; one recorded before tallies carried per-sector
 * explanations gets them from its own counts, so every tally served says what the rule did.
 */
export function recordedFinalTally(motion: Pick<MotionDoc, "finalTally">): Tally | null {
  if (!motion.finalTally) return null;
  return withSectorExplanations(motion.finalTally as Omit<Tally, "perSector"> & RecordedPublicTally);
}

/** A member's position as the ballot log holds it: their latest record. */
export interface StoredBallot {
  _id: Types.ObjectId;
  voterKey: string;
  clientVoteId: string;
  sector: string;
  organisation: string | null;
  position: string;
  reason: string | null;
}

/** Each voter's latest ballot: by `_id`, the order in which the storing process took them. */
export function latestBallots<B extends Pick<StoredBallot, "_id" | "voterKey">>(records: Iterable<B>): Map<string, B> {
  const latest = new Map<string, B>();
  for (const record of records) {
    const seen = latest.get(record.voterKey);
    if (!seen || seen._id.toHexString() < record._id.toHexString()) latest.set(record.voterKey, record);
  }
  return latest;
}

/** The motion's eligible members under the keys their ballots are stored by. */
export function eligibleVoters(ctx: AppContext, motion: MotionDoc): EligibleMember[] {
  return motion.eligible.map((member) => ({
    memberId: voterKeyFor(ctx, motion, member.memberId),
    sector: member.sector as EligibleMember["sector"],
    organisation: member.organisation,
  }));
}

/**
 * The tally of the given current positions, computed by the shared rule, with the motion's delegations
 * (keyed like the ballots) applied: a member who did not vote and whose delegation reaches a ballot counts
 * with that ballot's position. A ballot recorded before the log kept organisations takes its voter's
 * organisation from the frozen list of eligible members.
 */
export function tallyOfBallots(
  motion: MotionDoc,
  eligible: EligibleMember[],
  ballots: Iterable<Omit<StoredBallot, "_id" | "clientVoteId">>,
  delegations: readonly DelegationEdge[] = [],
): Tally {
  const organisationOf = new Map(eligible.map((member) => [member.memberId, member.organisation]));
  const counted = [...ballots].map((ballot) => ({
    memberId: ballot.voterKey,
    sector: ballot.sector as EligibleMember["sector"],
    organisation: ballot.organisation ?? organisationOf.get(ballot.voterKey) ?? "",
    position: ballot.position as Tally["ballots"][number]["position"],
    ...(ballot.reason ? { reason: ballot.reason } : {}),
  }));
  const withDelegated =
    delegations.length === 0
      ? counted
      : ballotsWithDelegations({
          eligible,
          direct: counted,
          delegations,
          acrossSectors: motion.delegationAcrossSectors ?? false,
        });
  return tallyMotion(withDelegated, motion.rule as DecisionRule, eligible);
}

/** A motion's ballot log, read from the database. */
export async function readBallots(ctx: AppContext, motionId: Types.ObjectId): Promise<StoredBallot[]> {
  return ctx.models.VoteEvent.find(
    { motionId },
    { voterKey: 1, clientVoteId: 1, sector: 1, organisation: 1, position: 1, reason: 1 },
  ).lean() as Promise<StoredBallot[]>;
}

/** The tally of a motion's current positions as stored (the latest ballot of each voter), delegations applied. */
export async function currentTally(ctx: AppContext, motion: MotionDoc): Promise<Tally> {
  const [stored, delegations] = await Promise.all([
    readBallots(ctx, motion._id),
    readDelegationEdges(ctx, motion, (memberId) => voterKeyFor(ctx, motion, memberId)),
  ]);
  return tallyOfBallots(motion, eligibleVoters(ctx, motion), latestBallots(stored).values(), delegations);
}

/**
 * How long a process may hold a motion's close lock: as long as a close may take before the sweeper
 * treats it as interrupted and finishes it (finishDueMotions), so the lock never outlives that.
 */
const closeLockMs = 10_000;

/**
 * Closes a motion once: status goes open -> closing (only one closer proceeds), the positions are tallied,
 * the decision is appended to the log, and the motion becomes closed. A close interrupted by a crash is
 * finished by `finishDueMotions`; the log's dedupe key keeps it to one record.
 *
 * The flip alone does not pick one closer across processes: the embedded database (FerretDB) runs a
 * conditional update as a read and a write, so two processes can both read "open" and both flip it, then
 * both store a final tally and both announce motion:closed. So the flip and the rest of the close run under
 * the motion's close lock (a Redis key with several processes): a process that finds the lock taken answers
 * MOTION_CLOSED, as if the other had already finished, and the closer releases it only once the close is
 * stored, so whoever takes it next reads the motion closed.
 */
export async function closeMotion(
  ctx: AppContext,
  props: {
    motionId: string;
    reason: CloseReason;
    closedBy?: UserDoc | null;
    /** Only the sweeper finishes a close left in "closing" (one that a crash interrupted). */
    resumeStalled?: boolean;
  },
): Promise<MotionDoc> {
  const motion = await findMotion(ctx, props.motionId);
  if (props.reason === "coordinator") {
    if (!props.closedBy) throw appError("NOT_A_COORDINATOR", "only a coordinator of this room can close a motion");
    await loadRoomAccess(ctx, {
      roomId: motion.roomId.toHexString(),
      userId: props.closedBy._id,
      action: "motion.close",
    });
  }
  if (motion.status === "closed") throw appError("MOTION_CLOSED", "this motion is already closed");
  const closing = await ctx.locks.withLock(`mufakat:motion-close:${motion._id.toHexString()}`, closeLockMs, () =>
    claimAndFinishClose(ctx, motion._id, props),
  );
  if (closing.state === "busy") throw appError("MOTION_CLOSED", "this motion is being closed");
  return closing.value;
}

/** The close itself, under the motion's close lock: the state is read again now that the lock is held. */
async function claimAndFinishClose(
  ctx: AppContext,
  motionId: Types.ObjectId,
  props: { reason: CloseReason; closedBy?: UserDoc | null; resumeStalled?: boolean },
): Promise<MotionDoc> {
  const now = ctx.now();
  const claimed = await ctx.models.Motion.findOneAndUpdate(
    { _id: motionId, status: "open" },
    {
      $set: {
        status: "closing",
        closingAt: now,
        closeReason: props.reason,
        closedBy: props.closedBy?._id ?? null,
      },
    },
    { returnDocument: "after" },
  ).lean();
  if (claimed) return finishClose(ctx, claimed);
  const current = await ctx.models.Motion.findById(motionId).lean();
  if (current?.status === "closing" && props.resumeStalled) return finishClose(ctx, current);
  throw appError("MOTION_CLOSED", "this motion is already closed");
}

async function finishClose(ctx: AppContext, motion: MotionDoc): Promise<MotionDoc> {
  const tally = await currentTally(ctx, motion);
  const closedAt = motion.closingAt ?? ctx.now();
  const record = await appendDecisionRecord(ctx, {
    roomId: motion.roomId,
    dedupeKey: `motion:${motion._id.toHexString()}`,
    kind: "decision",
    payload: await decisionPayload(ctx, motion, tally, closedAt),
  });
  const closed = await ctx.models.Motion.findOneAndUpdate(
    { _id: motion._id },
    {
      $set: {
        status: "closed",
        closedAt,
        finalTally: JSON.parse(JSON.stringify(tally)),
        decisionSeq: record.seq,
        openKey: motion._id.toHexString(),
      },
    },
    { returnDocument: "after" },
  ).lean();
  await ctx.models.Proposal.updateOne(
    { _id: motion.proposalId, status: "underVote" },
    { $set: { status: tally.outcome === "adopted" ? "adopted" : "notAdopted" } },
  );
  ctx.events.publish("proposalChanged", {
    roomId: motion.roomId.toHexString(),
    proposalId: motion.proposalId.toHexString(),
  });
  if (motion.closeReason === "coordinator" && motion.closedBy) {
    await recordAudit(ctx, {
      roomId: motion.roomId,
      actorId: motion.closedBy,
      action: "motion.closed",
      target: motion._id.toHexString(),
      before: { status: "open", deadline: motion.deadline.toISOString() },
      after: { status: "closed", outcome: tally.outcome, decisionSeq: record.seq, early: closedAt < motion.deadline },
    });
  }
  const result = closed ?? motion;
  ctx.events.publish("motionClosed", {
    motionId: result._id.toHexString(),
    roomId: result.roomId.toHexString(),
    proposalId: result.proposalId.toHexString(),
    outcome: (result.finalTally as { outcome?: TallyOutcome } | null)?.outcome ?? "noQuorum",
    decisionSeq: result.decisionSeq ?? null,
    closeReason: (result.closeReason ?? motion.closeReason ?? "deadline") as CloseReason,
  });
  return result;
}

async function decisionPayload(
  ctx: AppContext,
  motion: MotionDoc,
  tally: Tally,
  closedAt: Date,
): Promise<MotionDecidedPayload> {
  const people = await ctx.models.User.find(
    { _id: trusted({ $in: [motion.openedBy, ...(motion.closedBy ? [motion.closedBy] : [])] }) },
    { displayName: 1 },
  ).lean();
  const nameOf = (id: Types.ObjectId | null | undefined) =>
    id ? (people.find((p) => p._id.equals(id))?.displayName ?? "(former member)") : null;
  let positions: MotionDecidedPayload["positions"];
  if (motion.secretBallot) {
    // Reasons stay in the record, detached from who gave them and sorted so their order says nothing.
    positions = tally.ballots
      .flatMap((ballot) => (ballot.reason ? [{ position: ballot.position, reason: ballot.reason }] : []))
      .sort((a, b) => `${a.position}${a.reason}`.localeCompare(`${b.position}${b.reason}`));
  } else {
    const voters = await ctx.models.User.find(
      { _id: trusted({ $in: tally.ballots.map((b) => new Types.ObjectId(b.memberId)) }) },
      { displayName: 1 },
    ).lean();
    positions = tally.ballots.map((ballot) => ({
      memberId: ballot.memberId,
      displayName: voters.find((v) => v._id.toHexString() === ballot.memberId)?.displayName ?? "(former member)",
      sector: ballot.sector,
      organisation: ballot.organisation,
      position: ballot.position,
      reason: ballot.reason ?? null,
      // A delegated position names the member whose ballot it copies.
      ...(ballot.delegate ? { delegate: ballot.delegate } : {}),
    }));
  }
  return {
    type: "motionDecided",
    motionId: motion._id.toHexString(),
    proposalId: motion.proposalId.toHexString(),
    proposalTitle: motion.proposalTitle,
    frozenText: motion.frozenText,
    frozenTextHash: motion.frozenTextHash,
    rule: motion.rule as DecisionRule,
    secretBallot: motion.secretBallot,
    outcome: tally.outcome,
    reasonCode: tally.reasonCode,
    tally: redactTally(tally),
    positions,
    openedAt: motion.openedAt.toISOString(),
    openedBy: { id: motion.openedBy.toHexString(), displayName: nameOf(motion.openedBy) },
    deadline: motion.deadline.toISOString(),
    closedAt: closedAt.toISOString(),
    closeReason: (motion.closeReason ?? null) as CloseReason | null,
    closedBy: motion.closedBy ? { id: motion.closedBy.toHexString(), displayName: nameOf(motion.closedBy) } : null,
    // An early close is a coordinator's act; a motion that closes because everyone voted is complete.
    earlyClose: motion.closeReason === "coordinator" && closedAt < motion.deadline,
  };
}

/**
 * Closes motions whose deadline passed and finishes closes a crash interrupted. Run periodically by the
 * server and safe to run from several processes at once (the open -> closing flip picks one closer).
 */
export async function finishDueMotions(ctx: AppContext): Promise<MotionDoc[]> {
  const now = ctx.now();
  const due = await ctx.models.Motion.find({ status: "open", deadline: trusted({ $lte: now }) })
    .limit(50)
    .lean();
  const stalled = await ctx.models.Motion.find({
    status: "closing",
    closingAt: trusted({ $lte: new Date(now.getTime() - 10_000) }),
  })
    .limit(50)
    .lean();
  const closed: MotionDoc[] = [];
  for (const motion of [...due, ...stalled]) {
    try {
      closed.push(
        await closeMotion(ctx, { motionId: motion._id.toHexString(), reason: "deadline", resumeStalled: true }),
      );
    } catch (error) {
      // Someone else closed it between our read and our flip: nothing to do.
      if ((error as { code?: string }).code !== "MOTION_CLOSED") throw error;
    }
  }
  return closed;
}

export async function listMotions(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; proposalId?: string | undefined },
): Promise<MotionDoc[]> {
  const { room } = await loadRoomAccess(ctx, { roomId: props.roomId, userId: props.user._id, action: "motion.view" });
  const filter = props.proposalId
    ? { roomId: room._id, proposalId: new Types.ObjectId(props.proposalId) }
    : { roomId: room._id };
  return ctx.models.Motion.find(filter).sort({ openedAt: -1 }).limit(200).lean();
}

export async function loadMotionForMember(
  ctx: AppContext,
  props: { user: UserDoc; motionId: string },
): Promise<{ motion: MotionDoc; role: MemberRole }> {
  const motion = await findMotion(ctx, props.motionId);
  const { role } = await loadRoomAccess(ctx, {
    roomId: motion.roomId.toHexString(),
    userId: props.user._id,
    action: "motion.view",
  });
  return { motion, role };
}

/** The caller's own current position on a motion (under a secret ballot too: it is their own). */
export async function myPosition(ctx: AppContext, motion: MotionDoc, user: UserDoc): Promise<string | null> {
  const [latest] = await ctx.models.VoteEvent.find(
    { motionId: motion._id, voterKey: voterKeyFor(ctx, motion, user._id.toHexString()) },
    { position: 1 },
  )
    .sort({ _id: -1 })
    .limit(1)
    .lean();
  return latest?.position ?? null;
}

export interface MotionView {
  motion: MotionDoc;
  tally: Tally;
  openedBy: UserCard | undefined;
  displayNames: Map<string, string>;
  myPosition: string | null;
  /** The viewer as the motion policies see them (their role in the room now). */
  viewer: PolicyActor;
}

/**
 * Everything the motion presenter needs, for one viewer. A closed motion shows its recorded tally. The
 * viewer's role in the room is read here unless the caller already knows it (from its access check).
 */
export async function loadMotionView(
  ctx: AppContext,
  motion: MotionDoc,
  viewer: UserDoc,
  knownRole?: MemberRole | null,
): Promise<MotionView> {
  const tally = (motion.status === "closed" ? recordedFinalTally(motion) : null) ?? (await currentTally(ctx, motion));
  const ids = [
    motion.openedBy,
    ...(motion.secretBallot ? [] : tally.ballots.map((b) => new Types.ObjectId(b.memberId))),
  ];
  const users = await ctx.models.User.find(
    { _id: trusted({ $in: ids }) },
    { displayName: 1, sector: 1, organisation: 1 },
  ).lean();
  const opener = users.find((u) => u._id.equals(motion.openedBy));
  return {
    motion,
    tally,
    openedBy: opener,
    displayNames: new Map(users.map((u) => [u._id.toHexString(), u.displayName])),
    myPosition: await myPosition(ctx, motion, viewer),
    viewer: policyActor(
      viewer._id,
      knownRole !== undefined ? knownRole : await roleInRoom(ctx, motion.roomId, viewer._id),
    ),
  };
}

/** The views of one room's motions for one viewer: the viewer's role is read once, not once per motion. */
export async function loadMotionViews(ctx: AppContext, motions: MotionDoc[], viewer: UserDoc): Promise<MotionView[]> {
  const first = motions[0];
  if (!first) return [];
  const role = await roleInRoom(ctx, first.roomId, viewer._id);
  return Promise.all(motions.map((motion) => loadMotionView(ctx, motion, viewer, role)));
}

async function roleInRoom(ctx: AppContext, roomId: Types.ObjectId, userId: Types.ObjectId): Promise<MemberRole | null> {
  return ((await findMembership(ctx, roomId, userId))?.role ?? null) as MemberRole | null;
}

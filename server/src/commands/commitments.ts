// Commitments: who will do what by when to carry out an adopted decision, followed up with dated progress
// notes. Participants write their own (they own or wrote them); coordinators may update any in their room.
// Creation and every status change go into the room's audit trail.
import {
  type CommitmentStatus,
  type PolicyActor,
  type Sector,
  accountabilityLimits,
  type addCommitmentProgressInputSchema,
  type createCommitmentInputSchema,
  isCommitmentOverdue,
  mayNameCommitmentOwner,
  ownsCommitment,
  parseDecisionPayload,
  type updateCommitmentInputSchema,
} from "@mufakat/shared";
import { Types } from "mongoose";
import type { z } from "zod";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { CommitmentDoc } from "../models/accountability.ts";
import type { DecisionRecordDoc } from "../models/decisions.ts";
import type { UserDoc } from "../models/index.ts";
import { policyCommitment } from "../policies/accountabilityPolicy.ts";
import { policyActor } from "../policies/roomPolicy.ts";
import { type RoomAccess, findMembership, loadRoomAccess } from "./loadRoomAccess.ts";
import { recordAudit } from "./recordAudit.ts";
import { type UserCard, userCardsById } from "./userCards.ts";

/** The decision record `seq` of the room, which must be an adopted decision (not a correction). */
export async function loadAdoptedDecision(
  ctx: AppContext,
  props: { roomId: Types.ObjectId; seq: number },
): Promise<{ record: DecisionRecordDoc; proposalTitle: string }> {
  const record = await ctx.models.DecisionRecord.findOne({ roomId: props.roomId, seq: props.seq }).lean();
  if (record?.kind !== "decision") {
    throw appError("DECISION_NOT_FOUND", "no decision record with that number in this room");
  }
  const payload = parseDecisionPayload(record.payload);
  if (payload.type !== "motionDecided" || payload.outcome !== "adopted") {
    const outcome = payload.type === "motionDecided" ? payload.outcome : null;
    throw appError("DECISION_NOT_ADOPTED", `decision ${props.seq} was not adopted (${String(outcome)})`, {
      seq: props.seq,
      outcome,
    });
  }
  return { record, proposalTitle: payload.proposalTitle };
}

export function commitmentUserIds(commitments: CommitmentDoc[]): Types.ObjectId[] {
  return commitments.flatMap((c) => [
    c.createdBy,
    ...(c.ownerUserId ? [c.ownerUserId] : []),
    ...c.progress.map((note) => note.authorId),
  ]);
}

/** Commitments as the presenter needs them: the documents, the people they name, and the clock's now. */
export interface CommitmentsView {
  commitments: CommitmentDoc[];
  users: Map<string, UserCard>;
  now: Date;
  /** The caller the commitments are presented to, when they are presented with the caller's abilities. */
  viewer?: PolicyActor;
}

export async function commitmentsView(
  ctx: AppContext,
  commitments: CommitmentDoc[],
  viewer?: PolicyActor,
): Promise<CommitmentsView> {
  const users = await userCardsById(ctx, commitmentUserIds(commitments));
  return { commitments, users, now: ctx.now(), ...(viewer ? { viewer } : {}) };
}

export async function createCommitment(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; input: z.output<typeof createCommitmentInputSchema> },
): Promise<CommitmentsView> {
  const input = props.input;
  const { room, membership, role } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "commitment.create",
  });
  const decision = await loadAdoptedDecision(ctx, { roomId: room._id, seq: input.decisionSeq });
  let sector = membership.sector as Sector;
  if (input.ownerUserId !== null) {
    if (!mayNameCommitmentOwner(policyActor(props.user._id, role), input.ownerUserId)) {
      throw appError(
        "NOT_A_COORDINATOR",
        "participants can name only themselves as owner; a coordinator can name others",
      );
    }
    const owner = await findMembership(ctx, room._id, new Types.ObjectId(input.ownerUserId));
    if (!owner) throw appError("MEMBER_NOT_FOUND", "the owner must be a member of this room");
    sector = owner.sector as Sector;
  }
  const existing = await ctx.models.Commitment.countDocuments({ roomId: room._id, decisionSeq: input.decisionSeq });
  if (existing >= accountabilityLimits.commitmentsPerDecision) {
    throw appError("CONFLICT", `a decision holds at most ${accountabilityLimits.commitmentsPerDecision} commitments`);
  }
  const now = ctx.now();
  const created = await ctx.models.Commitment.create({
    roomId: room._id,
    decisionSeq: input.decisionSeq,
    decisionTitle: decision.proposalTitle,
    what: input.what,
    ownerUserId: input.ownerUserId ? new Types.ObjectId(input.ownerUserId) : null,
    ownerOrganisation: input.ownerOrganisation,
    sector: input.sector ?? sector,
    dueDate: new Date(input.dueDate),
    status: input.status,
    percentComplete: input.percentComplete,
    progress: [],
    createdBy: props.user._id,
    createdAt: now,
    updatedAt: now,
  });
  const commitment = created.toObject() as CommitmentDoc;
  await recordAudit(ctx, {
    roomId: room._id,
    actorId: props.user._id,
    action: "commitment.created",
    target: commitment._id.toHexString(),
    after: {
      decisionSeq: commitment.decisionSeq,
      what: commitment.what,
      status: commitment.status,
      dueDate: commitment.dueDate.toISOString(),
    },
  });
  publishCommitmentChanged(ctx, commitment);
  return commitmentsView(ctx, [commitment], policyActor(props.user._id, role));
}

/** The commitment and the caller's access; participants may change only commitments they own or wrote. */
async function loadCommitmentForChange(
  ctx: AppContext,
  props: { user: UserDoc; commitmentId: string },
): Promise<{ commitment: CommitmentDoc; access: RoomAccess }> {
  const commitment = Types.ObjectId.isValid(props.commitmentId)
    ? await ctx.models.Commitment.findById(props.commitmentId).lean()
    : null;
  if (!commitment) throw appError("COMMITMENT_NOT_FOUND", "no such commitment");
  const access = await loadRoomAccess(ctx, {
    roomId: commitment.roomId.toHexString(),
    userId: props.user._id,
    action: "commitment.change",
  });
  if (!ownsCommitment(policyActor(props.user._id, access.role), policyCommitment(commitment))) {
    throw appError("NOT_YOUR_COMMITMENT", "only its owner, its author or a coordinator can change a commitment");
  }
  return { commitment, access };
}

function publishCommitmentChanged(ctx: AppContext, commitment: CommitmentDoc): void {
  ctx.events.publish("commitmentChanged", {
    roomId: commitment.roomId.toHexString(),
    commitmentId: commitment._id.toHexString(),
  });
}

export async function updateCommitment(
  ctx: AppContext,
  props: { user: UserDoc; commitmentId: string; changes: z.output<typeof updateCommitmentInputSchema> },
): Promise<CommitmentsView> {
  const { commitment, access } = await loadCommitmentForChange(ctx, props);
  const changes = props.changes;
  const now = ctx.now();
  const updated = await ctx.models.Commitment.findOneAndUpdate(
    { _id: commitment._id },
    {
      $set: {
        ...(changes.what !== undefined ? { what: changes.what } : {}),
        ...(changes.ownerOrganisation !== undefined ? { ownerOrganisation: changes.ownerOrganisation } : {}),
        ...(changes.dueDate !== undefined ? { dueDate: new Date(changes.dueDate) } : {}),
        ...(changes.status !== undefined ? { status: changes.status } : {}),
        ...(changes.percentComplete !== undefined ? { percentComplete: changes.percentComplete } : {}),
        updatedAt: now,
      },
    },
    { returnDocument: "after" },
  ).lean();
  if (!updated) throw appError("COMMITMENT_NOT_FOUND", "no such commitment");
  if (changes.status !== undefined && changes.status !== commitment.status) {
    await recordStatusChange(ctx, { user: props.user, before: commitment, after: updated });
  }
  publishCommitmentChanged(ctx, updated);
  return commitmentsView(ctx, [updated], policyActor(props.user._id, access.role));
}

async function recordStatusChange(
  ctx: AppContext,
  props: { user: UserDoc; before: CommitmentDoc; after: CommitmentDoc },
): Promise<void> {
  const overdueBefore = isCommitmentOverdue(
    { status: props.before.status as CommitmentStatus, dueDate: props.before.dueDate },
    ctx.now(),
  );
  await recordAudit(ctx, {
    roomId: props.after.roomId,
    actorId: props.user._id,
    action: "commitment.statusChanged",
    target: props.after._id.toHexString(),
    before: { status: props.before.status, percentComplete: props.before.percentComplete, overdue: overdueBefore },
    after: { status: props.after.status, percentComplete: props.after.percentComplete },
  });
}

export async function addCommitmentProgress(
  ctx: AppContext,
  props: { user: UserDoc; commitmentId: string; input: z.output<typeof addCommitmentProgressInputSchema> },
): Promise<CommitmentsView> {
  const { commitment, access } = await loadCommitmentForChange(ctx, props);
  if (commitment.progress.length >= accountabilityLimits.progressNotesPerCommitment) {
    throw appError("CONFLICT", `a commitment holds at most ${accountabilityLimits.progressNotesPerCommitment} notes`);
  }
  const now = ctx.now();
  const percent = props.input.percentComplete ?? null;
  const updated = await ctx.models.Commitment.findOneAndUpdate(
    { _id: commitment._id },
    {
      $push: { progress: { note: props.input.note, percentComplete: percent, authorId: props.user._id, at: now } },
      $set: { updatedAt: now, ...(percent !== null ? { percentComplete: percent } : {}) },
    },
    { returnDocument: "after" },
  ).lean();
  if (!updated) throw appError("COMMITMENT_NOT_FOUND", "no such commitment");
  publishCommitmentChanged(ctx, updated);
  return commitmentsView(ctx, [updated], policyActor(props.user._id, access.role));
}

export async function listCommitments(
  ctx: AppContext,
  props: {
    user: UserDoc;
    roomId: string;
    filter: { decisionSeq?: number | undefined; status?: CommitmentStatus | undefined; overdue?: boolean | undefined };
  },
): Promise<CommitmentsView> {
  const { room, role } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "commitment.view",
  });
  const commitments = await roomCommitments(ctx, room._id, props.filter.decisionSeq);
  const now = ctx.now();
  const filtered = commitments.filter(
    (c) =>
      (props.filter.status === undefined || c.status === props.filter.status) &&
      (props.filter.overdue === undefined ||
        isCommitmentOverdue({ status: c.status as CommitmentStatus, dueDate: c.dueDate }, now) ===
          props.filter.overdue),
  );
  return commitmentsView(ctx, filtered, policyActor(props.user._id, role));
}

/** A room's commitments (of one decision, when given), due first, bounded. */
export async function roomCommitments(
  ctx: AppContext,
  roomId: Types.ObjectId,
  decisionSeq?: number,
): Promise<CommitmentDoc[]> {
  return ctx.models.Commitment.find({ roomId, ...(decisionSeq !== undefined ? { decisionSeq } : {}) })
    .sort({ dueDate: 1, _id: 1 })
    .limit(accountabilityLimits.accountabilityRowsMax)
    .lean();
}

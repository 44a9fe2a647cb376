// Role changes and removals. Collective leadership: one coordinator may promote, but demoting or
// removing a coordinator takes effect only when a second coordinator confirms it.
import {
  type MemberRole,
  confirmationRefusal,
  countsAsCoordinator,
  needsSecondCoordinator,
  rolesWith,
} from "@mufakat/shared";
import { Types, trusted } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { MembershipDoc, PendingActionDoc, RoomDoc, UserDoc } from "../models/index.ts";
import { findMembership, loadRoomAccess } from "./loadRoomAccess.ts";
import { recordAudit } from "./recordAudit.ts";

export type RoleChangeOutcome =
  | { state: "applied"; membership: MembershipDoc }
  | { state: "pending"; pendingAction: PendingActionDoc };

export type RemovalOutcome = { state: "applied" } | { state: "pending"; pendingAction: PendingActionDoc };

async function findTargetMembership(ctx: AppContext, room: RoomDoc, userId: string): Promise<MembershipDoc> {
  const membership = Types.ObjectId.isValid(userId)
    ? await findMembership(ctx, room._id, new Types.ObjectId(userId))
    : null;
  if (!membership) throw appError("MEMBER_NOT_FOUND", "no such member in this room");
  return membership;
}

async function refuseIfLastCoordinator(ctx: AppContext, room: RoomDoc): Promise<void> {
  const coordinators = await ctx.models.Membership.countDocuments({
    roomId: room._id,
    role: trusted({ $in: rolesWith("coordinate") }),
  });
  if (coordinators <= 1) {
    throw appError("LAST_COORDINATOR", "a room needs at least one coordinator; promote someone else first");
  }
}

async function requestSecondCoordinator(
  ctx: AppContext,
  props: {
    room: RoomDoc;
    actor: UserDoc;
    target: MembershipDoc;
    kind: PendingActionDoc["kind"];
    newRole: MemberRole | null;
  },
): Promise<PendingActionDoc> {
  await refuseIfLastCoordinator(ctx, props.room);
  const pendingAction = (
    await ctx.models.PendingAction.create({
      roomId: props.room._id,
      kind: props.kind,
      targetUserId: props.target.userId,
      newRole: props.newRole,
      requestedBy: props.actor._id,
      createdAt: ctx.now(),
    })
  ).toObject();
  await recordAudit(ctx, {
    roomId: props.room._id,
    actorId: props.actor._id,
    action: props.kind === "demote-coordinator" ? "role.change.requested" : "member.removal.requested",
    target: props.target.userId.toHexString(),
    before: { role: props.target.role },
    after: { role: props.newRole, pendingActionId: pendingAction._id.toHexString() },
  });
  return pendingAction;
}

export async function changeMemberRole(
  ctx: AppContext,
  props: { actor: UserDoc; roomId: string; targetUserId: string; role: MemberRole },
): Promise<RoleChangeOutcome> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.actor._id,
    action: "room.manageMembers",
  });
  const target = await findTargetMembership(ctx, room, props.targetUserId);
  if (target.role === props.role) return { state: "applied", membership: target };
  if (needsSecondCoordinator(target.role as MemberRole)) {
    const pendingAction = await requestSecondCoordinator(ctx, {
      room,
      actor: props.actor,
      target,
      kind: "demote-coordinator",
      newRole: props.role,
    });
    return { state: "pending", pendingAction };
  }
  const membership = await applyRole(ctx, { room, actor: props.actor, target, role: props.role, confirmedBy: null });
  return { state: "applied", membership };
}

async function applyRole(
  ctx: AppContext,
  props: { room: RoomDoc; actor: UserDoc; target: MembershipDoc; role: MemberRole; confirmedBy: Types.ObjectId | null },
): Promise<MembershipDoc> {
  // Conditional on the role we read, so a concurrent change is not silently overwritten.
  const updated = await ctx.models.Membership.findOneAndUpdate(
    { _id: props.target._id, role: props.target.role },
    { $set: { role: props.role } },
    { returnDocument: "after" },
  ).lean();
  if (!updated) throw appError("CONFLICT", "this member's role changed meanwhile; reload and try again");
  await recordAudit(ctx, {
    roomId: props.room._id,
    actorId: props.actor._id,
    action: "role.changed",
    target: props.target.userId.toHexString(),
    before: { role: props.target.role },
    after: { role: props.role, ...(props.confirmedBy ? { confirmedBy: props.confirmedBy.toHexString() } : {}) },
  });
  ctx.events.publish("membershipChanged", {
    roomId: props.room._id.toHexString(),
    userId: props.target.userId.toHexString(),
    role: props.role,
  });
  return updated;
}

async function applyRemoval(
  ctx: AppContext,
  props: { room: RoomDoc; actor: UserDoc; target: MembershipDoc; confirmedBy: Types.ObjectId | null },
): Promise<void> {
  const removed = await ctx.models.Membership.deleteOne({ _id: props.target._id });
  if (removed.deletedCount === 0) throw appError("MEMBER_NOT_FOUND", "no such member in this room");
  await ctx.models.Room.updateOne({ _id: props.room._id }, { $inc: { memberCount: -1 } });
  await recordAudit(ctx, {
    roomId: props.room._id,
    actorId: props.actor._id,
    action: "member.removed",
    target: props.target.userId.toHexString(),
    before: { role: props.target.role, sector: props.target.sector, organisation: props.target.organisation },
    after: props.confirmedBy ? { confirmedBy: props.confirmedBy.toHexString() } : null,
  });
  ctx.events.publish("membershipChanged", {
    roomId: props.room._id.toHexString(),
    userId: props.target.userId.toHexString(),
    role: null,
  });
}

export async function removeMember(
  ctx: AppContext,
  props: { actor: UserDoc; roomId: string; targetUserId: string },
): Promise<RemovalOutcome> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.actor._id,
    action: "room.manageMembers",
  });
  const target = await findTargetMembership(ctx, room, props.targetUserId);
  if (needsSecondCoordinator(target.role as MemberRole)) {
    const pendingAction = await requestSecondCoordinator(ctx, {
      room,
      actor: props.actor,
      target,
      kind: "remove-coordinator",
      newRole: null,
    });
    return { state: "pending", pendingAction };
  }
  await applyRemoval(ctx, { room, actor: props.actor, target, confirmedBy: null });
  return { state: "applied" };
}

export async function listPendingActions(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<PendingActionDoc[]> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "room.manageMembers",
  });
  return ctx.models.PendingAction.find({ roomId: room._id, resolvedAt: null }).sort({ createdAt: 1 }).lean();
}

/** A second coordinator confirms a demotion or removal that another coordinator requested. */
export async function confirmPendingAction(
  ctx: AppContext,
  props: { actor: UserDoc; roomId: string; pendingActionId: string },
): Promise<RoleChangeOutcome | RemovalOutcome> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.actor._id,
    action: "room.manageMembers",
  });
  const pending = Types.ObjectId.isValid(props.pendingActionId)
    ? await ctx.models.PendingAction.findOne({ _id: props.pendingActionId, roomId: room._id, resolvedAt: null }).lean()
    : null;
  if (!pending) throw appError("PENDING_ACTION_NOT_FOUND", "no such pending action in this room");
  if (
    confirmationRefusal({ userId: props.actor._id.toHexString() }, { requestedBy: pending.requestedBy.toHexString() })
  ) {
    throw appError("CONFIRMATION_BY_SAME_COORDINATOR", "a second coordinator must confirm this, not the one who asked");
  }
  const target = await findTargetMembership(ctx, room, pending.targetUserId.toHexString());
  if (countsAsCoordinator(target.role as MemberRole)) await refuseIfLastCoordinator(ctx, room);
  // Claim the pending action atomically: two coordinators confirming at once apply it once.
  const claimed = await ctx.models.PendingAction.findOneAndUpdate(
    { _id: pending._id, resolvedAt: null },
    { $set: { resolvedAt: ctx.now() } },
  ).lean();
  if (!claimed) throw appError("PENDING_ACTION_NOT_FOUND", "no such pending action in this room");
  const requester = (await ctx.models.User.findById(pending.requestedBy).lean()) ?? props.actor;
  if (pending.kind === "remove-coordinator") {
    await applyRemoval(ctx, { room, actor: requester, target, confirmedBy: props.actor._id });
    return { state: "applied" };
  }
  const membership = await applyRole(ctx, {
    room,
    actor: requester,
    target,
    role: (pending.newRole ?? "participant") as MemberRole,
    confirmedBy: props.actor._id,
  });
  return { state: "applied", membership };
}

// Giving and taking back vote delegations, room-wide or for one motion, and listing a member's. Each
// change is one write by _id (models/delegations.ts) and one delegationChanged event, which the open
// motions in memory apply and tally again (commands/voting.ts); a close reads the stored delegations.
//
// Validation: not to oneself (DELEGATION_TO_SELF), to a member (MEMBER_NOT_FOUND) who may vote
// (DELEGATE_CANNOT_VOTE: an observer, or for a motion someone not entitled to vote on it), and within
// the delegator's sector unless the room (for a motion: the room when it opened) allows otherwise
// (DELEGATION_ACROSS_SECTORS). Cycles are not refused: the rule counts their members as not voting, and
// refusing would let the order in which people delegate decide who may. A motion-scoped delegation is
// given and taken back only while the motion is open (MOTION_CLOSED); a room-wide one can always be taken
// back, and no longer counts in the motions still open.
import {
  type DelegateVoteInput,
  type MemberRole,
  type UnresolvedReason,
  mayInRoom,
  type motionDelegationStatuses,
  resolveDelegations,
} from "@mufakat/shared";
import { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError, isDuplicateKey } from "../errors.ts";
import type { MotionDoc } from "../models/decisions.ts";
import { type DelegationDoc, delegationIdFor } from "../models/delegations.ts";
import type { RoomDoc, UserDoc } from "../models/index.ts";
import { findMembership, loadRoomAccess } from "./loadRoomAccess.ts";
import { readDelegationEdges } from "./motionDelegations.ts";
import { eligibleVoters, findMotion, latestBallots, readBallots, recordedFinalTally, voterKeyFor } from "./motions.ts";

/** The delegate, checked: a member of the room with voting rights, not the delegator. */
async function checkedDelegate(
  ctx: AppContext,
  props: { room: RoomDoc; delegator: UserDoc; delegateId: string },
): Promise<{ userId: Types.ObjectId; sector: string }> {
  if (props.delegateId === props.delegator._id.toHexString()) {
    throw appError("DELEGATION_TO_SELF", "delegateId: you cannot delegate your vote to yourself");
  }
  const membership = await findMembership(ctx, props.room._id, new Types.ObjectId(props.delegateId));
  if (!membership) throw appError("MEMBER_NOT_FOUND", "delegateId: not a member of this room");
  if (!mayInRoom("motion.vote", membership.role as MemberRole)) {
    throw appError("DELEGATE_CANNOT_VOTE", "delegateId: this member cannot vote (observers cannot)");
  }
  return { userId: membership.userId, sector: membership.sector };
}

function refuseAcrossSectors(allowed: boolean, delegatorSector: string, delegateSector: string): void {
  if (!allowed && delegatorSector !== delegateSector) {
    throw appError(
      "DELEGATION_ACROSS_SECTORS",
      "delegateId: this room keeps delegations within a sector, and this member is of another",
    );
  }
}

/** Stores the delegation in its scope, replacing the one there; a concurrent first write is retried once. */
async function storeDelegation(
  ctx: AppContext,
  props: {
    roomId: Types.ObjectId;
    delegatorId: Types.ObjectId;
    delegateId: Types.ObjectId;
    motionId: Types.ObjectId | null;
  },
): Promise<DelegationDoc> {
  const doc: DelegationDoc = {
    _id: delegationIdFor(props.roomId, props.delegatorId, props.motionId),
    roomId: props.roomId,
    delegatorId: props.delegatorId,
    delegateId: props.delegateId,
    motionId: props.motionId,
    createdAt: ctx.now(),
  };
  const write = () => ctx.models.Delegation.replaceOne({ _id: doc._id }, doc, { upsert: true });
  try {
    await write();
  } catch (error) {
    // FerretDB runs an upsert as a read and a write: two first writes may both insert. The second then
    // finds the document and replaces it.
    if (!isDuplicateKey(error)) throw error;
    await write();
  }
  ctx.events.publish("delegationChanged", {
    roomId: props.roomId.toHexString(),
    delegatorId: props.delegatorId.toHexString(),
    motionId: props.motionId?.toHexString() ?? null,
    delegateId: props.delegateId.toHexString(),
  });
  return doc;
}

async function removeDelegation(
  ctx: AppContext,
  props: { roomId: Types.ObjectId; delegatorId: Types.ObjectId; motionId: Types.ObjectId | null },
): Promise<void> {
  const removed = await ctx.models.Delegation.deleteOne({
    _id: delegationIdFor(props.roomId, props.delegatorId, props.motionId),
  });
  if (removed.deletedCount === 0) throw appError("DELEGATION_NOT_FOUND", "you have no such delegation to take back");
  ctx.events.publish("delegationChanged", {
    roomId: props.roomId.toHexString(),
    delegatorId: props.delegatorId.toHexString(),
    motionId: props.motionId?.toHexString() ?? null,
    delegateId: null,
  });
}

/** Room-wide: every motion of the room where the delegator neither votes nor delegates otherwise. */
export async function delegateInRoom(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; input: DelegateVoteInput },
): Promise<DelegationDoc> {
  const { room, membership } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "motion.vote",
  });
  const delegate = await checkedDelegate(ctx, { room, delegator: props.user, delegateId: props.input.delegateId });
  refuseAcrossSectors(room.delegationAcrossSectors ?? false, membership.sector, delegate.sector);
  return storeDelegation(ctx, {
    roomId: room._id,
    delegatorId: props.user._id,
    delegateId: delegate.userId,
    motionId: null,
  });
}

export async function revokeRoomDelegation(ctx: AppContext, props: { user: UserDoc; roomId: string }): Promise<void> {
  // Taking a delegation back needs no voting rights: a member made an observer may still withdraw it.
  const { room } = await loadRoomAccess(ctx, { roomId: props.roomId, userId: props.user._id, action: "motion.view" });
  await removeDelegation(ctx, { roomId: room._id, delegatorId: props.user._id, motionId: null });
}

/** An open motion the caller is entitled to vote on, or the refusal. */
async function openMotionOfVoter(
  ctx: AppContext,
  props: { user: UserDoc; motionId: string; action: "motion.vote" | "motion.view" },
): Promise<{ motion: MotionDoc; room: RoomDoc }> {
  const motion = await findMotion(ctx, props.motionId);
  const { room } = await loadRoomAccess(ctx, {
    roomId: motion.roomId.toHexString(),
    userId: props.user._id,
    action: props.action,
  });
  if (motion.status !== "open" || motion.deadline <= ctx.now()) {
    throw appError("MOTION_CLOSED", "this motion is closed; its delegations are counted as they were");
  }
  return { motion, room };
}

/**
 * After a motion-scoped change is stored: whether the motion is still open. A close flips the motion to
 * "closing" before it reads the stored delegations, so a change stored while the motion still reads open
 * is counted by whichever close follows; one that finds it closing or closed may have been missed, and is
 * answered MOTION_CLOSED (as a vote is), not as done.
 */
async function confirmStillOpen(ctx: AppContext, motionId: Types.ObjectId): Promise<void> {
  const current = await ctx.models.Motion.findById(motionId, { status: 1 }).lean();
  if (current?.status !== "open") {
    throw appError("MOTION_CLOSED", "the motion closed before this change could be counted");
  }
}

/** For one motion: replaces the room-wide delegation there; the delegate must be entitled to vote on it. */
export async function delegateOnMotion(
  ctx: AppContext,
  props: { user: UserDoc; motionId: string; input: DelegateVoteInput },
): Promise<DelegationDoc> {
  const { motion, room } = await openMotionOfVoter(ctx, { ...props, action: "motion.vote" });
  const eligible = new Map(motion.eligible.map((member) => [member.memberId, member]));
  const own = eligible.get(props.user._id.toHexString());
  if (!own) throw appError("NOT_ELIGIBLE", "only members who could vote when the motion opened can delegate on it");
  const delegate = await checkedDelegate(ctx, { room, delegator: props.user, delegateId: props.input.delegateId });
  const entitled = eligible.get(props.input.delegateId);
  if (!entitled) {
    throw appError("DELEGATE_CANNOT_VOTE", "delegateId: this member was not entitled to vote when the motion opened");
  }
  refuseAcrossSectors(motion.delegationAcrossSectors ?? false, own.sector, entitled.sector);
  const stored = await storeDelegation(ctx, {
    roomId: motion.roomId,
    delegatorId: props.user._id,
    delegateId: delegate.userId,
    motionId: motion._id,
  });
  await confirmStillOpen(ctx, motion._id);
  return stored;
}

export async function revokeMotionDelegation(
  ctx: AppContext,
  props: { user: UserDoc; motionId: string },
): Promise<void> {
  const { motion } = await openMotionOfVoter(ctx, { ...props, action: "motion.view" });
  await removeDelegation(ctx, { roomId: motion.roomId, delegatorId: props.user._id, motionId: motion._id });
  await confirmStillOpen(ctx, motion._id);
}

/** The delegations the caller gave and received in the room, and the room's cross-sector setting. */
export async function listMyDelegations(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<{ room: RoomDoc; given: DelegationDoc[]; received: DelegationDoc[] }> {
  const { room } = await loadRoomAccess(ctx, { roomId: props.roomId, userId: props.user._id, action: "motion.view" });
  const all = await ctx.models.Delegation.find({ roomId: room._id }).lean();
  // Room-wide first, then by motion, then by when: a stable order for the page.
  const order = (a: DelegationDoc, b: DelegationDoc) =>
    (a.motionId?.toHexString() ?? "").localeCompare(b.motionId?.toHexString() ?? "") ||
    a.createdAt.getTime() - b.createdAt.getTime();
  return {
    room,
    given: all.filter((d) => d.delegatorId.equals(props.user._id)).sort(order),
    received: all.filter((d) => d.delegateId.equals(props.user._id)).sort(order),
  };
}

export interface MotionDelegationState {
  motionId: string;
  delegation: DelegationDoc | null;
  status: (typeof motionDelegationStatuses)[number];
  unresolvedReason: UnresolvedReason | null;
  /** The member id whose ballot counts for the caller; null unless delegated under named ballots. */
  castBy: string | null;
  carrying: number;
}

/**
 * How the caller's vote stands on a motion: an open one is resolved from the stored ballots and
 * delegations now, a closed one read from its final tally (what the decision counted). Under a secret
 * ballot who cast the caller's ballot is not said: with its position it would tell them their delegate's.
 */
export async function myMotionDelegation(
  ctx: AppContext,
  props: { user: UserDoc; motionId: string },
): Promise<MotionDelegationState> {
  const motion = await findMotion(ctx, props.motionId);
  await loadRoomAccess(ctx, { roomId: motion.roomId.toHexString(), userId: props.user._id, action: "motion.view" });
  const [motionScoped, roomWide] = await Promise.all(
    [motion._id, null].map((motionId) =>
      ctx.models.Delegation.findById(delegationIdFor(motion.roomId, props.user._id, motionId)).lean(),
    ),
  );
  const delegation = motionScoped ?? roomWide ?? null;
  const myKey = voterKeyFor(ctx, motion, props.user._id.toHexString());
  const named = (key: string) => (motion.secretBallot ? null : key);

  const finalTally = motion.status === "closed" ? recordedFinalTally(motion) : null;
  if (finalTally) {
    const mine = finalTally.ballots.find((ballot) => ballot.memberId === myKey);
    return {
      motionId: motion._id.toHexString(),
      delegation,
      status: mine ? (mine.delegate ? "delegated" : "direct") : delegation ? "notCounted" : "none",
      unresolvedReason: null,
      castBy: mine?.delegate ? named(mine.delegate) : null,
      carrying: finalTally.ballots.filter((ballot) => ballot.delegate === myKey).length,
    };
  }
  const [stored, delegations] = await Promise.all([
    readBallots(ctx, motion._id),
    readDelegationEdges(ctx, motion, (memberId) => voterKeyFor(ctx, motion, memberId)),
  ]);
  const resolution = resolveDelegations({
    members: eligibleVoters(ctx, motion),
    direct: latestBallots(stored),
    delegations,
    acrossSectors: motion.delegationAcrossSectors ?? false,
  });
  const mine = resolution.effective.find((entry) => entry.memberId === myKey);
  const carrying = resolution.effective.filter((entry) => entry.source === "delegated" && entry.castBy === myKey);
  const unresolved = resolution.unresolved.find((entry) => entry.memberId === myKey);
  return {
    motionId: motion._id.toHexString(),
    delegation,
    status: mine ? mine.source : unresolved ? "notCounted" : "none",
    unresolvedReason: unresolved?.reason ?? null,
    castBy: mine?.source === "delegated" ? named(mine.castBy) : null,
    carrying: carrying.length,
  };
}

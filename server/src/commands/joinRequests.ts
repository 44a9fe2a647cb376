// The ways into a room for a non-member: the room's public preview, and requests to join an invite-only
// room. A coordinator approves a request (the requester becomes a participant) or declines it (with an
// optional reason); both are recorded in the room's audit trail, and the requester reads the outcome in
// the preview. Every change is one conditional single-document update, so two coordinators deciding at
// once cannot both win.
import {
  type JoinRequestRefusal,
  type MemberRole,
  type Sector,
  declineJoinRequestInputSchema,
  joinRequestRefusal,
  sectors,
} from "@mufakat/shared";
import { Types, trusted } from "mongoose";
import type { AppContext } from "../context.ts";
import { AppError, appError, isDuplicateKey } from "../errors.ts";
import { type JoinRequestDoc, type RoomDoc, type UserDoc, joinRequestIdFor } from "../models/index.ts";
import { policyRoom } from "../policies/roomPolicy.ts";
import { addMembership } from "./addMembership.ts";
import { findMembership, findRoom, loadRoomAccess } from "./loadRoomAccess.ts";
import { recordAudit } from "./recordAudit.ts";

const refusalMessages: Record<JoinRequestRefusal, string> = {
  ALREADY_MEMBER: "you are already a member of this room",
  ROOM_IS_OPEN: "this room is open: join it directly",
  FORBIDDEN: "this collaboration has ended and takes no new members",
  JOIN_REQUEST_PENDING: "you have already asked to join; a coordinator has not answered yet",
};

export interface RoomPreviewView {
  room: RoomDoc;
  myRole: MemberRole | null;
  sectorsPresent: Sector[];
  myRequest: JoinRequestDoc | null;
}

/** What anyone signed in may read about a room before joining: no member, name or organisation. */
export async function previewRoom(ctx: AppContext, props: { user: UserDoc; roomId: string }): Promise<RoomPreviewView> {
  const room = await findRoom(ctx, props.roomId);
  const [membership, myRequest, memberships] = await Promise.all([
    findMembership(ctx, room._id, props.user._id),
    ctx.models.JoinRequest.findById(joinRequestIdFor(room._id, props.user._id)).lean(),
    ctx.models.Membership.find({ roomId: room._id }, { sector: 1 }).lean(),
  ]);
  const present = new Set(memberships.map((member) => member.sector));
  return {
    room,
    myRole: (membership?.role ?? null) as MemberRole | null,
    sectorsPresent: sectors.filter((sector) => present.has(sector)),
    myRequest,
  };
}

/** Asks to join an invite-only room; asking again after a decline reopens the same request. */
export async function requestToJoin(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<JoinRequestDoc> {
  const room = await findRoom(ctx, props.roomId);
  const requestId = joinRequestIdFor(room._id, props.user._id);
  const [membership, existing] = await Promise.all([
    findMembership(ctx, room._id, props.user._id),
    ctx.models.JoinRequest.findById(requestId).lean(),
  ]);
  const role = (membership?.role ?? null) as MemberRole | null;
  const refusal = joinRequestRefusal(policyRoom(room), role, existing?.status === "pending");
  if (refusal) throw appError(refusal, refusalMessages[refusal]);
  const now = ctx.now();
  const pending = { status: "pending" as const, reason: null, createdAt: now, decidedAt: null, decidedBy: null };
  if (!existing) {
    try {
      const created = await ctx.models.JoinRequest.create({
        _id: requestId,
        roomId: room._id,
        userId: props.user._id,
        ...pending,
      });
      return created.toObject();
    } catch (error) {
      // A simultaneous request of the same user was stored first.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  const reopened = await ctx.models.JoinRequest.findOneAndUpdate(
    { _id: requestId, status: trusted({ $ne: "pending" }) },
    { $set: pending },
    { returnDocument: "after" },
  ).lean();
  if (!reopened) throw appError("JOIN_REQUEST_PENDING", refusalMessages.JOIN_REQUEST_PENDING);
  return reopened;
}

export interface JoinRequestView {
  request: JoinRequestDoc;
  requester: UserDoc | null;
}

/** The room's requests waiting for a coordinator, oldest first, with who made them. */
export async function listJoinRequests(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<JoinRequestView[]> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "room.decideJoinRequests",
  });
  const requests = await ctx.models.JoinRequest.find({ roomId: room._id, status: "pending" })
    .sort({ createdAt: 1 })
    .limit(200)
    .lean();
  const users = await ctx.models.User.find({ _id: trusted({ $in: requests.map((request) => request.userId) }) }).lean();
  const byId = new Map(users.map((user) => [user._id.toHexString(), user]));
  return requests.map((request) => ({ request, requester: byId.get(request.userId.toHexString()) ?? null }));
}

/** The pending request `joinRequestId` of the room, for a coordinator to decide. */
async function pendingRequestToDecide(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; joinRequestId: string },
): Promise<{ room: RoomDoc; request: JoinRequestDoc }> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "room.decideJoinRequests",
  });
  const request = Types.ObjectId.isValid(props.joinRequestId)
    ? await ctx.models.JoinRequest.findOne({ _id: props.joinRequestId, roomId: room._id }).lean()
    : null;
  if (!request) throw appError("JOIN_REQUEST_NOT_FOUND", "no such request to join this room");
  if (request.status !== "pending") throw decided(request);
  return { room, request };
}

function decided(request: Pick<JoinRequestDoc, "status">) {
  return appError("JOIN_REQUEST_DECIDED", `a coordinator has already ${request.status} this request`, {
    status: request.status,
  });
}

/** Marks a pending request decided; null when another coordinator decided it first. */
async function markDecided(
  ctx: AppContext,
  request: JoinRequestDoc,
  decision: { status: "approved" | "declined"; reason: string | null; by: UserDoc },
): Promise<JoinRequestDoc> {
  const updated = await ctx.models.JoinRequest.findOneAndUpdate(
    { _id: request._id, status: "pending" },
    { $set: { status: decision.status, reason: decision.reason, decidedAt: ctx.now(), decidedBy: decision.by._id } },
    { returnDocument: "after" },
  ).lean();
  if (!updated) {
    const now = await ctx.models.JoinRequest.findById(request._id).lean();
    throw decided(now ?? { status: decision.status });
  }
  return updated;
}

/** Lets the requester in as a participant, and records who let them in. */
export async function approveJoinRequest(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; joinRequestId: string },
): Promise<JoinRequestView & { role: MemberRole }> {
  const { room, request } = await pendingRequestToDecide(ctx, props);
  const requester = await ctx.models.User.findById(request.userId).lean();
  if (!requester) throw appError("JOIN_REQUEST_NOT_FOUND", "the account that asked to join no longer exists");
  const approved = await markDecided(ctx, request, { status: "approved", reason: null, by: props.user });
  const role: MemberRole = "participant";
  try {
    await addMembership(ctx, { roomId: room._id, user: requester, role });
  } catch (error) {
    // Joined meanwhile (an invite link): the request is answered all the same.
    if (!(error instanceof AppError && error.code === "ALREADY_MEMBER")) {
      // Nobody joined: put the request back so a coordinator can approve it again.
      await ctx.models.JoinRequest.updateOne(
        { _id: request._id, status: "approved" },
        { $set: { status: "pending", decidedAt: null, decidedBy: null } },
      );
      throw error;
    }
  }
  await recordAudit(ctx, {
    roomId: room._id,
    actorId: props.user._id,
    action: "joinRequest.approved",
    target: requester._id.toHexString(),
    before: { status: "pending" },
    after: { status: "approved", role },
  });
  return { request: approved, requester, role };
}

/** Turns a request down, with the coordinator's reason if they gave one. */
export async function declineJoinRequest(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; joinRequestId: string; reason?: string },
): Promise<JoinRequestView> {
  const { room, request } = await pendingRequestToDecide(ctx, props);
  const { reason } = declineJoinRequestInputSchema.parse({ reason: props.reason });
  const declined = await markDecided(ctx, request, { status: "declined", reason: reason || null, by: props.user });
  await recordAudit(ctx, {
    roomId: room._id,
    actorId: props.user._id,
    action: "joinRequest.declined",
    target: request.userId.toHexString(),
    before: { status: "pending" },
    after: { status: "declined", reason: declined.reason ?? null },
  });
  const requester = await ctx.models.User.findById(request.userId).lean();
  return { request: declined, requester };
}

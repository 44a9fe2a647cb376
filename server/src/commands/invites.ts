// Invite links: created by a coordinator, signed with the server secret, expiring, optionally limited
// in uses. Only the signature-bearing token grants entry; the invite id alone is not enough.
import { type CreateInviteInput, createInviteInputSchema, type MemberRole } from "@mufakat/shared";
import { Types, trusted } from "mongoose";
import { signId, verifySignedId } from "../auth/tokens.ts";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { InviteDoc, MembershipDoc, RoomDoc, UserDoc } from "../models/index.ts";
import { addMembership } from "./addMembership.ts";
import { findMembership, loadRoomAccess } from "./loadRoomAccess.ts";
import { recordAudit } from "./recordAudit.ts";

const invitePurpose = "invite";

export function inviteToken(inviteId: string, secret: string): string {
  return `${inviteId}.${signId(inviteId, secret, invitePurpose)}`;
}

export async function createInvite(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; input: CreateInviteInput },
): Promise<{ invite: InviteDoc; token: string }> {
  const { room } = await loadRoomAccess(ctx, { roomId: props.roomId, userId: props.user._id, action: "room.invite" });
  const input = createInviteInputSchema.parse(props.input);
  const now = ctx.now();
  const invite = (
    await ctx.models.Invite.create({
      roomId: room._id,
      role: input.role,
      createdBy: props.user._id,
      expiresAt: new Date(now.getTime() + input.expiresInHours * 3_600_000),
      maxUses: input.maxUses,
      remainingUses: input.maxUses,
      createdAt: now,
    })
  ).toObject();
  await recordAudit(ctx, {
    roomId: room._id,
    actorId: props.user._id,
    action: "invite.created",
    target: invite._id.toHexString(),
    after: { role: input.role, expiresAt: invite.expiresAt.toISOString(), maxUses: input.maxUses },
  });
  return { invite, token: inviteToken(invite._id.toHexString(), ctx.jwtSecret) };
}

export async function listInvites(ctx: AppContext, props: { user: UserDoc; roomId: string }): Promise<InviteDoc[]> {
  const { room } = await loadRoomAccess(ctx, { roomId: props.roomId, userId: props.user._id, action: "room.invite" });
  return ctx.models.Invite.find({ roomId: room._id }).sort({ createdAt: -1 }).limit(200).lean();
}

export async function revokeInvite(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; inviteId: string },
): Promise<InviteDoc> {
  const { room } = await loadRoomAccess(ctx, { roomId: props.roomId, userId: props.user._id, action: "room.invite" });
  const found = Types.ObjectId.isValid(props.inviteId)
    ? await ctx.models.Invite.findOne({ _id: props.inviteId, roomId: room._id }).lean()
    : null;
  if (!found) throw appError("INVITE_NOT_FOUND", "no such invite in this room");
  if (found.revokedAt) return found;
  const revoked = await ctx.models.Invite.findOneAndUpdate(
    { _id: found._id, revokedAt: null },
    { $set: { revokedAt: ctx.now() } },
    { returnDocument: "after" },
  ).lean();
  await recordAudit(ctx, {
    roomId: room._id,
    actorId: props.user._id,
    action: "invite.revoked",
    target: found._id.toHexString(),
    before: { revoked: false },
    after: { revoked: true },
  });
  return revoked ?? found;
}

/** Resolves a token to its invite and room, refusing forged, expired, revoked and used-up links. */
async function resolveInvite(ctx: AppContext, token: string): Promise<{ invite: InviteDoc; room: RoomDoc }> {
  const [inviteId = "", signature = ""] = token.split(".");
  if (!Types.ObjectId.isValid(inviteId) || !verifySignedId(inviteId, signature, ctx.jwtSecret, invitePurpose)) {
    throw appError("INVITE_NOT_FOUND", "this invite link is not valid");
  }
  const invite = await ctx.models.Invite.findById(inviteId).lean();
  const room = invite ? await ctx.models.Room.findById(invite.roomId).lean() : null;
  if (!invite || !room) throw appError("INVITE_NOT_FOUND", "this invite link is not valid");
  if (invite.revokedAt) throw appError("INVITE_REVOKED", "this invite link was revoked by a coordinator");
  if (invite.expiresAt <= ctx.now()) throw appError("INVITE_EXPIRED", "this invite link has expired");
  if (invite.remainingUses !== null && invite.remainingUses !== undefined && invite.remainingUses <= 0) {
    throw appError("INVITE_USED_UP", "this invite link has been used as many times as allowed");
  }
  return { invite, room };
}

export async function previewInvite(
  ctx: AppContext,
  props: { user: UserDoc; token: string },
): Promise<{ invite: InviteDoc; room: RoomDoc; myRole: MemberRole | null }> {
  const { invite, room } = await resolveInvite(ctx, props.token);
  const membership = await findMembership(ctx, room._id, props.user._id);
  return { invite, room, myRole: (membership?.role ?? null) as MemberRole | null };
}

export async function acceptInvite(
  ctx: AppContext,
  props: { user: UserDoc; token: string },
): Promise<{ room: RoomDoc; membership: MembershipDoc; alreadyMember: boolean }> {
  const { invite, room } = await resolveInvite(ctx, props.token);
  const existing = await findMembership(ctx, room._id, props.user._id);
  // Opening a link again after joining is harmless and spends no use.
  if (existing) return { room, membership: existing, alreadyMember: true };
  const now = ctx.now();
  const limited = invite.remainingUses !== null && invite.remainingUses !== undefined;
  // One conditional update spends a use, so concurrent accepts cannot overshoot maxUses.
  const spent = await ctx.models.Invite.findOneAndUpdate(
    {
      _id: invite._id,
      revokedAt: null,
      expiresAt: trusted({ $gt: now }),
      ...(limited ? { remainingUses: trusted({ $gt: 0 }) } : { remainingUses: null }),
    },
    { $inc: { uses: 1, ...(limited ? { remainingUses: -1 } : {}) } },
    { returnDocument: "after" },
  ).lean();
  if (!spent) throw appError("INVITE_USED_UP", "this invite link has been used as many times as allowed");
  try {
    const membership = await addMembership(ctx, {
      roomId: room._id,
      user: props.user,
      role: invite.role as MemberRole,
    });
    return { room, membership, alreadyMember: false };
  } catch (error) {
    // The use was spent but nobody joined (for example a simultaneous second accept): give it back.
    await ctx.models.Invite.updateOne(
      { _id: invite._id },
      { $inc: { uses: -1, ...(limited ? { remainingUses: 1 } : {}) } },
    );
    throw error;
  }
}

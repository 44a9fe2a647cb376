// Shapes rooms, members, invites, pending actions and audit entries for the wire.
import {
  type AuditAction,
  type AuditEntry,
  type CollaborationStage,
  type Invite,
  type Member,
  type MemberRole,
  type PendingAction,
  type PublicUser,
  type RoomDetail,
  type RoomSummary,
  type RoomAbilities,
  type RoomVisibility,
  type Sector,
  roomAbilities,
  sectors,
} from "@mufakat/shared";
import type { RoomDetailView } from "../commands/getRoomDetail.ts";
import type { RoomAuditView } from "../commands/listRoomAudit.ts";
import { policyRoom } from "../policies/roomPolicy.ts";
import type { AuditEntryDoc, InviteDoc, MembershipDoc, PendingActionDoc, RoomDoc } from "../models/index.ts";
import { formerUser, presentPublicUser } from "./users.ts";

export function presentRoomSummary(room: RoomDoc, myRole: MemberRole | null): RoomSummary {
  return {
    id: room._id.toHexString(),
    title: room.title,
    purpose: room.purpose ?? "",
    visibility: room.visibility as RoomVisibility,
    stage: room.stage as CollaborationStage,
    memberCount: room.memberCount ?? 0,
    createdAt: room.createdAt.toISOString(),
    myRole,
    abilities: presentRoomAbilities(room, myRole),
  };
}

export function presentMember(membership: MembershipDoc, user: PublicUser | undefined): Member {
  return {
    user: user ?? formerUser(membership.userId.toHexString()),
    role: membership.role as MemberRole,
    sector: membership.sector as Sector,
    organisation: membership.organisation,
    joinedAt: membership.joinedAt.toISOString(),
  };
}

const roleOrder: Record<MemberRole, number> = { coordinator: 0, participant: 1, observer: 2 };

export function presentRoomDetail(view: RoomDetailView): RoomDetail {
  const { room, role: myRole, memberships, users } = view;
  const members = memberships
    .map((membership) => {
      const user = users.get(membership.userId.toHexString());
      return presentMember(membership, user ? presentPublicUser(user) : undefined);
    })
    .sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.user.displayName.localeCompare(b.user.displayName));
  const membersBySector = Object.fromEntries(sectors.map((sector) => [sector, [] as Member[]])) as Record<
    Sector,
    Member[]
  >;
  for (const member of members) membersBySector[member.sector].push(member);
  return { ...presentRoomSummary(room, myRole), memberCount: members.length, members, membersBySector };
}

export function presentInvite(invite: InviteDoc): Invite {
  return {
    id: invite._id.toHexString(),
    role: invite.role as MemberRole,
    expiresAt: invite.expiresAt.toISOString(),
    maxUses: invite.maxUses ?? null,
    uses: invite.uses ?? 0,
    revoked: invite.revokedAt != null,
    createdAt: invite.createdAt.toISOString(),
  };
}

export function presentPendingAction(action: PendingActionDoc): PendingAction {
  return {
    id: action._id.toHexString(),
    kind: action.kind as PendingAction["kind"],
    targetUserId: action.targetUserId.toHexString(),
    newRole: (action.newRole ?? null) as MemberRole | null,
    requestedBy: action.requestedBy.toHexString(),
    createdAt: action.createdAt.toISOString(),
  };
}

export function presentAuditEntry(entry: AuditEntryDoc, actor: PublicUser | undefined): AuditEntry {
  return {
    id: entry._id.toHexString(),
    action: entry.action as AuditAction,
    actor: actor ?? formerUser(entry.actorId.toHexString()),
    target: entry.target ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: entry.at.toISOString(),
  };
}

/** The audit trail, newest first, each entry with its actor (or a former member). */
export function presentRoomAudit(view: RoomAuditView): AuditEntry[] {
  return view.entries.map((entry) => {
    const actor = view.actors.get(entry.actorId.toHexString());
    return presentAuditEntry(entry, actor ? presentPublicUser(actor) : undefined);
  });
}

/** The caller's room abilities, from the shared room policies. */
export function presentRoomAbilities(room: RoomDoc, myRole: MemberRole | null): RoomAbilities {
  return roomAbilities(myRole, policyRoom(room));
}

// What a member may do in a room, by resource: the access level each room action needs (opening a motion
// depends on the room's settings), who may join an open room, and the room abilities a response carries.
// Object-level rules (whose commitment, whose message, who may vote on a motion) live beside this, by
// resource; they build on `roomRefusal`.
import type { RoomAbilities, RoomAbility } from "../schemas/abilities.ts";
import type { CollaborationStage, MemberRole, RoomVisibility } from "../schemas/room.ts";
import { type AccessLevel, type AccessRefusal, accessRefusal } from "./access.ts";

/** The room as its policies need it. */
export interface PolicyRoom {
  visibility: RoomVisibility;
  stage: CollaborationStage;
  /** The decision setting that lets participants, not only coordinators, open motions. */
  participantsMayOpenMotions: boolean;
}

/** Every action the server authorizes by the caller's role in a room. */
const levels = {
  "room.view": "read",
  "room.viewAudit": "read",
  "room.chat": "write",
  "room.editSettings": "coordinate",
  "room.changeStage": "coordinate",
  "room.invite": "coordinate",
  "room.manageMembers": "coordinate",
  "room.decideJoinRequests": "coordinate",
  "proposal.view": "read",
  "proposal.create": "write",
  "proposal.edit": "write",
  "proposal.rename": "write",
  "proposal.comment": "write",
  "motion.view": "read",
  "motion.open": "coordinate",
  "motion.vote": "write",
  "motion.close": "coordinate",
  "decision.viewLog": "read",
  "decision.verify": "read",
  "decision.correct": "coordinate",
  "decision.review": "coordinate",
  "commitment.view": "read",
  "commitment.create": "write",
  "commitment.assign": "coordinate",
  "commitment.change": "write",
  "pledge.view": "read",
  "pledge.create": "write",
  "pledge.change": "write",
  "participation.view": "read",
  "participation.editSettings": "coordinate",
  "participation.seeWarnings": "coordinate",
  "report.view": "coordinate",
  "records.export": "coordinate",
  "message.edit": "write",
  "message.delete": "read",
  "opinion.view": "read",
  "opinion.write": "write",
  "opinion.vote": "write",
} as const satisfies Record<string, AccessLevel>;

export type RoomAction = keyof typeof levels;
export const roomActions = Object.keys(levels) as RoomAction[];

/** The level `action` needs in `room`: participants open motions only where the room allows it. */
export function levelFor(action: RoomAction, room?: Pick<PolicyRoom, "participantsMayOpenMotions">): AccessLevel {
  if (action === "motion.open") return room?.participantsMayOpenMotions ? "write" : "coordinate";
  return levels[action];
}

/** Why `role` may not do `action` in `room`, or null when it may (without the room, motions need a coordinator). */
export function roomRefusal(
  action: RoomAction,
  role: MemberRole | null,
  room?: Pick<PolicyRoom, "participantsMayOpenMotions">,
): AccessRefusal | null {
  return accessRefusal(role, levelFor(action, room));
}

export function mayInRoom(
  action: RoomAction,
  role: MemberRole | null,
  room?: Pick<PolicyRoom, "participantsMayOpenMotions">,
): boolean {
  return roomRefusal(action, role, room) === null;
}

export type JoinRefusal = "ROOM_INVITE_ONLY" | "FORBIDDEN";

/** Anyone may join an open room from the directory until the collaboration has ended. */
export function joinRefusal(room: PolicyRoom): JoinRefusal | null {
  if (room.visibility !== "open") return "ROOM_INVITE_ONLY";
  if (room.stage === "ended") return "FORBIDDEN";
  return null;
}

/** The action behind each room ability a response carries (`join` is decided by joinRefusal). */
const abilityActions: Record<Exclude<RoomAbility, "join">, RoomAction> = {
  view: "room.view",
  post: "proposal.edit",
  editSettings: "room.editSettings",
  changeStage: "room.changeStage",
  invite: "room.invite",
  manageMembers: "room.manageMembers",
  openMotion: "motion.open",
  correctDecision: "decision.correct",
  reviewDecisions: "decision.review",
  viewReport: "report.view",
  exportRecords: "records.export",
  createCommitment: "commitment.create",
  assignCommitment: "commitment.assign",
  createPledge: "pledge.create",
};

/** Every room ability of the caller; `join` is offered only to a non-member of a room they may join. */
export function roomAbilities(role: MemberRole | null, room: PolicyRoom): RoomAbilities {
  const granted = Object.fromEntries(
    Object.entries(abilityActions).map(([ability, action]) => [ability, mayInRoom(action, role, room)]),
  ) as Omit<RoomAbilities, "join">;
  return { ...granted, join: role === null && joinRefusal(room) === null };
}

import { describe, expect, it } from "vitest";
import { memberRoles } from "../schemas/room.ts";
import { accessRefusal, hasAccess } from "./access.ts";
import { type PolicyRoom, joinRefusal, levelFor, mayInRoom, roomAbilities, roomActions, roomRefusal } from "./room.ts";

const roles = [...memberRoles, null] as const;
const room: PolicyRoom = { visibility: "open", stage: "exploration", participantsMayOpenMotions: false };
const permissive: PolicyRoom = { ...room, participantsMayOpenMotions: true };

describe("access levels", () => {
  it.each([
    ["coordinator", "read", null],
    ["coordinator", "write", null],
    ["coordinator", "coordinate", null],
    ["participant", "read", null],
    ["participant", "write", null],
    ["participant", "coordinate", "NOT_A_COORDINATOR"],
    ["observer", "read", null],
    ["observer", "write", "READ_ONLY_ROLE"],
    ["observer", "coordinate", "NOT_A_COORDINATOR"],
    [null, "read", "NOT_A_MEMBER"],
    [null, "write", "NOT_A_MEMBER"],
    [null, "coordinate", "NOT_A_MEMBER"],
  ] as const)("%s at %s: %s", (role, level, refusal) => {
    expect(accessRefusal(role, level)).toBe(refusal);
    expect(hasAccess(role, level)).toBe(refusal === null);
  });
});

describe("room actions", () => {
  const expected: Record<string, readonly (string | null)[]> = {
    // coordinator, participant, observer, non-member
    read: [null, null, null, "NOT_A_MEMBER"],
    write: [null, null, "READ_ONLY_ROLE", "NOT_A_MEMBER"],
    coordinate: [null, "NOT_A_COORDINATOR", "NOT_A_COORDINATOR", "NOT_A_MEMBER"],
  };
  for (const action of roomActions) {
    it(`${action} refuses by the level it needs, for every role`, () => {
      const level = levelFor(action, room);
      expect(roles.map((role) => roomRefusal(action, role, room))).toEqual(expected[level]);
      expect(roles.map((role) => mayInRoom(action, role, room))).toEqual(expected[level]?.map((r) => r === null));
    });
  }

  it("names the level of each kind of action", () => {
    expect(levelFor("room.view", room)).toBe("read");
    expect(levelFor("decision.viewLog", room)).toBe("read");
    expect(levelFor("decision.verify", room)).toBe("read");
    expect(levelFor("message.delete", room)).toBe("read");
    expect(levelFor("proposal.edit", room)).toBe("write");
    expect(levelFor("proposal.rename", room)).toBe("write");
    expect(levelFor("motion.vote", room)).toBe("write");
    expect(levelFor("commitment.create", room)).toBe("write");
    expect(levelFor("message.edit", room)).toBe("write");
    expect(levelFor("room.changeStage", room)).toBe("coordinate");
    expect(levelFor("room.invite", room)).toBe("coordinate");
    expect(levelFor("room.manageMembers", room)).toBe("coordinate");
    expect(levelFor("room.decideJoinRequests", room)).toBe("coordinate");
    expect(levelFor("motion.close", room)).toBe("coordinate");
    expect(levelFor("decision.correct", room)).toBe("coordinate");
    expect(levelFor("records.export", room)).toBe("coordinate");
  });

  it("lets participants open motions only where the room allows it", () => {
    expect(roles.map((role) => roomRefusal("motion.open", role, room))).toEqual([
      null,
      "NOT_A_COORDINATOR",
      "NOT_A_COORDINATOR",
      "NOT_A_MEMBER",
    ]);
    expect(roles.map((role) => roomRefusal("motion.open", role, permissive))).toEqual([
      null,
      null,
      "READ_ONLY_ROLE",
      "NOT_A_MEMBER",
    ]);
    expect(levelFor("motion.open")).toBe("coordinate");
  });
});

describe("joining an open room", () => {
  it("is refused for an invite-only room, then for an ended one", () => {
    expect(joinRefusal(room)).toBeNull();
    expect(joinRefusal({ ...room, visibility: "invite-only" })).toBe("ROOM_INVITE_ONLY");
    expect(joinRefusal({ ...room, visibility: "invite-only", stage: "ended" })).toBe("ROOM_INVITE_ONLY");
    expect(joinRefusal({ ...room, stage: "ended" })).toBe("FORBIDDEN");
  });
});

describe("room abilities", () => {
  const coordinator = {
    view: true,
    join: false,
    post: true,
    editSettings: true,
    changeStage: true,
    invite: true,
    manageMembers: true,
    openMotion: true,
    correctDecision: true,
    reviewDecisions: true,
    viewReport: true,
    exportRecords: true,
    createCommitment: true,
    assignCommitment: true,
    createPledge: true,
  };
  const participant = {
    ...coordinator,
    editSettings: false,
    changeStage: false,
    invite: false,
    manageMembers: false,
    openMotion: false,
    correctDecision: false,
    reviewDecisions: false,
    viewReport: false,
    exportRecords: false,
    assignCommitment: false,
  };
  const observer = { ...participant, post: false, createCommitment: false, createPledge: false };
  const stranger = { ...observer, view: false, join: true };

  it("differ by role", () => {
    expect(roomAbilities("coordinator", room)).toEqual(coordinator);
    expect(roomAbilities("participant", room)).toEqual(participant);
    expect(roomAbilities("observer", room)).toEqual(observer);
    expect(roomAbilities(null, room)).toEqual(stranger);
  });

  it("follow the room's settings", () => {
    expect(roomAbilities("participant", permissive)).toEqual({ ...participant, openMotion: true });
    expect(roomAbilities("observer", permissive)).toEqual(observer);
    expect(roomAbilities(null, { ...room, visibility: "invite-only" })).toEqual({ ...stranger, join: false });
    expect(roomAbilities(null, { ...room, stage: "ended" })).toEqual({ ...stranger, join: false });
  });
});

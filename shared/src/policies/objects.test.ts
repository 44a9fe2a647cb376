import { describe, expect, it } from "vitest";
import type { MemberRole } from "../schemas/room.ts";
import {
  commitmentAbilities,
  maySeeParticipationWarnings,
  mayNameCommitmentOwner,
  ownsCommitment,
  ownsPledge,
  pledgeAbilities,
} from "./accountability.ts";
import { rolesWith } from "./access.ts";
import { messageAbilities, ownsMessage } from "./discussion.ts";
import { confirmationRefusal, countsAsCoordinator, needsSecondCoordinator } from "./members.ts";
import { closeMotionRefusal, motionAbilities, voteRefusal } from "./motion.ts";

const me = "a".repeat(24);
const other = "b".repeat(24);
const as = (role: MemberRole | null) => ({ userId: me, role });

describe("motions", () => {
  const open = { status: "open", eligibleMemberIds: [me, other] } as const;
  const notEligible = { status: "open", eligibleMemberIds: [other] } as const;

  it("lets eligible writers vote, names every refusal", () => {
    expect(voteRefusal(as("coordinator"), open)).toBeNull();
    expect(voteRefusal(as("participant"), open)).toBeNull();
    expect(voteRefusal(as("observer"), open)).toBe("READ_ONLY_ROLE");
    expect(voteRefusal(as(null), open)).toBe("NOT_A_MEMBER");
    expect(voteRefusal(as("participant"), notEligible)).toBe("NOT_ELIGIBLE");
    expect(voteRefusal(as("coordinator"), notEligible)).toBe("NOT_ELIGIBLE");
    expect(voteRefusal(as("observer"), notEligible)).toBe("READ_ONLY_ROLE");
  });

  it("lets only coordinators close early", () => {
    expect(closeMotionRefusal("coordinator")).toBeNull();
    expect(closeMotionRefusal("participant")).toBe("NOT_A_COORDINATOR");
    expect(closeMotionRefusal("observer")).toBe("NOT_A_COORDINATOR");
    expect(closeMotionRefusal(null)).toBe("NOT_A_MEMBER");
  });

  it("presents abilities by role, eligibility and status", () => {
    expect(motionAbilities(as("coordinator"), open)).toEqual({ vote: true, closeMotion: true });
    expect(motionAbilities(as("participant"), open)).toEqual({ vote: true, closeMotion: false });
    expect(motionAbilities(as("observer"), open)).toEqual({ vote: false, closeMotion: false });
    expect(motionAbilities(as(null), open)).toEqual({ vote: false, closeMotion: false });
    expect(motionAbilities(as("participant"), notEligible)).toEqual({ vote: false, closeMotion: false });
    expect(motionAbilities(as("coordinator"), notEligible)).toEqual({ vote: false, closeMotion: true });
    expect(motionAbilities(as("coordinator"), { ...open, status: "closing" })).toEqual({
      vote: true,
      closeMotion: true,
    });
    expect(motionAbilities(as("coordinator"), { ...open, status: "closed" })).toEqual({
      vote: false,
      closeMotion: false,
    });
  });
});

describe("commitments", () => {
  const mine = { createdBy: me, ownerUserId: null };
  const owned = { createdBy: other, ownerUserId: me };
  const theirs = { createdBy: other, ownerUserId: other };

  it("lets participants name only themselves as owner, coordinators anyone", () => {
    expect(mayNameCommitmentOwner(as("coordinator"), other)).toBe(true);
    expect(mayNameCommitmentOwner(as("participant"), other)).toBe(false);
    expect(mayNameCommitmentOwner(as("participant"), me)).toBe(true);
    expect(mayNameCommitmentOwner(as("observer"), other)).toBe(false);
  });

  it("lets the author, the owner and coordinators change one", () => {
    expect(ownsCommitment(as("coordinator"), theirs)).toBe(true);
    expect(ownsCommitment(as("participant"), mine)).toBe(true);
    expect(ownsCommitment(as("participant"), owned)).toBe(true);
    expect(ownsCommitment(as("participant"), theirs)).toBe(false);
  });

  it("presents abilities: observers and strangers change none, not even their own", () => {
    const yes = { updateStatus: true, edit: true };
    const no = { updateStatus: false, edit: false };
    expect([mine, owned, theirs].map((c) => commitmentAbilities(as("coordinator"), c))).toEqual([yes, yes, yes]);
    expect([mine, owned, theirs].map((c) => commitmentAbilities(as("participant"), c))).toEqual([yes, yes, no]);
    expect([mine, owned, theirs].map((c) => commitmentAbilities(as("observer"), c))).toEqual([no, no, no]);
    expect([mine, owned, theirs].map((c) => commitmentAbilities(as(null), c))).toEqual([no, no, no]);
  });
});

describe("pledges", () => {
  const mine = { pledgedBy: me };
  const theirs = { pledgedBy: other };

  it("lets the member who pledged and coordinators change one", () => {
    expect(ownsPledge(as("coordinator"), theirs)).toBe(true);
    expect(ownsPledge(as("participant"), mine)).toBe(true);
    expect(ownsPledge(as("participant"), theirs)).toBe(false);
    expect([mine, theirs].map((p) => pledgeAbilities(as("coordinator"), p).updateStatus)).toEqual([true, true]);
    expect([mine, theirs].map((p) => pledgeAbilities(as("participant"), p).updateStatus)).toEqual([true, false]);
    expect([mine, theirs].map((p) => pledgeAbilities(as("observer"), p).updateStatus)).toEqual([false, false]);
    expect([mine, theirs].map((p) => pledgeAbilities(as(null), p).updateStatus)).toEqual([false, false]);
  });
});

describe("participation", () => {
  it("shows the warnings to coordinators only", () => {
    expect((["coordinator", "participant", "observer", null] as const).map(maySeeParticipationWarnings)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe("discussion messages", () => {
  const mine = { authorId: me };
  const theirs = { authorId: other };

  it("lets only the author change a message; observers may delete but not edit their own", () => {
    expect(ownsMessage({ userId: me }, mine)).toBe(true);
    expect(ownsMessage({ userId: me }, theirs)).toBe(false);
    expect(messageAbilities(as("coordinator"), mine)).toEqual({ edit: true, delete: true });
    expect(messageAbilities(as("participant"), mine)).toEqual({ edit: true, delete: true });
    expect(messageAbilities(as("observer"), mine)).toEqual({ edit: false, delete: true });
    expect(messageAbilities(as(null), mine)).toEqual({ edit: false, delete: false });
    for (const role of ["coordinator", "participant", "observer", null] as const) {
      expect(messageAbilities(as(role), theirs)).toEqual({ edit: false, delete: false });
    }
  });
});

describe("members", () => {
  it("waits for a second coordinator to demote or remove a coordinator, who is not the requester", () => {
    expect(needsSecondCoordinator("coordinator")).toBe(true);
    expect(needsSecondCoordinator("participant")).toBe(false);
    expect(needsSecondCoordinator("observer")).toBe(false);
    expect(countsAsCoordinator("coordinator")).toBe(true);
    expect(countsAsCoordinator("participant")).toBe(false);
    expect(countsAsCoordinator("observer")).toBe(false);
    expect(confirmationRefusal(as("coordinator"), { requestedBy: me })).toBe("CONFIRMATION_BY_SAME_COORDINATOR");
    expect(confirmationRefusal(as("coordinator"), { requestedBy: other })).toBeNull();
  });

  it("lists the roles that grant each level", () => {
    expect(rolesWith("read")).toEqual(["coordinator", "participant", "observer"]);
    expect(rolesWith("write")).toEqual(["coordinator", "participant"]);
    expect(rolesWith("coordinate")).toEqual(["coordinator"]);
  });
});

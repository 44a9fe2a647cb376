// Who may open a motion: coordinators always, participants only where the room allows it, observers never.
// The client reads the room's abilities, computed (here as on the server) by the shared room policy.
import { defaultDecisionRule, roomAbilities } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { canOpenMotions } from "./useRoomVoteAccess.ts";

const settings = (participantsMayOpenMotions: boolean) => ({
  decisionRule: defaultDecisionRule,
  secretBallots: false,
  participantsMayOpenMotions,
  delegationAcrossSectors: false,
});

describe("canOpenMotions", () => {
  it.each([
    ["coordinator", false, true],
    ["participant", false, false],
    ["participant", true, true],
    ["observer", true, false],
    [null, true, false],
  ] as const)("%s with participantsMayOpenMotions=%s -> %s", (myRole, allowed, expected) => {
    const abilities = roomAbilities(myRole, {
      visibility: "invite-only",
      stage: "exploration",
      participantsMayOpenMotions: allowed,
    });
    expect(canOpenMotions({ abilities, settings: settings(allowed) })).toBe(expected);
  });
});

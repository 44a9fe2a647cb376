// Who may open a motion: coordinators always, participants only where the room allows it, observers never.
import { defaultDecisionRule } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { canOpenMotions } from "./useRoomVoteAccess.ts";

const settings = (participantsMayOpenMotions: boolean) => ({
  decisionRule: defaultDecisionRule,
  secretBallots: false,
  participantsMayOpenMotions,
});

describe("canOpenMotions", () => {
  it.each([
    ["coordinator", false, true],
    ["participant", false, false],
    ["participant", true, true],
    ["observer", true, false],
    [null, true, false],
  ] as const)("%s with participantsMayOpenMotions=%s -> %s", (myRole, allowed, expected) => {
    expect(canOpenMotions({ myRole, settings: settings(allowed) })).toBe(expected);
  });
});

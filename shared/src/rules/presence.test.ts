import { describe, expect, it } from "vitest";
import type { PresenceMember } from "../protocol/events.ts";
import { applyPresenceChange, diffPresence } from "./presence.ts";

const member = (userId: string, overrides: Partial<PresenceMember> = {}): PresenceMember => ({
  userId,
  displayName: `Anggota ${userId}`,
  sector: "community",
  organisation: "Forum Warga",
  role: "participant",
  viewing: [],
  connections: 1,
  ...overrides,
});

describe("presence changes", () => {
  const before = [member("a", { role: "coordinator" }), member("b"), member("c")];
  const after = [member("a", { role: "coordinator" }), member("b", { connections: 2, viewing: ["p1"] }), member("d")];

  it("names exactly the members new or different, and the ids of those gone", () => {
    expect(diffPresence(before, after)).toEqual({
      changed: [member("b", { connections: 2, viewing: ["p1"] }), member("d")],
      left: ["c"],
    });
    expect(diffPresence(after, after)).toEqual({ changed: [], left: [] });
    expect(diffPresence([], before)).toEqual({ changed: before, left: [] });
  });

  it("applied to the previous list gives the next one, in presence order, and applying twice changes nothing", () => {
    const change = diffPresence(before, after);
    const applied = applyPresenceChange(before, change);
    expect(applied).toEqual(after);
    expect(applyPresenceChange(applied, change)).toEqual(after);
  });

  it("orders coordinators, participants, observers, then by name and id", () => {
    const list = applyPresenceChange([], {
      changed: [
        member("z", { role: "observer", displayName: "Ani" }),
        member("y", { displayName: "Budi" }),
        member("x", { displayName: "Ani" }),
        member("w", { role: "coordinator", displayName: "Citra" }),
      ],
      left: [],
    });
    expect(list.map((m) => m.userId)).toEqual(["w", "x", "y", "z"]);
  });
});

// The delegate list keeps to members the server would accept: voting members other than the caller, of the
// caller's sector unless the room lets delegations cross sectors, in the order of the sectors then by name.
import type { Member, MemberRole, RoomDetail, Sector } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { delegateCandidates } from "./delegateCandidates.ts";

function member(id: string, displayName: string, sector: Sector, role: MemberRole = "participant"): Member {
  return {
    user: { id, displayName, sector, organisation: "Org" },
    role,
    sector,
    organisation: "Org",
    joinedAt: "2026-12-01T00:00:00.000Z",
  };
}

const members = [
  member("me", "Ani", "private"),
  member("p2", "Sari", "private"),
  member("p3", "Budi", "private"),
  member("obs", "Dewi", "private", "observer"),
  member("g1", "Rina", "government", "coordinator"),
  member("c1", "Joko", "community"),
];
const room = { members } as RoomDetail;

const ids = (list: Member[]) => list.map((m) => m.user.id);

describe("delegateCandidates", () => {
  it("keeps to the caller's sector, without the caller or observers, by name", () => {
    expect(ids(delegateCandidates(room, "me", false))).toEqual(["p3", "p2"]);
  });

  it("lists every sector's voting members, in the order of the sectors, when the room allows it", () => {
    expect(ids(delegateCandidates(room, "me", true))).toEqual(["g1", "p3", "p2", "c1"]);
  });

  it("offers no one to a caller who is not a member", () => {
    expect(delegateCandidates(room, "stranger", true)).toEqual([]);
  });
});

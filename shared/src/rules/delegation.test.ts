// Delegation resolved exactly: direct ballots win, chains are followed, motion scope replaces room scope,
// cycles and refused hops end without a ballot.
import { describe, expect, it } from "vitest";
import type { Sector } from "../schemas/user.ts";
import { type DelegationEdge, DelegationInputError, delegationsInForce, resolveDelegations } from "./delegation.ts";

const gov = (memberId: string) => ({ memberId, sector: "government" as Sector });
const com = (memberId: string) => ({ memberId, sector: "community" as Sector });
const room = (delegatorId: string, delegateId: string): DelegationEdge => ({ delegatorId, delegateId, scope: "room" });
const motion = (delegatorId: string, delegateId: string): DelegationEdge => ({
  delegatorId,
  delegateId,
  scope: "motion",
});

function resolve(
  members: { memberId: string; sector: Sector }[],
  direct: Record<string, string>,
  delegations: DelegationEdge[],
  acrossSectors = false,
) {
  return resolveDelegations({ members, direct: new Map(Object.entries(direct)), delegations, acrossSectors });
}

describe("resolveDelegations", () => {
  it("counts a delegator with their delegate's ballot, in the delegator's own sector", () => {
    const result = resolve([gov("a"), gov("b"), gov("c")], { b: "support" }, [room("a", "b")]);
    expect(result).toEqual({
      effective: [
        {
          memberId: "a",
          sector: "government",
          source: "delegated",
          delegateId: "b",
          castBy: "b",
          hops: 1,
          ballot: "support",
        },
        { memberId: "b", sector: "government", source: "direct", ballot: "support" },
      ],
      unresolved: [],
    });
  });

  it("lets a direct ballot override the delegation", () => {
    const result = resolve([gov("a"), gov("b")], { a: "object", b: "support" }, [room("a", "b")]);
    expect(result.effective).toEqual([
      { memberId: "a", sector: "government", source: "direct", ballot: "object" },
      { memberId: "b", sector: "government", source: "direct", ballot: "support" },
    ]);
  });

  it("follows a chain to the first member who voted (transitive)", () => {
    const result = resolve([gov("a"), gov("b"), gov("c"), gov("d")], { c: "block", d: "support" }, [
      room("a", "b"),
      room("b", "c"),
      room("c", "d"),
    ]);
    expect(result.effective.map((e) => [e.memberId, e.source, e.ballot, "castBy" in e ? e.castBy : null])).toEqual([
      ["a", "delegated", "block", "c"],
      ["b", "delegated", "block", "c"],
      ["c", "direct", "block", null],
      ["d", "direct", "support", null],
    ]);
    expect(result.effective[0]).toMatchObject({ delegateId: "b", hops: 2 });
    expect(result.effective[1]).toMatchObject({ delegateId: "c", hops: 1 });
  });

  it("uses the motion-scoped delegation instead of the room-scoped one", () => {
    const result = resolve([gov("a"), gov("b"), gov("c")], { b: "support", c: "object" }, [
      room("a", "b"),
      motion("a", "c"),
    ]);
    expect(result.effective[0]).toMatchObject({ memberId: "a", castBy: "c", ballot: "object" });
  });

  it("does not fall back to the room-scoped delegation when the motion-scoped one reaches no ballot", () => {
    const result = resolve([gov("a"), gov("b"), gov("c")], { b: "support" }, [room("a", "b"), motion("a", "c")]);
    expect(result.effective.map((e) => e.memberId)).toEqual(["b"]);
    expect(result.unresolved).toEqual([{ memberId: "a", reason: "delegateDidNotVote" }]);
  });

  it("ends a cycle without a ballot for everyone on it and leading into it who did not vote", () => {
    const result = resolve([gov("a"), gov("b"), gov("c"), gov("d"), gov("e")], { e: "support" }, [
      room("a", "b"),
      room("b", "c"),
      room("c", "a"),
      room("d", "a"),
    ]);
    expect(result.effective).toEqual([{ memberId: "e", sector: "government", source: "direct", ballot: "support" }]);
    expect(result.unresolved).toEqual([
      { memberId: "a", reason: "cycle" },
      { memberId: "b", reason: "cycle" },
      { memberId: "c", reason: "cycle" },
      { memberId: "d", reason: "cycle" },
    ]);
  });

  it("breaks a cycle at a member who voted directly", () => {
    const result = resolve([gov("a"), gov("b")], { b: "standAside" }, [room("a", "b"), room("b", "a")]);
    expect(result.effective.map((e) => [e.memberId, e.source, e.ballot])).toEqual([
      ["a", "delegated", "standAside"],
      ["b", "direct", "standAside"],
    ]);
    expect(result.unresolved).toEqual([]);
  });

  it("treats a delegation to oneself as a cycle", () => {
    expect(resolve([gov("a")], {}, [room("a", "a")]).unresolved).toEqual([{ memberId: "a", reason: "cycle" }]);
  });

  it("refuses a hop to another sector unless the room allows it", () => {
    const members = [gov("a"), com("b")];
    expect(resolve(members, { b: "support" }, [room("a", "b")])).toEqual({
      effective: [{ memberId: "b", sector: "community", source: "direct", ballot: "support" }],
      unresolved: [{ memberId: "a", reason: "acrossSectors" }],
    });
    const allowed = resolve(members, { b: "support" }, [room("a", "b")], true);
    // Counted in the delegator's sector, not the delegate's.
    expect(allowed.effective[0]).toMatchObject({ memberId: "a", sector: "government", castBy: "b" });
  });

  it("checks every hop of a chain for the sector rule", () => {
    const result = resolve([gov("a"), gov("b"), com("c")], { c: "support" }, [room("a", "b"), room("b", "c")]);
    expect(result.unresolved).toEqual([
      { memberId: "a", reason: "acrossSectors" },
      { memberId: "b", reason: "acrossSectors" },
    ]);
  });

  it("does not follow a delegation to someone not entitled to vote, and ignores non-members' delegations and ballots", () => {
    const result = resolve([gov("a"), gov("b")], { x: "support", b: "object" }, [room("a", "x"), room("y", "b")]);
    expect(result.effective.map((e) => e.memberId)).toEqual(["b"]);
    expect(result.unresolved).toEqual([{ memberId: "a", reason: "delegateNotEligible" }]);
  });

  it("says nothing of a member who neither voted nor delegated", () => {
    expect(resolve([gov("a"), gov("b")], { b: "support" }, [])).toEqual({
      effective: [{ memberId: "b", sector: "government", source: "direct", ballot: "support" }],
      unresolved: [],
    });
  });

  it("refuses two delegations of one member in one scope, and a member listed twice", () => {
    expect(() => delegationsInForce([room("a", "b"), room("a", "c")])).toThrow(DelegationInputError);
    expect(() => resolve([gov("a"), gov("a")], {}, [])).toThrow(DelegationInputError);
    expect(delegationsInForce([room("a", "b"), motion("a", "c"), room("d", "b")])).toEqual(
      new Map([
        ["a", "c"],
        ["d", "b"],
      ]),
    );
  });
});

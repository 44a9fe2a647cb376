// Vote delegation over the real server: a delegated vote counts like the delegator's own, in their sector;
// a direct vote overrides it; it can be taken back until the motion closes; a cycle counts as not voting;
// delegations stay within a sector unless the room allows otherwise; a secret ballot shows counts only;
// and refused input answers with its exact code and stores nothing. Live tallies (vote acks, motion:tally
// over a socket) and the stored decision agree.
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import type { MotionTallyEvent, Position, Sector } from "@mufakat/shared";
import { registeredClient } from "../utils/api.ts";
import { type Member, roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { serverForSuite } from "../utils/server.ts";
import { connect, request, socketsClosedAfterAll } from "../utils/socket.ts";

const server = serverForSuite({ motionSweepMs: 0 });
const sockets = socketsClosedAfterAll();

const zero = { support: 0, supportWithReservations: 0, standAside: 0, object: 0, block: 0 };

/** The room's members of one sector, in joining order (the coordinator is government's first). */
function of(members: Member[], sector: Sector): Member[] {
  return members.filter((member) => member.sector === sector);
}

async function openMotion(roomId: string, coordinator: Member, text = "Air mengalir Senin dan Kamis.") {
  const proposalId = await seedProposal(server, roomId, coordinator.id, text);
  const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId, durationMinutes: 30 });
  expect(opened.status).toBe(201);
  return opened.body.id as string;
}

async function vote(member: Member, motionId: string, position: Position) {
  const needsReason = position === "object" || position === "block" || position === "supportWithReservations";
  const answer = await member.client.post(`/api/motions/${motionId}/votes`, {
    position,
    clientVoteId: randomUUID(),
    ...(needsReason ? { reason: `alasan ${member.id.slice(-4)}` } : {}),
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

async function delegateInRoom(roomId: string, from: Member, to: Member) {
  return from.client.post(`/api/rooms/${roomId}/delegation`, { delegateId: to.id });
}

/** The caller's own view of their vote on a motion (getMyMotionDelegation). */
async function myVote(member: Member, motionId: string) {
  const answer = await member.client.get(`/api/motions/${motionId}/delegation`);
  expect(answer.status).toBe(200);
  return answer.body;
}

async function storedDelegations(roomId: string) {
  return server.connection
    .collection("delegations")
    .find({ roomId: new Types.ObjectId(roomId) })
    .toArray();
}

describe("a delegated vote", () => {
  it("counts like the delegator's own ballot, in their sector, until they vote themselves", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 2);
    const [g0, g1] = of(members, "government") as [Member, Member];
    const [p0] = of(members, "private") as [Member];
    const [c0] = of(members, "community") as [Member];

    const given = await delegateInRoom(roomId, g1, g0);
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({
      roomId,
      scope: "room",
      motionId: null,
      delegator: { id: g1.id, sector: "government" },
      delegate: { id: g0.id, sector: "government" },
    });
    const mine = await g1.client.get(`/api/rooms/${roomId}/delegations`);
    expect(mine.status).toBe(200);
    expect(mine.body.acrossSectors).toBe(false);
    expect(mine.body.given.map((d: { delegate: { id: string } }) => d.delegate.id)).toEqual([g0.id]);
    expect(mine.body.received).toEqual([]);
    const theirs = await g0.client.get(`/api/rooms/${roomId}/delegations`);
    expect(theirs.body.received.map((d: { delegator: { id: string } }) => d.delegator.id)).toEqual([g1.id]);

    const motionId = await openMotion(roomId, coordinator);
    // The vote's ack carries the live tally (the motion held in memory): g0's ballot counts for g1 too.
    const acked = await vote(g0, motionId, "support");
    expect(acked.tally.votersCount).toBe(2);
    expect(acked.tally.perSector.government).toMatchObject({
      voters: 2,
      counts: { ...zero, support: 2 },
      direct: { ...zero, support: 1 },
      delegated: { ...zero, support: 1 },
    });
    await vote(p0, motionId, "support");
    await vote(c0, motionId, "object");

    const viewed = await coordinator.client.get(`/api/motions/${motionId}`);
    expect(viewed.body.tally.votersCount).toBe(4);
    expect(viewed.body.tally.perSector.government.delegated).toEqual({ ...zero, support: 1 });
    expect(await myVote(g1, motionId)).toMatchObject({
      motionId,
      delegation: { scope: "room", delegate: { id: g0.id } },
      status: "delegated",
      unresolvedReason: null,
      castBy: { id: g0.id },
      carrying: 0,
    });
    expect(await myVote(g0, motionId)).toMatchObject({ delegation: null, status: "direct", castBy: null, carrying: 1 });
    const carried = viewed.body.ballots.find((b: { memberId: string }) => b.memberId === g1.id);
    expect(carried).toMatchObject({ memberId: g1.id, sector: "government", position: "support", delegate: g0.id });
    expect(carried.reason).toBeUndefined();

    // A direct vote overrides the delegation: g1 now counts as themselves.
    const own = await vote(g1, motionId, "object");
    expect(own.tally.perSector.government).toMatchObject({
      voters: 2,
      direct: { ...zero, support: 1, object: 1 },
      delegated: zero,
    });
    expect(await myVote(g1, motionId)).toMatchObject({ status: "direct", castBy: null });
    expect((await myVote(g0, motionId)).carrying).toBe(0);

    const closed = await coordinator.client.post(`/api/motions/${motionId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.tally.perSector.government).toMatchObject({
      direct: { ...zero, support: 1, object: 1 },
      delegated: zero,
    });
    const record = (await coordinator.client.get(`/api/rooms/${roomId}/decisions`)).body[0];
    expect(record.payload.tally.perSector.government.delegated).toEqual(zero);
    expect(record.payload.positions.filter((p: { delegate?: string }) => p.delegate)).toEqual([]);
    expect((await coordinator.client.get(`/api/rooms/${roomId}/decisions/verify`)).body.valid).toBe(true);
  });

  it("is recorded in the decision as the delegator's position, naming whose ballot it copies", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 2);
    const [g0, g1] = of(members, "government") as [Member, Member];
    expect((await delegateInRoom(roomId, g1, g0)).status).toBe(200);
    const motionId = await openMotion(roomId, coordinator);
    await vote(g0, motionId, "support");
    for (const sector of ["private", "community"] as const)
      await vote(of(members, sector)[0] as Member, motionId, "support");
    const closed = await coordinator.client.post(`/api/motions/${motionId}/close`);
    expect(closed.body.tally).toMatchObject({ votersCount: 4, outcome: "adopted" });
    const record = (await coordinator.client.get(`/api/rooms/${roomId}/decisions`)).body[0];
    const position = record.payload.positions.find((p: { memberId: string }) => p.memberId === g1.id);
    expect(position).toMatchObject({ memberId: g1.id, sector: "government", position: "support", delegate: g0.id });
    expect(record.payload.tally.perSector.government).toMatchObject({
      direct: { ...zero, support: 1 },
      delegated: { ...zero, support: 1 },
    });
    const stored = await server.connection.collection("motions").findOne({ _id: new Types.ObjectId(motionId) });
    expect(stored?.finalTally.perSector.government.delegated).toEqual({ ...zero, support: 1 });
  });

  it("for one motion replaces the room-wide delegation on that motion only", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 3);
    const [a0, a1, a2] = of(members, "academia") as [Member, Member, Member];
    expect((await delegateInRoom(roomId, a1, a0)).status).toBe(200);
    const first = await openMotion(roomId, coordinator, "Usulan pertama");
    const second = await openMotion(roomId, coordinator, "Usulan kedua");
    const scoped = await a1.client.post(`/api/motions/${first}/delegation`, { delegateId: a2.id });
    expect(scoped.status).toBe(200);
    expect(scoped.body).toMatchObject({ scope: "motion", motionId: first, delegate: { id: a2.id } });
    for (const motionId of [first, second]) {
      await vote(a0, motionId, "support");
      await vote(a2, motionId, "object");
    }
    const [one, two] = await Promise.all(
      [first, second].map(async (id) => (await coordinator.client.get(`/api/motions/${id}`)).body),
    );
    const a1On = (motion: { ballots: { memberId: string }[] }) => motion.ballots.find((b) => b.memberId === a1.id);
    expect(a1On(one)).toMatchObject({ position: "object", delegate: a2.id });
    expect(a1On(two)).toMatchObject({ position: "support", delegate: a0.id });
    expect(one.tally.perSector.academia.delegated).toEqual({ ...zero, object: 1 });
    expect(two.tally.perSector.academia.delegated).toEqual({ ...zero, support: 1 });
  });
});

describe("a motion whose every voice is in", () => {
  it("closes as allVoted once every eligible member has a ballot, direct or delegated", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 2);
    const [m0, m1] = of(members, "media") as [Member, Member];
    expect((await delegateInRoom(roomId, m1, m0)).status).toBe(200);
    const motionId = await openMotion(roomId, coordinator);
    const others = members.filter((member) => member.id !== m1.id && member.id !== m0.id);
    for (const member of others) await vote(member, motionId, "support");
    expect((await coordinator.client.get(`/api/motions/${motionId}`)).body.status).toBe("open");
    await vote(m0, motionId, "support");
    const closed = (await coordinator.client.get(`/api/motions/${motionId}`)).body;
    expect(closed).toMatchObject({ status: "closed", closeReason: "allVoted" });
    expect(closed.tally).toMatchObject({ votersCount: 10, outcome: "adopted" });
    expect(closed.tally.perSector.media.delegated).toEqual({ ...zero, support: 1 });
  });
});

describe("taking a delegation back", () => {
  it("stops counting it at once, room-wide or for one motion, and is refused once the motion closed", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 2);
    const [p0, p1] = of(members, "private") as [Member, Member];
    expect((await delegateInRoom(roomId, p1, p0)).status).toBe(200);
    const motionId = await openMotion(roomId, coordinator);
    expect((await vote(p0, motionId, "support")).tally.perSector.private.voters).toBe(2);

    const revoked = await p1.client.delete(`/api/rooms/${roomId}/delegation`);
    expect(revoked.status).toBe(204);
    const after = (await coordinator.client.get(`/api/motions/${motionId}`)).body;
    expect(after.tally.perSector.private).toMatchObject({ voters: 1, delegated: zero });
    const again = await p1.client.delete(`/api/rooms/${roomId}/delegation`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("DELEGATION_NOT_FOUND");

    // For this motion only, then taken back, then given again and counted by the close.
    expect((await p1.client.post(`/api/motions/${motionId}/delegation`, { delegateId: p0.id })).status).toBe(200);
    expect((await coordinator.client.get(`/api/motions/${motionId}`)).body.tally.perSector.private.voters).toBe(2);
    expect((await p1.client.delete(`/api/motions/${motionId}/delegation`)).status).toBe(204);
    expect((await coordinator.client.get(`/api/motions/${motionId}`)).body.tally.perSector.private.voters).toBe(1);
    expect((await p1.client.post(`/api/motions/${motionId}/delegation`, { delegateId: p0.id })).status).toBe(200);

    const closed = await coordinator.client.post(`/api/motions/${motionId}/close`);
    expect(closed.body.tally.perSector.private).toMatchObject({ voters: 2, delegated: { ...zero, support: 1 } });

    const late = await p1.client.delete(`/api/motions/${motionId}/delegation`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("MOTION_CLOSED");
    const lateGive = await p1.client.post(`/api/motions/${motionId}/delegation`, { delegateId: p0.id });
    expect(lateGive.status).toBe(409);
    expect(lateGive.body.error.code).toBe("MOTION_CLOSED");
    // Still stored, and the decision as closed.
    const stored = await storedDelegations(roomId);
    expect(stored.map((d) => [d.delegatorId.toHexString(), d.motionId?.toHexString()])).toEqual([[p1.id, motionId]]);
    // After the close, what the decision counted.
    expect(await myVote(p1, motionId)).toMatchObject({
      delegation: { scope: "motion", motionId },
      status: "delegated",
      castBy: { id: p0.id },
    });
    expect((await myVote(p0, motionId)).carrying).toBe(1);
    const final = (await coordinator.client.get(`/api/motions/${motionId}`)).body;
    expect(final.tally.perSector.private.delegated).toEqual({ ...zero, support: 1 });
  });
});

describe("a cycle of delegations", () => {
  it("counts its members as not voting until one of them votes directly", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 3);
    const [m0, m1, m2] = of(members, "media") as [Member, Member, Member];
    // m0 -> m1 -> m2 -> m0: each is stored (a cycle is not refused: the order of giving must not decide).
    for (const [from, to] of [
      [m0, m1],
      [m1, m2],
      [m2, m0],
    ] as const) {
      expect((await delegateInRoom(roomId, from, to)).status).toBe(200);
    }
    const motionId = await openMotion(roomId, coordinator);
    const acked = await vote(coordinator, motionId, "support");
    expect(acked.tally.perSector.media).toMatchObject({ voters: 0, counts: zero });
    expect(acked.tally.votersCount).toBe(1);
    expect(await myVote(m0, motionId)).toMatchObject({ status: "notCounted", unresolvedReason: "cycle" });

    const broken = await vote(m2, motionId, "standAside");
    expect(broken.tally.perSector.media).toMatchObject({
      voters: 3,
      direct: { ...zero, standAside: 1 },
      delegated: { ...zero, standAside: 2 },
    });
    const viewed = (await coordinator.client.get(`/api/motions/${motionId}`)).body;
    const carriedBy = Object.fromEntries(
      viewed.ballots
        .filter((b: { sector: string }) => b.sector === "media")
        .map((b: { memberId: string; delegate?: string }) => [b.memberId, b.delegate ?? null]),
    );
    // m1 reaches m2 directly, m0 through m1: both are carried by m2's ballot.
    expect(carriedBy).toEqual({ [m0.id]: m2.id, [m1.id]: m2.id, [m2.id]: null });
    expect(await myVote(m0, motionId)).toMatchObject({ status: "delegated", castBy: { id: m2.id } });
    expect((await myVote(m2, motionId)).carrying).toBe(2);
  });
});

describe("delegation across sectors", () => {
  it("is refused by default, allowed once a coordinator allows it (audited), and counts in the delegator's sector", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 2);
    const [, g1] = of(members, "government") as [Member, Member];
    const [p0] = of(members, "private") as [Member];

    const refused = await delegateInRoom(roomId, g1, p0);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("DELEGATION_ACROSS_SECTORS");
    expect(await storedDelegations(roomId)).toEqual([]);

    const notTheirs = await g1.client.patch(`/api/rooms/${roomId}/decision-settings`, {
      delegationAcrossSectors: true,
    });
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.body.error.code).toBe("NOT_A_COORDINATOR");
    const settings = await coordinator.client.patch(`/api/rooms/${roomId}/decision-settings`, {
      delegationAcrossSectors: true,
    });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ delegationAcrossSectors: true, secretBallots: false });
    expect((await g1.client.get(`/api/rooms/${roomId}/decision-settings`)).body.delegationAcrossSectors).toBe(true);
    const audit = await coordinator.client.get(`/api/rooms/${roomId}/audit`);
    const change = audit.body.find((entry: { action: string }) => entry.action === "settings.changed");
    expect(change).toMatchObject({
      before: { delegationAcrossSectors: false },
      after: { delegationAcrossSectors: true },
    });

    const allowed = await delegateInRoom(roomId, g1, p0);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ delegator: { sector: "government" }, delegate: { sector: "private" } });
    const motionId = await openMotion(roomId, coordinator);
    const acked = await vote(p0, motionId, "support");
    expect(acked.tally.perSector.government).toMatchObject({ voters: 1, delegated: { ...zero, support: 1 } });
    expect(acked.tally.perSector.private).toMatchObject({
      voters: 1,
      direct: { ...zero, support: 1 },
      delegated: zero,
    });

    // The motion keeps the setting it opened with: turning it off later does not change what it counts.
    await coordinator.client.patch(`/api/rooms/${roomId}/decision-settings`, { delegationAcrossSectors: false });
    const viewed = (await coordinator.client.get(`/api/motions/${motionId}`)).body;
    expect(viewed.tally.perSector.government.delegated).toEqual({ ...zero, support: 1 });
    // A motion opened after it does not count the cross-sector delegation.
    const later = await openMotion(roomId, coordinator, "Usulan berikutnya");
    expect((await vote(p0, later, "support")).tally.perSector.government.voters).toBe(0);
    expect(await myVote(g1, later)).toMatchObject({ status: "notCounted", unresolvedReason: "acrossSectors" });
  });
});

describe("a secret ballot", () => {
  it("counts delegations but shows only counts: no ballots, no delegate, no position for the delegator", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 2);
    expect(
      (await coordinator.client.patch(`/api/rooms/${roomId}/decision-settings`, { secretBallots: true })).status,
    ).toBe(200);
    const [c0, c1] = of(members, "community") as [Member, Member];
    expect((await delegateInRoom(roomId, c1, c0)).status).toBe(200);
    const motionId = await openMotion(roomId, coordinator);
    await vote(c0, motionId, "block");
    await vote(coordinator, motionId, "support");
    await vote(of(members, "private")[0] as Member, motionId, "support");

    const seen = (await c1.client.get(`/api/motions/${motionId}`)).body;
    expect(seen).toMatchObject({ secretBallot: true, ballots: [], myPosition: null });
    expect(seen.tally.perSector.community).toMatchObject({
      voters: 2,
      direct: { ...zero, block: 1 },
      delegated: { ...zero, block: 1 },
    });
    // The delegator learns that a delegate's ballot counts for them, not whose or which.
    const mineSeen = await myVote(c1, motionId);
    expect(mineSeen).toMatchObject({ status: "delegated", castBy: null, carrying: 0 });
    expect((await myVote(c0, motionId)).carrying).toBe(1);
    const closed = await coordinator.client.post(`/api/motions/${motionId}/close`);
    expect(closed.body.tally.outcome).toBe("blocked");
    expect(await myVote(c1, motionId)).toMatchObject({ status: "delegated", castBy: null });
    const record = (await coordinator.client.get(`/api/rooms/${roomId}/decisions`)).body[0];
    // The delegate's reason is recorded once, detached; the delegated ballot adds none.
    expect(record.payload.positions).toEqual([{ position: "block", reason: `alasan ${c0.id.slice(-4)}` }]);
    expect(record.payload.tally.perSector.community.delegated).toEqual({ ...zero, block: 1 });
    // Who opened the motion is on record; who voted how, and for whom, is not.
    const published = JSON.stringify({
      tally: seen.tally,
      ballots: seen.ballots,
      record: record.payload.tally,
      positions: record.payload.positions,
    });
    for (const member of members) expect(published).not.toContain(member.id);
    expect(published).not.toContain('delegate"');
  });
});

describe("a delegation refused", () => {
  it("answers each bad input with its exact status and code, and stores nothing", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 2);
    const [, g1] = of(members, "government") as [Member, Member];
    const motionId = await openMotion(roomId, coordinator);
    const observer = await registeredClient(server.url, "government");
    const invite = await coordinator.client.post(`/api/rooms/${roomId}/invites`, { role: "observer" });
    expect((await observer.client.post("/api/invites/accept", { token: invite.body.token })).status).toBe(201);
    const outsider = await registeredClient(server.url, "government");
    // Joined after the motion opened: a member of the room, not entitled to vote on that motion.
    const latecomer = await registeredClient(server.url, "government");
    expect((await latecomer.client.post(`/api/rooms/${roomId}/join`)).status).toBe(201);
    const unknownId = new Types.ObjectId().toHexString();

    const cases: Array<[string, Promise<{ status: number; body: any }>, number, string]> = [
      ["no body", g1.client.post(`/api/rooms/${roomId}/delegation`, {}), 400, "VALIDATION_FAILED"],
      ["not an id", g1.client.post(`/api/rooms/${roomId}/delegation`, { delegateId: "x" }), 400, "VALIDATION_FAILED"],
      [
        "an extra field",
        g1.client.post(`/api/rooms/${roomId}/delegation`, { delegateId: coordinator.id, scope: "all" }),
        400,
        "VALIDATION_FAILED",
      ],
      [
        "to oneself",
        g1.client.post(`/api/rooms/${roomId}/delegation`, { delegateId: g1.id }),
        400,
        "DELEGATION_TO_SELF",
      ],
      [
        "to oneself on a motion",
        g1.client.post(`/api/motions/${motionId}/delegation`, { delegateId: g1.id }),
        400,
        "DELEGATION_TO_SELF",
      ],
      [
        "to a non-member",
        g1.client.post(`/api/rooms/${roomId}/delegation`, { delegateId: outsider.session.user.id }),
        404,
        "MEMBER_NOT_FOUND",
      ],
      [
        "to an unknown user",
        g1.client.post(`/api/rooms/${roomId}/delegation`, { delegateId: unknownId }),
        404,
        "MEMBER_NOT_FOUND",
      ],
      [
        "to an observer",
        g1.client.post(`/api/rooms/${roomId}/delegation`, { delegateId: observer.session.user.id }),
        409,
        "DELEGATE_CANNOT_VOTE",
      ],
      [
        "to a member not entitled to vote on the motion",
        g1.client.post(`/api/motions/${motionId}/delegation`, { delegateId: latecomer.session.user.id }),
        409,
        "DELEGATE_CANNOT_VOTE",
      ],
      [
        "by a member not entitled to vote on the motion",
        latecomer.client.post(`/api/motions/${motionId}/delegation`, { delegateId: g1.id }),
        403,
        "NOT_ELIGIBLE",
      ],
      [
        "by an observer",
        observer.client.post(`/api/rooms/${roomId}/delegation`, { delegateId: g1.id }),
        403,
        "READ_ONLY_ROLE",
      ],
      [
        "by an outsider",
        outsider.client.post(`/api/rooms/${roomId}/delegation`, { delegateId: g1.id }),
        403,
        "NOT_A_MEMBER",
      ],
      [
        "in an unknown room",
        g1.client.post(`/api/rooms/${unknownId}/delegation`, { delegateId: coordinator.id }),
        404,
        "ROOM_NOT_FOUND",
      ],
      [
        "on an unknown motion",
        g1.client.post(`/api/motions/${unknownId}/delegation`, { delegateId: coordinator.id }),
        404,
        "MOTION_NOT_FOUND",
      ],
      ["taking back none", g1.client.delete(`/api/rooms/${roomId}/delegation`), 404, "DELEGATION_NOT_FOUND"],
      [
        "taking back none on a motion",
        g1.client.delete(`/api/motions/${motionId}/delegation`),
        404,
        "DELEGATION_NOT_FOUND",
      ],
      ["listing by an outsider", outsider.client.get(`/api/rooms/${roomId}/delegations`), 403, "NOT_A_MEMBER"],
      [
        "a motion's view by an outsider",
        outsider.client.get(`/api/motions/${motionId}/delegation`),
        403,
        "NOT_A_MEMBER",
      ],
      ["an unknown motion's view", g1.client.get(`/api/motions/${unknownId}/delegation`), 404, "MOTION_NOT_FOUND"],
    ];
    for (const [label, sent, status, code] of cases) {
      const answer = await sent;
      expect([label, answer.status, answer.body?.error?.code]).toEqual([label, status, code]);
    }
    expect(await storedDelegations(roomId)).toEqual([]);
    const settings = await coordinator.client.patch(`/api/rooms/${roomId}/decision-settings`, {
      delegationAcrossSectors: "yes",
    });
    expect(settings.status).toBe(400);
    expect(settings.body.error.code).toBe("VALIDATION_FAILED");
    expect((await coordinator.client.get(`/api/rooms/${roomId}/decision-settings`)).body.delegationAcrossSectors).toBe(
      false,
    );
  });
});

describe("delegation over sockets", () => {
  it("retallies the open motion live when a delegation is given or taken back, and a socket vote carries it", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 2);
    const [a0, a1] = of(members, "academia") as [Member, Member];
    const watcher = await connect(server, coordinator.accessToken);
    const voter = await connect(server, a0.accessToken);
    sockets.push(watcher, voter);
    for (const socket of [watcher, voter]) expect((await request(socket, "room:join", { roomId })).ok).toBe(true);
    const tallies: MotionTallyEvent[] = [];
    watcher.on("motion:tally", (event) => tallies.push(event));

    const motionId = await openMotion(roomId, coordinator);
    const ack = await request(voter, "motion:vote", { motionId, position: "support", clientVoteId: randomUUID() });
    expect(ack.ok && ack.data.tally.perSector.academia.voters).toBe(1);

    // No new vote: the delegation alone changes the live tally.
    expect((await a1.client.post(`/api/motions/${motionId}/delegation`, { delegateId: a0.id })).status).toBe(200);
    await eventually(() =>
      expect(tallies.at(-1)?.tally.perSector.academia).toMatchObject({
        voters: 2,
        direct: { ...zero, support: 1 },
        delegated: { ...zero, support: 1 },
      }),
    );
    expect((await a1.client.delete(`/api/motions/${motionId}/delegation`)).status).toBe(204);
    await eventually(() =>
      expect(tallies.at(-1)?.tally.perSector.academia).toMatchObject({ voters: 1, delegated: zero }),
    );
  });
});

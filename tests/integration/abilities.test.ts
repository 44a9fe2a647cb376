// The abilities each response presents to its caller (as Outline presents policies): a room's, the
// room:join acknowledgement's, a motion's, a commitment's and a pledge's differ exactly by role, by
// ownership and by the room's settings, and say what the server then allows or refuses.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decide } from "../utils/accountability.ts";
import { registeredClient } from "../utils/api.ts";
import { testClock } from "../utils/clock.ts";
import { type Member as DecidingMember, seedProposal } from "../utils/deliberation.ts";
import { serverForSuite } from "../utils/server.ts";
import { connect, okData, request, roomWithMembers } from "../utils/socket.ts";

const clock = testClock(Date.parse("2026-03-02T01:00:00.000Z"));
const server = serverForSuite({ now: clock.now, motionSweepMs: 0 });

const coordinatorAbilities = {
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
const participantAbilities = {
  ...coordinatorAbilities,
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
const observerAbilities = { ...participantAbilities, post: false, createCommitment: false, createPledge: false };
const strangerAbilities = { ...observerAbilities, view: false };

async function room() {
  const made = await roomWithMembers(server, [
    { sector: "government", role: "coordinator" },
    { sector: "community", role: "participant" },
    { sector: "private", role: "participant" },
    { sector: "academia", role: "observer" },
  ]);
  const [coordinator, community, privateSector, observer] = made.members;
  if (!coordinator || !community || !privateSector || !observer) throw new Error("four members");
  return { roomId: made.roomId, coordinator, community, privateSector, observer };
}

describe("room abilities", () => {
  it("differ by role in the room detail, the room list and the room:join acknowledgement", async () => {
    const { roomId, coordinator, community, observer } = await room();
    for (const [member, abilities] of [
      [coordinator, coordinatorAbilities],
      [community, participantAbilities],
      [observer, observerAbilities],
    ] as const) {
      const detail = await member.api.get(`/api/rooms/${roomId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.abilities).toEqual(abilities);
      const mine = await member.api.get("/api/rooms/mine");
      expect(mine.body.find((r: { id: string }) => r.id === roomId).abilities).toEqual(abilities);
      const socket = await connect(server, member.token);
      try {
        expect(okData(await request(socket, "room:join", { roomId })).abilities).toEqual(abilities);
      } finally {
        socket.disconnect();
      }
    }
  });

  it("follow the room's settings: participants open motions where the room lets them", async () => {
    const { roomId, coordinator, community, observer } = await room();
    const changed = await coordinator.api.patch(`/api/rooms/${roomId}/decision-settings`, {
      participantsMayOpenMotions: true,
    });
    expect(changed.status).toBe(200);
    expect((await community.api.get(`/api/rooms/${roomId}`)).body.abilities).toEqual({
      ...participantAbilities,
      openMotion: true,
    });
    expect((await observer.api.get(`/api/rooms/${roomId}`)).body.abilities).toEqual(observerAbilities);
  });

  it("offer a non-member to join an open room only, and nothing else", async () => {
    const { roomId, coordinator } = await room();
    const stranger = await registeredClient(server.url, "community");
    const invite = await coordinator.api.post(`/api/rooms/${roomId}/invites`, { role: "participant" });
    const preview = await stranger.client.get(`/api/invites/${encodeURIComponent(invite.body.token)}`);
    expect(preview.status).toBe(200);
    expect(preview.body.room.abilities).toEqual(strangerAbilities);

    const open = await coordinator.api.post("/api/rooms", { title: "Ruang terbuka", visibility: "open" });
    expect(open.body.abilities).toEqual(coordinatorAbilities);
    const directory = await stranger.client.get("/api/rooms/open");
    const listed = directory.body.find((r: { id: string }) => r.id === open.body.id);
    expect(listed.abilities).toEqual({ ...strangerAbilities, join: true });
    const joined = await stranger.client.post(`/api/rooms/${open.body.id}/join`);
    expect(joined.status).toBe(201);
    expect(joined.body.room.abilities).toEqual(participantAbilities);
  });
});

describe("motion abilities", () => {
  it("let eligible writers vote and coordinators close, and nobody once the motion closed", async () => {
    const { roomId, coordinator, community, privateSector, observer } = await room();
    const proposalId = await seedProposal(server, roomId, coordinator.userId, "Isi usulan");
    const opened = await coordinator.api.post(`/api/rooms/${roomId}/motions`, { proposalId, durationMinutes: 60 });
    expect(opened.status).toBe(201);
    expect(opened.body.abilities).toEqual({ vote: true, closeMotion: true });
    const motionId: string = opened.body.id;

    // Joined after the motion opened: a participant, but not eligible on this motion.
    const invite = await coordinator.api.post(`/api/rooms/${roomId}/invites`, { role: "participant" });
    const late = await registeredClient(server.url, "media");
    expect((await late.client.post("/api/invites/accept", { token: invite.body.token })).status).toBe(201);

    const abilitiesOf = async (client: { get(path: string): Promise<{ body: { abilities: unknown } }> }) =>
      (await client.get(`/api/motions/${motionId}`)).body.abilities;
    expect(await abilitiesOf(coordinator.api)).toEqual({ vote: true, closeMotion: true });
    expect(await abilitiesOf(community.api)).toEqual({ vote: true, closeMotion: false });
    expect(await abilitiesOf(observer.api)).toEqual({ vote: false, closeMotion: false });
    expect(await abilitiesOf(late.client)).toEqual({ vote: false, closeMotion: false });
    const listed = await privateSector.api.get(`/api/rooms/${roomId}/motions`);
    expect(listed.body[0].abilities).toEqual({ vote: true, closeMotion: false });

    // What the abilities say is what the server does.
    const vote = { position: "support", clientVoteId: randomUUID() };
    expect((await late.client.post(`/api/motions/${motionId}/votes`, vote)).body.error.code).toBe("NOT_ELIGIBLE");
    expect((await observer.api.post(`/api/motions/${motionId}/votes`, vote)).body.error.code).toBe("READ_ONLY_ROLE");
    expect((await community.api.post(`/api/motions/${motionId}/close`)).body.error.code).toBe("NOT_A_COORDINATOR");
    expect((await community.api.post(`/api/motions/${motionId}/votes`, vote)).status).toBe(200);

    expect((await coordinator.api.post(`/api/motions/${motionId}/close`)).status).toBe(200);
    expect(await abilitiesOf(coordinator.api)).toEqual({ vote: false, closeMotion: false });
    expect(await abilitiesOf(community.api)).toEqual({ vote: false, closeMotion: false });
  });
});

describe("commitment and pledge abilities", () => {
  it("let the owner, the author and coordinators change one; other participants, observers none", async () => {
    const { roomId, coordinator, community, privateSector, observer } = await room();
    const deciding = (m: typeof coordinator): DecidingMember => ({
      client: m.api,
      id: m.userId,
      sector: m.sector,
      accessToken: m.token,
    });
    const decision = await decide(
      server,
      { roomId, coordinator: deciding(coordinator), members: [coordinator, community, privateSector].map(deciding) },
      { title: "Jadwal distribusi air" },
    );
    expect(decision.outcome).toBe("adopted");

    const created = await community.api.post(`/api/rooms/${roomId}/commitments`, {
      decisionSeq: decision.seq,
      what: "Mendata rumah tangga",
      ownerUserId: community.userId,
      dueDate: new Date(clock.now().getTime() + 86_400_000).toISOString(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const yes = { updateStatus: true, edit: true };
    const no = { updateStatus: false, edit: false };
    expect(created.body.abilities).toEqual(yes);
    const commitmentsOf = async (member: typeof coordinator) =>
      (await member.api.get(`/api/rooms/${roomId}/commitments`)).body.map((c: { abilities: unknown }) => c.abilities);
    expect(await commitmentsOf(coordinator)).toEqual([yes]);
    expect(await commitmentsOf(community)).toEqual([yes]);
    expect(await commitmentsOf(privateSector)).toEqual([no]);
    expect(await commitmentsOf(observer)).toEqual([no]);
    const updated = await coordinator.api.patch(`/api/commitments/${created.body.id}`, { status: "inProgress" });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.abilities).toEqual(yes);
    const refused = await privateSector.api.patch(`/api/commitments/${created.body.id}`, { status: "done" });
    expect(refused.body.error.code).toBe("NOT_YOUR_COMMITMENT");

    const pledged = await privateSector.api.post(`/api/rooms/${roomId}/pledges`, {
      kind: "funds",
      quantity: 100,
      unit: "IDR",
    });
    expect(pledged.status, JSON.stringify(pledged.body)).toBe(201);
    expect(pledged.body.abilities).toEqual({ updateStatus: true });
    const pledgesOf = async (member: typeof coordinator) =>
      (await member.api.get(`/api/rooms/${roomId}/resources`)).body.pledges.map(
        (p: { abilities: unknown }) => p.abilities,
      );
    expect(await pledgesOf(coordinator)).toEqual([{ updateStatus: true }]);
    expect(await pledgesOf(privateSector)).toEqual([{ updateStatus: true }]);
    expect(await pledgesOf(community)).toEqual([{ updateStatus: false }]);
    expect(await pledgesOf(observer)).toEqual([{ updateStatus: false }]);
    const withdrawn = await coordinator.api.patch(`/api/pledges/${pledged.body.id}`, { status: "withdrawn" });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.abilities).toEqual({ updateStatus: true });
    expect(
      (await community.api.patch(`/api/pledges/${pledged.body.id}`, { status: "delivered" })).body.error.code,
    ).toBe("NOT_YOUR_PLEDGE");
  });
});

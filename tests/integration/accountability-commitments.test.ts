// Commitments on adopted decisions: creation, updates and dated progress notes, the overdue flag computed
// with the injected clock (exact before, at and after the due instant; done and dropped are never
// overdue), the audit trail, refusals of not-adopted decisions, and who may change what.
import type { AuditAction, Sector } from "@mufakat/shared";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { registeredClient } from "../utils/api.ts";
import { advanceClock, decide } from "../utils/accountability.ts";
import { testClock } from "../utils/clock.ts";
import { type Member, roomOfSectors } from "../utils/deliberation.ts";
import { serverForSuite } from "../utils/server.ts";

const clock = testClock(Date.parse("2026-03-02T01:00:00.000Z"));
const server = serverForSuite({ now: clock.now, motionSweepMs: 0 });

const minute = 60_000;

function member(room: { members: Member[] }, sector: Sector): Member {
  const found = room.members.find((m) => m.sector === sector);
  if (!found) throw new Error(`no ${sector} member`);
  return found;
}

async function auditOf(roomId: string, action: AuditAction) {
  return server.app.ctx.models.AuditEntry.find({ roomId: new Types.ObjectId(roomId), action })
    .sort({ at: 1 })
    .lean();
}

describe("commitments on an adopted decision", () => {
  it("records a commitment, flags it overdue exactly after its due instant, and audits every status change", async () => {
    const room = await roomOfSectors(server, 1);
    const coordinator = room.coordinator;
    const community = member(room, "community");
    const decision = await decide(server, room, { title: "Jadwal distribusi air" });
    expect(decision).toMatchObject({ seq: 1, outcome: "adopted" });

    const due = new Date(clock.now().getTime() + 10 * minute);
    const created = await community.client.post(`/api/rooms/${room.roomId}/commitments`, {
      decisionSeq: 1,
      what: "Mendata 40 rumah tangga tanpa sambungan air",
      ownerUserId: community.id,
      ownerOrganisation: "Forum Warga Tamalate",
      dueDate: due.toISOString(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      roomId: room.roomId,
      decisionSeq: 1,
      decisionTitle: "Jadwal distribusi air",
      what: "Mendata 40 rumah tangga tanpa sambungan air",
      owner: { id: community.id, sector: "community" },
      ownerOrganisation: "Forum Warga Tamalate",
      sector: "community",
      dueDate: due.toISOString(),
      status: "planned",
      percentComplete: 0,
      overdue: false,
      progress: [],
      createdBy: { id: community.id },
    });
    const id: string = created.body.id;

    // Progress: a dated note that also sets the percent complete.
    clock.advance(2 * minute);
    const noted = await community.client.post(`/api/commitments/${id}/progress`, {
      note: "25 rumah tangga terdata",
      percentComplete: 60,
    });
    expect(noted.status).toBe(201);
    expect(noted.body.percentComplete).toBe(60);
    expect(noted.body.progress).toEqual([
      {
        note: "25 rumah tangga terdata",
        percentComplete: 60,
        at: new Date(due.getTime() - 8 * minute).toISOString(),
        author: expect.objectContaining({ id: community.id }),
      },
    ]);
    const started = await community.client.patch(`/api/commitments/${id}`, { status: "inProgress" });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: "inProgress", overdue: false });

    // Exactly at the due instant it is not overdue yet; one millisecond later it is.
    clock.advance(8 * minute);
    expect(clock.now().getTime()).toBe(due.getTime());
    let listed = await coordinator.client.get(`/api/rooms/${room.roomId}/commitments`);
    expect(listed.body.map((c: { id: string; overdue: boolean }) => [c.id, c.overdue])).toEqual([[id, false]]);
    clock.advance(1);
    listed = await coordinator.client.get(`/api/rooms/${room.roomId}/commitments`);
    expect(listed.body.map((c: { id: string; overdue: boolean }) => [c.id, c.overdue])).toEqual([[id, true]]);
    expect((await coordinator.client.get(`/api/rooms/${room.roomId}/commitments?overdue=true`)).body).toHaveLength(1);
    expect((await coordinator.client.get(`/api/rooms/${room.roomId}/commitments?overdue=false`)).body).toHaveLength(0);

    // Done is never overdue, though the due instant has passed; reopened it is overdue again; dropped is not.
    const done = await coordinator.client.patch(`/api/commitments/${id}`, { status: "done", percentComplete: 100 });
    expect(done.body).toMatchObject({ status: "done", percentComplete: 100, overdue: false });
    expect((await coordinator.client.get(`/api/rooms/${room.roomId}/commitments?overdue=true`)).body).toEqual([]);
    const reopened = await coordinator.client.patch(`/api/commitments/${id}`, { status: "inProgress" });
    expect(reopened.body.overdue).toBe(true);
    const dropped = await coordinator.client.patch(`/api/commitments/${id}`, { status: "dropped" });
    expect(dropped.body.overdue).toBe(false);
    // A change that is not a status change is not a status entry in the audit trail.
    expect((await coordinator.client.patch(`/api/commitments/${id}`, { what: "Mendata 45 rumah tangga" })).status).toBe(
      200,
    );

    const stored = await server.app.ctx.models.Commitment.findById(id).lean();
    expect(stored).toMatchObject({ status: "dropped", percentComplete: 100, what: "Mendata 45 rumah tangga" });
    expect(stored?.progress).toHaveLength(1);

    const createdAudit = await auditOf(room.roomId, "commitment.created");
    expect(createdAudit).toHaveLength(1);
    expect(createdAudit[0]).toMatchObject({ target: id, after: { decisionSeq: 1, status: "planned" } });
    expect(createdAudit[0]!.actorId.toHexString()).toBe(community.id);
    const statusAudit = await auditOf(room.roomId, "commitment.statusChanged");
    expect(statusAudit.map((e) => [e.actorId.toHexString(), e.before.status, e.after.status])).toEqual([
      [community.id, "planned", "inProgress"],
      [coordinator.id, "inProgress", "done"],
      [coordinator.id, "done", "inProgress"],
      [coordinator.id, "inProgress", "dropped"],
    ]);
    // The trail readable by members shows them too.
    const trail = await community.client.get(`/api/rooms/${room.roomId}/audit`);
    expect(trail.status).toBe(200);
    expect(trail.body.filter((e: { action: string }) => e.action.startsWith("commitment.")).length).toBe(5);
  });

  it("refuses a decision that was not adopted (409 DECISION_NOT_ADOPTED) or does not exist, storing nothing", async () => {
    const room = await roomOfSectors(server, 1);
    const notAdopted = await decide(server, room, { title: "Tarif baru", position: "object" });
    expect(notAdopted.outcome).toBe("notAdopted");
    const blocked = await decide(server, room, { title: "Tutup sumur", position: "block" });
    expect(blocked.outcome).toBe("blocked");
    const input = (decisionSeq: number) => ({
      decisionSeq,
      what: "Sosialisasi",
      ownerOrganisation: "Dinas PU",
      dueDate: "2026-04-01T17:00:00+07:00",
    });
    for (const seq of [notAdopted.seq, blocked.seq]) {
      const refused = await room.coordinator.client.post(`/api/rooms/${room.roomId}/commitments`, input(seq));
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("DECISION_NOT_ADOPTED");
      expect(refused.body.error.details).toMatchObject({ seq });
    }
    const missing = await room.coordinator.client.post(`/api/rooms/${room.roomId}/commitments`, input(9));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("DECISION_NOT_FOUND");
    const noOwner = await room.coordinator.client.post(`/api/rooms/${room.roomId}/commitments`, {
      ...input(1),
      ownerOrganisation: null,
    });
    expect(noOwner.status).toBe(400);
    expect(noOwner.body.error.details).toEqual([
      {
        path: "ownerUserId",
        message: "name an owner: a member, an organisation or both",
        code: "custom",
        rule: "ownerRequired",
      },
    ]);
    expect(await server.app.ctx.models.Commitment.countDocuments({ roomId: new Types.ObjectId(room.roomId) })).toBe(0);
  });
});

describe("who may write commitments", () => {
  it("lets participants write their own, coordinators change any, observers and outsiders only be refused", async () => {
    const room = await roomOfSectors(server, 1);
    const [coordinator, privateMember, community] = [
      room.coordinator,
      member(room, "private"),
      member(room, "community"),
    ];
    await decide(server, room, { title: "Kios air" });
    const observer = await registeredClient(server.url, "media");
    const invite = await coordinator.client.post(`/api/rooms/${room.roomId}/invites`, { role: "observer" });
    expect((await observer.client.post("/api/invites/accept", { token: invite.body.token })).status).toBe(201);
    const outsider = await registeredClient(server.url, "academia");
    const dueDate = new Date(clock.now().getTime() + 24 * 60 * minute).toISOString();

    // A participant cannot name another member as owner; a coordinator can.
    const forOther = await privateMember.client.post(`/api/rooms/${room.roomId}/commitments`, {
      decisionSeq: 1,
      what: "Membangun kios",
      ownerUserId: community.id,
      dueDate,
    });
    expect(forOther.status).toBe(403);
    expect(forOther.body.error.code).toBe("NOT_A_COORDINATOR");
    const assigned = await coordinator.client.post(`/api/rooms/${room.roomId}/commitments`, {
      decisionSeq: 1,
      what: "Menjaga kios",
      ownerUserId: community.id,
      dueDate,
    });
    expect(assigned.status).toBe(201);
    expect(assigned.body).toMatchObject({ sector: "community", owner: { id: community.id } });
    const own = await privateMember.client.post(`/api/rooms/${room.roomId}/commitments`, {
      decisionSeq: 1,
      what: "Membangun kios",
      ownerOrganisation: "PT Tirta",
      dueDate,
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ sector: "private", owner: null, ownerOrganisation: "PT Tirta" });

    // The owner may update the commitment a coordinator assigned; a third member may not touch it.
    expect((await community.client.patch(`/api/commitments/${assigned.body.id}`, { percentComplete: 10 })).status).toBe(
      200,
    );
    const notYours = await privateMember.client.patch(`/api/commitments/${assigned.body.id}`, { status: "done" });
    expect(notYours.status).toBe(403);
    expect(notYours.body.error.code).toBe("NOT_YOUR_COMMITMENT");
    const notYourNote = await community.client.post(`/api/commitments/${own.body.id}/progress`, { note: "?" });
    expect(notYourNote.body.error.code).toBe("NOT_YOUR_COMMITMENT");
    expect((await coordinator.client.patch(`/api/commitments/${own.body.id}`, { status: "inProgress" })).status).toBe(
      200,
    );

    // Observers read but do not write; outsiders do neither.
    expect((await observer.client.get(`/api/rooms/${room.roomId}/commitments`)).body).toHaveLength(2);
    const observerWrite = await observer.client.patch(`/api/commitments/${own.body.id}`, { status: "done" });
    expect(observerWrite.status).toBe(403);
    expect(observerWrite.body.error.code).toBe("READ_ONLY_ROLE");
    const outsiderRead = await outsider.client.get(`/api/rooms/${room.roomId}/commitments`);
    expect(outsiderRead.status).toBe(403);
    expect(outsiderRead.body.error.code).toBe("NOT_A_MEMBER");
    const outsiderWrite = await outsider.client.patch(`/api/commitments/${own.body.id}`, { status: "done" });
    expect(outsiderWrite.body.error.code).toBe("NOT_A_MEMBER");
    const unknown = await coordinator.client.patch(`/api/commitments/${new Types.ObjectId().toHexString()}`, {
      status: "done",
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("COMMITMENT_NOT_FOUND");

    const stored = await server.app.ctx.models.Commitment.find({ roomId: new Types.ObjectId(room.roomId) })
      .sort({ _id: 1 })
      .lean();
    expect(stored.map((c) => [c.what, c.status, c.percentComplete])).toEqual([
      ["Menjaga kios", "planned", 10],
      ["Membangun kios", "inProgress", 0],
    ]);
  });

  it("keeps overdue flags right after a day passes (tokens refreshed), for each status", async () => {
    const room = await roomOfSectors(server, 1);
    await decide(server, room, { title: "Pipa induk" });
    const due = new Date(clock.now().getTime() + 60 * minute).toISOString();
    const ids: Record<string, string> = {};
    for (const status of ["planned", "inProgress", "done", "dropped"] as const) {
      const created = await room.coordinator.client.post(`/api/rooms/${room.roomId}/commitments`, {
        decisionSeq: 1,
        what: `Tugas ${status}`,
        ownerOrganisation: "Dinas PU",
        dueDate: due,
        status,
      });
      expect(created.body.overdue).toBe(false);
      ids[status] = created.body.id;
    }
    await advanceClock(clock, 24 * 60 * minute, [room.coordinator.client]);
    const listed = await room.coordinator.client.get(`/api/rooms/${room.roomId}/commitments`);
    expect(
      Object.fromEntries(listed.body.map((c: { status: string; overdue: boolean }) => [c.status, c.overdue])),
    ).toEqual({ planned: true, inProgress: true, done: false, dropped: false });
    const onlyPlanned = await room.coordinator.client.get(`/api/rooms/${room.roomId}/commitments?status=planned`);
    expect(onlyPlanned.body.map((c: { id: string }) => c.id)).toEqual([ids.planned]);
  });
});

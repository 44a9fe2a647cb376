// Collective leadership: promotion by one coordinator; demotion or removal of a coordinator only with a
// second coordinator's confirmation; every step in the audit trail.
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { type ApiClient, registeredClient } from "../utils/api.ts";
import { serverForSuite } from "../utils/server.ts";

const server = serverForSuite();

interface Member {
  client: ApiClient;
  id: string;
}

async function roomWithMembers(): Promise<{ roomId: string; first: Member; second: Member; third: Member }> {
  const first = await registeredClient(server.url, "government");
  const room = await first.client.post("/api/rooms", { title: "Collective leadership", visibility: "open" });
  const second = await registeredClient(server.url, "private");
  const third = await registeredClient(server.url, "community");
  await second.client.post(`/api/rooms/${room.body.id}/join`);
  await third.client.post(`/api/rooms/${room.body.id}/join`);
  return {
    roomId: room.body.id,
    first: { client: first.client, id: first.session.user.id },
    second: { client: second.client, id: second.session.user.id },
    third: { client: third.client, id: third.session.user.id },
  };
}

async function roleOf(client: ApiClient, roomId: string, userId: string): Promise<string | undefined> {
  const detail = await client.get(`/api/rooms/${roomId}`);
  return detail.body.members.find((m: { user: { id: string } }) => m.user.id === userId)?.role;
}

describe("role changes", () => {
  it("lets one coordinator promote a participant at once, audited", async () => {
    const { roomId, first, second } = await roomWithMembers();
    const promoted = await first.client.patch(`/api/rooms/${roomId}/members/${second.id}/role`, {
      role: "coordinator",
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ state: "applied", member: { role: "coordinator", user: { id: second.id } } });
    const audit = await first.client.get(`/api/rooms/${roomId}/audit`);
    expect(audit.body[0]).toMatchObject({
      action: "role.changed",
      actor: { id: first.id },
      target: second.id,
      before: { role: "participant" },
      after: { role: "coordinator" },
    });
  });

  it("turns a coordinator's demotion into a pending action that a second coordinator confirms", async () => {
    const { roomId, first, second } = await roomWithMembers();
    await first.client.patch(`/api/rooms/${roomId}/members/${second.id}/role`, { role: "coordinator" });

    const requested = await first.client.patch(`/api/rooms/${roomId}/members/${second.id}/role`, { role: "observer" });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({
      state: "pending",
      pendingAction: {
        kind: "demote-coordinator",
        targetUserId: second.id,
        newRole: "observer",
        requestedBy: first.id,
      },
    });
    expect(await roleOf(first.client, roomId, second.id)).toBe("coordinator");

    const pendingId = requested.body.pendingAction.id;
    const self = await first.client.post(`/api/rooms/${roomId}/pending-actions/${pendingId}/confirm`);
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe("CONFIRMATION_BY_SAME_COORDINATOR");
    expect(await roleOf(first.client, roomId, second.id)).toBe("coordinator");

    const listed = await second.client.get(`/api/rooms/${roomId}/pending-actions`);
    expect(listed.body.map((p: { id: string }) => p.id)).toEqual([pendingId]);

    const confirmed = await second.client.post(`/api/rooms/${roomId}/pending-actions/${pendingId}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: "applied", member: { role: "observer", user: { id: second.id } } });
    expect(await roleOf(first.client, roomId, second.id)).toBe("observer");

    const twice = await first.client.post(`/api/rooms/${roomId}/pending-actions/${pendingId}/confirm`);
    expect(twice.status).toBe(404);
    expect(twice.body.error.code).toBe("PENDING_ACTION_NOT_FOUND");

    const audit = await first.client.get(`/api/rooms/${roomId}/audit`);
    expect(audit.body.slice(0, 3).map((e: { action: string }) => e.action)).toEqual([
      "role.changed",
      "role.change.requested",
      "role.changed",
    ]);
    expect(audit.body[0]).toMatchObject({
      actor: { id: first.id },
      before: { role: "coordinator" },
      after: { role: "observer", confirmedBy: second.id },
    });
  });

  it("refuses to demote or remove the last coordinator with 409 LAST_COORDINATOR", async () => {
    const { roomId, first } = await roomWithMembers();
    const demote = await first.client.patch(`/api/rooms/${roomId}/members/${first.id}/role`, { role: "participant" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("LAST_COORDINATOR");
    const remove = await first.client.delete(`/api/rooms/${roomId}/members/${first.id}`);
    expect(remove.status).toBe(409);
    expect(remove.body.error.code).toBe("LAST_COORDINATOR");
    expect(
      await server.connection.collection("pendingactions").countDocuments({ roomId: new Types.ObjectId(roomId) }),
    ).toBe(0);
    expect(await roleOf(first.client, roomId, first.id)).toBe("coordinator");
  });

  it("removes a participant at once, but a coordinator only after a second coordinator confirms", async () => {
    const { roomId, first, second, third } = await roomWithMembers();
    const removed = await first.client.delete(`/api/rooms/${roomId}/members/${third.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ state: "applied" });
    expect(await roleOf(first.client, roomId, third.id)).toBeUndefined();
    const gone = await third.client.get(`/api/rooms/${roomId}`);
    expect(gone.status).toBe(403);

    await first.client.patch(`/api/rooms/${roomId}/members/${second.id}/role`, { role: "coordinator" });
    const requested = await second.client.delete(`/api/rooms/${roomId}/members/${first.id}`);
    expect(requested.status).toBe(202);
    expect(requested.body.pendingAction.kind).toBe("remove-coordinator");
    expect(await roleOf(second.client, roomId, first.id)).toBe("coordinator");
    const confirmed = await first.client.post(
      `/api/rooms/${roomId}/pending-actions/${requested.body.pendingAction.id}/confirm`,
    );
    expect(confirmed.status).toBe(200);
    expect(await roleOf(second.client, roomId, first.id)).toBeUndefined();
    const detail = await second.client.get(`/api/rooms/${roomId}`);
    expect(detail.body.memberCount).toBe(1);
    const audit = await second.client.get(`/api/rooms/${roomId}/audit`);
    expect(audit.body[0]).toMatchObject({
      action: "member.removed",
      target: first.id,
      after: { confirmedBy: first.id },
    });
  });

  it("refuses coordinator actions by participants and observers with 403 and changes nothing", async () => {
    const { roomId, first, second, third } = await roomWithMembers();
    const auditBefore = (await first.client.get(`/api/rooms/${roomId}/audit`)).body.length;
    const attempts = [
      await second.client.patch(`/api/rooms/${roomId}/members/${third.id}/role`, { role: "coordinator" }),
      await second.client.patch(`/api/rooms/${roomId}/members/${second.id}/role`, { role: "coordinator" }),
      await second.client.delete(`/api/rooms/${roomId}/members/${first.id}`),
      await second.client.get(`/api/rooms/${roomId}/pending-actions`),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe("NOT_A_COORDINATOR");
    }
    expect(await roleOf(first.client, roomId, second.id)).toBe("participant");
    expect((await first.client.get(`/api/rooms/${roomId}/audit`)).body.length).toBe(auditBefore);
    const unknownMember = await first.client.patch(`/api/rooms/${roomId}/members/0123456789abcdef01234567/role`, {
      role: "observer",
    });
    expect(unknownMember.status).toBe(404);
    expect(unknownMember.body.error.code).toBe("MEMBER_NOT_FOUND");
  });
});

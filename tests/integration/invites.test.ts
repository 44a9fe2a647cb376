// Invite links: signed, expiring, limited in uses, revocable; joining by one records the member's sector.
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { type ApiClient, registeredClient } from "../utils/api.ts";
import { testClock } from "../utils/clock.ts";
import { serverForSuite } from "../utils/server.ts";

const clock = testClock();
const server = serverForSuite({ now: clock.now });

async function roomWithCoordinator(): Promise<{ coordinator: ApiClient; roomId: string }> {
  const { client } = await registeredClient(server.url, "government");
  const room = await client.post("/api/rooms", { title: "Invite-only forum", visibility: "invite-only" });
  return { coordinator: client, roomId: room.body.id };
}

describe("invite links", () => {
  it("lets a user of another sector preview and join by invite with the role it grants", async () => {
    const { coordinator, roomId } = await roomWithCoordinator();
    const invite = await coordinator.post(`/api/rooms/${roomId}/invites`, { role: "observer", maxUses: 2 });
    expect(invite.status).toBe(201);
    expect(invite.body).toMatchObject({ role: "observer", maxUses: 2, uses: 0, revoked: false });
    expect(invite.body.path).toBe(`/invite/${invite.body.token}`);

    const { client: guest, session } = await registeredClient(server.url, "media", { organisation: "Harian Fajar" });
    const preview = await guest.get(`/api/invites/${invite.body.token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      role: "observer",
      room: { id: roomId, title: "Invite-only forum", myRole: null },
    });

    const accepted = await guest.post("/api/invites/accept", { token: invite.body.token });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({
      alreadyMember: false,
      room: { id: roomId, myRole: "observer", memberCount: 2 },
    });

    const again = await guest.post("/api/invites/accept", { token: invite.body.token });
    expect(again.status).toBe(200);
    expect(again.body.alreadyMember).toBe(true);

    const stored = await server.connection.collection("invites").findOne({});
    const listed = await coordinator.get(`/api/rooms/${roomId}/invites`);
    expect(listed.body.find((i: { id: string }) => i.id === invite.body.id).uses).toBe(1);
    expect(stored).not.toBeNull();
    const detail = await coordinator.get(`/api/rooms/${roomId}`);
    expect(detail.body.membersBySector.media).toEqual([
      expect.objectContaining({
        role: "observer",
        organisation: "Harian Fajar",
        user: expect.objectContaining({ id: session.user.id }),
      }),
    ]);
    const audit = await coordinator.get(`/api/rooms/${roomId}/audit`);
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(["invite.created", "room.created"]);
  });

  it("refuses an expired invite with 410 INVITE_EXPIRED", async () => {
    const { coordinator, roomId } = await roomWithCoordinator();
    const invite = await coordinator.post(`/api/rooms/${roomId}/invites`, { expiresInHours: 1 });
    clock.advance(61 * 60_000);
    const { client: late } = await registeredClient(server.url, "private");
    const response = await late.post("/api/invites/accept", { token: invite.body.token });
    expect(response.status).toBe(410);
    expect(response.body.error.code).toBe("INVITE_EXPIRED");
    // The coordinator's own access token has expired with the clock too: check the stored state directly.
    const roomObjectId = new Types.ObjectId(roomId);
    expect(await server.connection.collection("memberships").countDocuments({ roomId: roomObjectId })).toBe(1);
    expect((await server.connection.collection("rooms").findOne({ _id: roomObjectId }))?.memberCount).toBe(1);
  });

  it("refuses a used-up invite with 410 INVITE_USED_UP, even when accepted concurrently", async () => {
    const { coordinator, roomId } = await roomWithCoordinator();
    const invite = await coordinator.post(`/api/rooms/${roomId}/invites`, { maxUses: 2 });
    const guests = await Promise.all(
      ["community", "private", "academia", "media"].map((sector) => registeredClient(server.url, sector as never)),
    );
    const results = await Promise.all(
      guests.map(({ client }) => client.post("/api/invites/accept", { token: invite.body.token })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 410, 410]);
    expect(results.filter((r) => r.status === 410).map((r) => r.body.error.code)).toEqual([
      "INVITE_USED_UP",
      "INVITE_USED_UP",
    ]);
    const detail = await coordinator.get(`/api/rooms/${roomId}`);
    expect(detail.body.memberCount).toBe(3);
    expect(detail.body.members).toHaveLength(3);
  });

  it("refuses a revoked invite with 410 INVITE_REVOKED, audited", async () => {
    const { coordinator, roomId } = await roomWithCoordinator();
    const invite = await coordinator.post(`/api/rooms/${roomId}/invites`, {});
    const revoked = await coordinator.delete(`/api/rooms/${roomId}/invites/${invite.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked).toBe(true);
    const { client: guest } = await registeredClient(server.url, "community");
    const response = await guest.post("/api/invites/accept", { token: invite.body.token });
    expect(response.status).toBe(410);
    expect(response.body.error.code).toBe("INVITE_REVOKED");
    const audit = await coordinator.get(`/api/rooms/${roomId}/audit`);
    expect(audit.body[0]).toMatchObject({ action: "invite.revoked", target: invite.body.id, after: { revoked: true } });
  });

  it("refuses forged and malformed tokens with 404 INVITE_NOT_FOUND", async () => {
    const { coordinator, roomId } = await roomWithCoordinator();
    const invite = await coordinator.post(`/api/rooms/${roomId}/invites`, {});
    const [id] = invite.body.token.split(".");
    const { client: guest } = await registeredClient(server.url, "community");
    for (const token of [`${id}.forged-signature`, id, "garbage", `${"0".repeat(24)}.x`]) {
      const response = await guest.post("/api/invites/accept", { token });
      expect(response.status, token).toBe(404);
      expect(response.body.error.code, token).toBe("INVITE_NOT_FOUND");
    }
    const empty = await guest.post("/api/invites/accept", { token: "" });
    expect(empty.status).toBe(400);
  });

  it("lets only coordinators create, list and revoke invites", async () => {
    const { coordinator, roomId } = await roomWithCoordinator();
    const invite = await coordinator.post(`/api/rooms/${roomId}/invites`, { role: "participant" });
    const { client: participant } = await registeredClient(server.url, "community");
    await participant.post("/api/invites/accept", { token: invite.body.token });
    for (const response of [
      await participant.post(`/api/rooms/${roomId}/invites`, {}),
      await participant.get(`/api/rooms/${roomId}/invites`),
      await participant.delete(`/api/rooms/${roomId}/invites/${invite.body.id}`),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe("NOT_A_COORDINATOR");
    }
    const invalid = await coordinator.post(`/api/rooms/${roomId}/invites`, {
      expiresInHours: 0,
      maxUses: -1,
      role: "king",
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "expiresInHours",
      "maxUses",
      "role",
    ]);
  });
});

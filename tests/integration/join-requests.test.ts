// The ways into a room for a non-member: the public preview (purpose, stage, sectors present, the way in,
// nothing private), requests to join an invite-only room, and the coordinators' approve (the requester
// becomes a participant, audited) and decline (with a reason, audited), read back by the requester.
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { type ApiClient, registeredClient } from "../utils/api.ts";
import { serverForSuite } from "../utils/server.ts";

const server = serverForSuite();

async function inviteOnlyRoom(): Promise<{ coordinator: ApiClient; roomId: string }> {
  const { client } = await registeredClient(server.url, "government", { organisation: "Bappeda Kota" });
  const room = await client.post("/api/rooms", {
    title: "Rapat tertutup air bersih",
    purpose: "Menyepakati tarif air untuk warga",
    visibility: "invite-only",
    stage: "formation",
  });
  expect(room.status).toBe(201);
  return { coordinator: client, roomId: room.body.id };
}

function storedRequests(roomId: string) {
  return server.connection
    .collection("joinrequests")
    .find({ roomId: new Types.ObjectId(roomId) })
    .toArray();
}

function storedMembership(roomId: string, userId: string) {
  return server.connection
    .collection("memberships")
    .findOne({ roomId: new Types.ObjectId(roomId), userId: new Types.ObjectId(userId) });
}

describe("the preview of a room", () => {
  it("shows a non-member of a private room only its public face and the way in", async () => {
    const { coordinator, roomId } = await inviteOnlyRoom();
    const invite = await coordinator.post(`/api/rooms/${roomId}/invites`, { role: "participant" });
    const { client: member } = await registeredClient(server.url, "community", { organisation: "Forum Warga" });
    expect((await member.post("/api/invites/accept", { token: invite.body.token })).status).toBe(201);

    const { client: outsider } = await registeredClient(server.url, "private");
    const preview = await outsider.get(`/api/rooms/${roomId}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      id: roomId,
      title: "Rapat tertutup air bersih",
      purpose: "Menyepakati tarif air untuk warga",
      visibility: "invite-only",
      stage: "formation",
      memberCount: 2,
      sectorsPresent: ["government", "community"],
      myRole: null,
      wayIn: "request",
      myRequest: null,
    });
    // Nothing of who the members are: no names, organisations or invites anywhere in the answer.
    const text = JSON.stringify(preview.body);
    expect(text).not.toContain("Bappeda Kota");
    expect(text).not.toContain("Forum Warga");
    expect(text).not.toContain(invite.body.token);

    const forMember = await member.get(`/api/rooms/${roomId}/preview`);
    expect(forMember.body).toMatchObject({ myRole: "participant", wayIn: "enter" });
    const detail = await outsider.get(`/api/rooms/${roomId}`);
    expect(detail.status).toBe(403);
    expect(detail.body.error.code).toBe("NOT_A_MEMBER");
  });

  it("offers Join for an open room, and answers 404 ROOM_NOT_FOUND for no room", async () => {
    const { client: founder } = await registeredClient(server.url, "academia");
    const room = await founder.post("/api/rooms", { title: "Forum terbuka", visibility: "open" });
    const { client: visitor } = await registeredClient(server.url, "media");
    const preview = await visitor.get(`/api/rooms/${room.body.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ visibility: "open", wayIn: "join", sectorsPresent: ["academia"] });

    const request = await visitor.post(`/api/rooms/${room.body.id}/join-requests`);
    expect(request.status).toBe(409);
    expect(request.body.error.code).toBe("ROOM_IS_OPEN");
    expect(await storedRequests(room.body.id)).toEqual([]);

    const missing = await visitor.get(`/api/rooms/${new Types.ObjectId().toHexString()}/preview`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("ROOM_NOT_FOUND");
  });
});

describe("requests to join", () => {
  it("stores one pending request; a second is refused with 409 JOIN_REQUEST_PENDING", async () => {
    const { roomId } = await inviteOnlyRoom();
    const { client: requester, session } = await registeredClient(server.url, "community");
    const request = await requester.post(`/api/rooms/${roomId}/join-requests`);
    expect(request.status).toBe(201);
    expect(request.body).toMatchObject({ status: "pending", reason: null, decidedAt: null });

    const again = await requester.post(`/api/rooms/${roomId}/join-requests`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("JOIN_REQUEST_PENDING");

    const stored = await storedRequests(roomId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: "pending", userId: new Types.ObjectId(session.user.id) });
    expect(stored[0]?._id.toHexString()).toBe(request.body.id);

    const preview = await requester.get(`/api/rooms/${roomId}/preview`);
    expect(preview.body).toMatchObject({ wayIn: "pending", myRequest: { id: request.body.id, status: "pending" } });
  });

  it("refuses a member with 409 ALREADY_MEMBER and an ended collaboration with 403 FORBIDDEN", async () => {
    const { coordinator, roomId } = await inviteOnlyRoom();
    const mine = await coordinator.post(`/api/rooms/${roomId}/join-requests`);
    expect(mine.status).toBe(409);
    expect(mine.body.error.code).toBe("ALREADY_MEMBER");

    expect((await coordinator.patch(`/api/rooms/${roomId}/stage`, { stage: "ended" })).status).toBe(200);
    const { client: late } = await registeredClient(server.url, "media");
    const refused = await late.post(`/api/rooms/${roomId}/join-requests`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");
    expect((await late.get(`/api/rooms/${roomId}/preview`)).body.wayIn).toBe("closed");
    expect(await storedRequests(roomId)).toEqual([]);
  });

  it("is approved by a coordinator: the membership is created and the approval audited", async () => {
    const { coordinator, roomId } = await inviteOnlyRoom();
    const { client: requester, session } = await registeredClient(server.url, "community", {
      organisation: "LSM Air Bersih",
    });
    const request = await requester.post(`/api/rooms/${roomId}/join-requests`);

    const pending = await coordinator.get(`/api/rooms/${roomId}/join-requests`);
    expect(pending.status).toBe(200);
    expect(pending.body).toEqual([
      {
        id: request.body.id,
        status: "pending",
        reason: null,
        createdAt: request.body.createdAt,
        decidedAt: null,
        requester: {
          id: session.user.id,
          displayName: session.user.displayName,
          sector: "community",
          organisation: "LSM Air Bersih",
        },
      },
    ]);

    const approved = await coordinator.post(`/api/rooms/${roomId}/join-requests/${request.body.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      role: "participant",
      request: { id: request.body.id, status: "approved", requester: { id: session.user.id } },
    });

    expect(await storedMembership(roomId, session.user.id)).toMatchObject({
      role: "participant",
      sector: "community",
      organisation: "LSM Air Bersih",
    });
    const room = await server.connection.collection("rooms").findOne({ _id: new Types.ObjectId(roomId) });
    expect(room?.memberCount).toBe(2);
    const audit = await server.connection
      .collection("auditentries")
      .find({ roomId: new Types.ObjectId(roomId), action: "joinRequest.approved" })
      .toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      target: session.user.id,
      before: { status: "pending" },
      after: { status: "approved", role: "participant" },
    });

    const detail = await requester.get(`/api/rooms/${roomId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.myRole).toBe("participant");
    expect((await requester.get(`/api/rooms/${roomId}/preview`)).body).toMatchObject({
      wayIn: "enter",
      myRequest: { status: "approved" },
    });
    expect((await coordinator.get(`/api/rooms/${roomId}/join-requests`)).body).toEqual([]);

    const twice = await coordinator.post(`/api/rooms/${roomId}/join-requests/${request.body.id}/approve`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("JOIN_REQUEST_DECIDED");
  });

  it("is declined with a reason the requester reads, audited, and may be made again", async () => {
    const { coordinator, roomId } = await inviteOnlyRoom();
    const { client: requester, session } = await registeredClient(server.url, "private");
    const request = await requester.post(`/api/rooms/${roomId}/join-requests`);

    const declined = await coordinator.post(`/api/rooms/${roomId}/join-requests/${request.body.id}/decline`, {
      reason: "  Khusus perangkat daerah  ",
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: "declined", reason: "Khusus perangkat daerah" });
    expect(await storedMembership(roomId, session.user.id)).toBeNull();
    const audit = await server.connection
      .collection("auditentries")
      .findOne({ roomId: new Types.ObjectId(roomId), action: "joinRequest.declined" });
    expect(audit).toMatchObject({
      target: session.user.id,
      after: { status: "declined", reason: "Khusus perangkat daerah" },
    });

    const preview = await requester.get(`/api/rooms/${roomId}/preview`);
    expect(preview.body).toMatchObject({
      wayIn: "request",
      myRequest: { status: "declined", reason: "Khusus perangkat daerah" },
    });
    const approveLate = await coordinator.post(`/api/rooms/${roomId}/join-requests/${request.body.id}/approve`);
    expect(approveLate.status).toBe(409);
    expect(approveLate.body.error.code).toBe("JOIN_REQUEST_DECIDED");

    const again = await requester.post(`/api/rooms/${roomId}/join-requests`);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: request.body.id, status: "pending", reason: null });
    expect(await storedRequests(roomId)).toHaveLength(1);
  });

  it("refuses approve and decline by a non-coordinator with 403 and its code, changing nothing", async () => {
    const { coordinator, roomId } = await inviteOnlyRoom();
    const invite = await coordinator.post(`/api/rooms/${roomId}/invites`, { role: "participant" });
    const { client: participant } = await registeredClient(server.url, "academia");
    await participant.post("/api/invites/accept", { token: invite.body.token });
    const { client: requester, session } = await registeredClient(server.url, "media");
    const request = await requester.post(`/api/rooms/${roomId}/join-requests`);

    for (const decision of ["approve", "decline"]) {
      const byParticipant = await participant.post(`/api/rooms/${roomId}/join-requests/${request.body.id}/${decision}`);
      expect(byParticipant.status).toBe(403);
      expect(byParticipant.body.error.code).toBe("NOT_A_COORDINATOR");
      const byRequester = await requester.post(`/api/rooms/${roomId}/join-requests/${request.body.id}/${decision}`);
      expect(byRequester.status).toBe(403);
      expect(byRequester.body.error.code).toBe("NOT_A_MEMBER");
    }
    const listed = await participant.get(`/api/rooms/${roomId}/join-requests`);
    expect(listed.status).toBe(403);
    expect(listed.body.error.code).toBe("NOT_A_COORDINATOR");

    expect(await storedMembership(roomId, session.user.id)).toBeNull();
    expect((await storedRequests(roomId)).map((stored) => stored.status)).toEqual(["pending"]);
    const audit = await server.connection.collection("auditentries").countDocuments({
      roomId: new Types.ObjectId(roomId),
      action: { $in: ["joinRequest.approved", "joinRequest.declined"] },
    });
    expect(audit).toBe(0);
  });

  it("answers 404 JOIN_REQUEST_NOT_FOUND for a request of another room or no request", async () => {
    const { coordinator, roomId } = await inviteOnlyRoom();
    const other = await inviteOnlyRoom();
    const { client: requester } = await registeredClient(server.url, "community");
    const request = await requester.post(`/api/rooms/${other.roomId}/join-requests`);
    for (const id of [request.body.id, new Types.ObjectId().toHexString(), "not-an-id"]) {
      const response = await coordinator.post(`/api/rooms/${roomId}/join-requests/${id}/approve`);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("JOIN_REQUEST_NOT_FOUND");
    }
    expect((await storedRequests(other.roomId)).map((stored) => stored.status)).toEqual(["pending"]);
  });

  it("refuses a decline reason over the limit with 400 VALIDATION_FAILED", async () => {
    const { coordinator, roomId } = await inviteOnlyRoom();
    const { client: requester } = await registeredClient(server.url, "community");
    const request = await requester.post(`/api/rooms/${roomId}/join-requests`);
    const response = await coordinator.post(`/api/rooms/${roomId}/join-requests/${request.body.id}/decline`, {
      reason: "x".repeat(501),
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("VALIDATION_FAILED");
    expect((await storedRequests(roomId)).map((stored) => stored.status)).toEqual(["pending"]);
  });
});

// Deliberation rooms over HTTP: create, list, directory, join, detail by sector, stage, forbidden actions.
import { membershipIdFor } from "@mufakat/server";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { jsonBody, registeredClient } from "../utils/api.ts";
import { serverForSuite } from "../utils/server.ts";

const server = serverForSuite();

describe("creating and listing rooms", () => {
  it("creates a room whose creator is its first coordinator", async () => {
    const { client, session } = await registeredClient(server.url, "government");
    const created = await client.post("/api/rooms", {
      title: "Layanan air bersih Tamalate",
      purpose: "Menyepakati jadwal distribusi air",
      visibility: "open",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: "Layanan air bersih Tamalate",
      purpose: "Menyepakati jadwal distribusi air",
      visibility: "open",
      stage: "exploration",
      memberCount: 1,
      myRole: "coordinator",
    });
    const detail = await client.get(`/api/rooms/${created.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.members).toHaveLength(1);
    expect(detail.body.members[0]).toMatchObject({
      role: "coordinator",
      sector: "government",
      user: { id: session.user.id },
    });
    expect(Object.keys(detail.body.membersBySector).sort()).toEqual([
      "academia",
      "community",
      "government",
      "media",
      "private",
    ]);
    expect(detail.body.membersBySector.government).toHaveLength(1);
    expect(detail.body.members[0].user.email).toBeUndefined();

    const mine = await client.get("/api/rooms/mine");
    expect(mine.status).toBe(200);
    expect(mine.body.map((room: { id: string }) => room.id)).toEqual([created.body.id]);
  });

  it("refuses an invalid room with 400 naming the fields, and stores nothing", async () => {
    const { client } = await registeredClient(server.url);
    const before = await server.connection.collection("rooms").countDocuments();
    const response = await client.post("/api/rooms", { title: "", visibility: "secret", stage: "done" });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("VALIDATION_FAILED");
    expect(response.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "stage",
      "title",
      "visibility",
    ]);
    expect(await server.connection.collection("rooms").countDocuments()).toBe(before);
  });

  it("requires a login", async () => {
    const response = await fetch(`${server.url}/api/rooms/mine`);
    expect(response.status).toBe(401);
    expect((await jsonBody(response)).error.code).toBe("UNAUTHENTICATED");
  });
});

describe("the directory and joining", () => {
  it("lists open rooms only, and lets a member of another sector join one", async () => {
    const { client: coordinator } = await registeredClient(server.url, "government");
    const open = await coordinator.post("/api/rooms", { title: "Open forum", visibility: "open" });
    const closed = await coordinator.post("/api/rooms", { title: "Closed forum", visibility: "invite-only" });

    const { client: citizen, session: citizenSession } = await registeredClient(server.url, "community", {
      organisation: "Forum Warga",
    });
    const directory = await citizen.get("/api/rooms/open");
    const ids = directory.body.map((room: { id: string }) => room.id);
    expect(ids).toContain(open.body.id);
    expect(ids).not.toContain(closed.body.id);
    expect(directory.body.find((room: { id: string }) => room.id === open.body.id).myRole).toBeNull();

    const joined = await citizen.post(`/api/rooms/${open.body.id}/join`);
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({
      alreadyMember: false,
      room: { id: open.body.id, myRole: "participant", memberCount: 2 },
    });

    const again = await citizen.post(`/api/rooms/${open.body.id}/join`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ALREADY_MEMBER");

    const detail = await coordinator.get(`/api/rooms/${open.body.id}`);
    expect(detail.body.memberCount).toBe(2);
    expect(detail.body.membersBySector.community).toEqual([
      expect.objectContaining({
        role: "participant",
        organisation: "Forum Warga",
        user: expect.objectContaining({ id: citizenSession.user.id }),
      }),
    ]);

    const refused = await citizen.post(`/api/rooms/${closed.body.id}/join`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("ROOM_INVITE_ONLY");
  });

  it("keeps the sector a member joined with even after their profile changes", async () => {
    const { client: coordinator } = await registeredClient(server.url, "government");
    const room = await coordinator.post("/api/rooms", { title: "Sector record", visibility: "open" });
    const { client: member, session } = await registeredClient(server.url, "private");
    await member.post(`/api/rooms/${room.body.id}/join`);
    expect((await member.patch("/api/me", { sector: "media" })).status).toBe(200);
    const detail = await coordinator.get(`/api/rooms/${room.body.id}`);
    const record = detail.body.members.find((m: { user: { id: string } }) => m.user.id === session.user.id);
    expect(record.sector).toBe("private");
    expect(record.user.sector).toBe("media");
  });

  it("answers unknown and malformed room ids with 404, and non-members with 403", async () => {
    const { client: coordinator } = await registeredClient(server.url);
    const room = await coordinator.post("/api/rooms", { title: "Private", visibility: "invite-only" });
    const { client: outsider } = await registeredClient(server.url, "media");
    const unknown = await outsider.get("/api/rooms/0123456789abcdef01234567");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("ROOM_NOT_FOUND");
    const malformed = await outsider.get("/api/rooms/not-an-id");
    expect(malformed.status).toBe(404);
    const forbidden = await outsider.get(`/api/rooms/${room.body.id}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("NOT_A_MEMBER");
    const audit = await outsider.get(`/api/rooms/${room.body.id}/audit`);
    expect(audit.status).toBe(403);
  });
});

describe("membership ids", () => {
  it("derives a membership's _id from room and user, and still honours one made before (a random _id)", async () => {
    const { client: coordinator, session } = await registeredClient(server.url, "government");
    const room = await coordinator.post("/api/rooms", { title: "Forum ids", visibility: "open" });
    const { client: citizen, session: citizenSession } = await registeredClient(server.url, "community");
    expect((await citizen.post(`/api/rooms/${room.body.id}/join`)).status).toBe(201);
    const memberships = server.connection.collection("memberships");
    const roomId = new Types.ObjectId(room.body.id as string);
    for (const userId of [session.user.id, citizenSession.user.id]) {
      const stored = await memberships.findOne({ roomId, userId: new Types.ObjectId(userId) });
      expect(stored?._id.toHexString()).toBe(membershipIdFor(roomId, new Types.ObjectId(userId)).toHexString());
    }

    // A membership stored with a random _id, as before: its member keeps access and cannot join twice.
    const citizenId = new Types.ObjectId(citizenSession.user.id);
    const before = await memberships.findOne({ roomId, userId: citizenId });
    await memberships.deleteOne({ _id: before?._id });
    await memberships.insertOne({ ...before, _id: new Types.ObjectId() });
    const detail = await citizen.get(`/api/rooms/${room.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.myRole).toBe("participant");
    const again = await citizen.post(`/api/rooms/${room.body.id}/join`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ALREADY_MEMBER");
    expect(await memberships.countDocuments({ roomId, userId: citizenId })).toBe(1);
  });
});

describe("stage changes", () => {
  it("lets a coordinator change the stage, audited with before and after", async () => {
    const { client, session } = await registeredClient(server.url);
    const room = await client.post("/api/rooms", { title: "Stages", visibility: "open" });
    const changed = await client.patch(`/api/rooms/${room.body.id}/stage`, { stage: "formation" });
    expect(changed.status).toBe(200);
    expect(changed.body.stage).toBe("formation");
    const audit = await client.get(`/api/rooms/${room.body.id}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.body.map((entry: { action: string }) => entry.action)).toEqual(["stage.changed", "room.created"]);
    expect(audit.body[0]).toMatchObject({
      actor: { id: session.user.id },
      before: { stage: "exploration" },
      after: { stage: "formation" },
    });
  });

  it("refuses a stage change by a participant with 403 NOT_A_COORDINATOR and changes nothing", async () => {
    const { client: coordinator } = await registeredClient(server.url);
    const room = await coordinator.post("/api/rooms", { title: "Stages 2", visibility: "open" });
    const { client: participant } = await registeredClient(server.url, "academia");
    await participant.post(`/api/rooms/${room.body.id}/join`);
    const refused = await participant.patch(`/api/rooms/${room.body.id}/stage`, { stage: "ended" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("NOT_A_COORDINATOR");
    const detail = await coordinator.get(`/api/rooms/${room.body.id}`);
    expect(detail.body.stage).toBe("exploration");
    const invalid = await coordinator.patch(`/api/rooms/${room.body.id}/stage`, { stage: "finished" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details).toEqual([expect.objectContaining({ path: "stage" })]);
  });
});

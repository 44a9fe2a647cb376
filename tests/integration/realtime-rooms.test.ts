// Joining rooms live and presence: membership and roles, several tabs, leave and disconnect, proposals.
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { registeredClient } from "../utils/api.ts";
import { eventually } from "../utils/eventually.ts";
import { serverForSuite } from "../utils/server.ts";
import {
  type LiveClient,
  connect,
  followPresence,
  okData,
  request,
  roomWithMembers,
  socketsClosedAfterAll,
} from "../utils/socket.ts";
import * as Y from "yjs";

const server = serverForSuite();
const sockets = socketsClosedAfterAll();

async function open(token: string): Promise<LiveClient> {
  const socket = await connect(server, token);
  sockets.push(socket);
  return socket;
}

describe("room:join", () => {
  it("refuses non-members with NOT_A_MEMBER and unknown rooms with ROOM_NOT_FOUND", async () => {
    const { roomId } = await roomWithMembers(server, [{ sector: "government", role: "coordinator" }]);
    const stranger = await registeredClient(server.url, "media");
    const socket = await open(stranger.session.accessToken);
    expect(await request(socket, "room:join", { roomId })).toEqual({
      ok: false,
      error: { code: "NOT_A_MEMBER", message: "you are not a member of this room" },
    });
    expect(await request(socket, "room:join", { roomId: "0123456789abcdef01234567" })).toEqual({
      ok: false,
      error: { code: "ROOM_NOT_FOUND", message: "no such room" },
    });
    expect(await request(socket, "room:join", { roomId: "nope" } as never)).toEqual({
      ok: false,
      error: {
        code: "VALIDATION_FAILED",
        message: "roomId: must be an id",
        details: [{ path: "roomId", message: "must be an id", code: "invalid_format", format: "regex" }],
      },
    });
    // Not joined: its proposals stay closed to this socket.
    expect(await request(socket, "proposal:create", { roomId, title: "Usulan" })).toEqual({
      ok: false,
      error: { code: "NOT_IN_ROOM", message: "join the room (room:join) first" },
    });
  });

  it("returns the role, the presence and the proposals, and broadcasts presence to everyone in the room", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
      { sector: "community", role: "observer" },
    ]);
    const [gov, priv, comm] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    const govSocket = await open(gov.token);
    const joined = okData(await request(govSocket, "room:join", { roomId }));
    expect(joined.role).toBe("coordinator");
    expect(joined.proposals).toEqual([]);
    expect(joined.presence).toEqual([
      {
        userId: gov.userId,
        displayName: gov.session.user.displayName,
        sector: "government",
        organisation: "government org",
        role: "coordinator",
        viewing: [],
        connections: 1,
      },
    ]);
    const seen = followPresence(govSocket, roomId, (members) => members, joined.presence);

    const proposal = okData(await request(govSocket, "proposal:create", { roomId, title: "Tarif air" }));
    expect(proposal).toMatchObject({ roomId, title: "Tarif air", status: "draft", createdBy: gov.userId });

    const privTab1 = await open(priv.token);
    const privTab2 = await open(priv.token);
    const commSocket = await open(comm.token);
    const privJoined = okData(await request(privTab1, "room:join", { roomId }));
    expect(privJoined.role).toBe("participant");
    expect(privJoined.proposals.map((p) => p.title)).toEqual(["Tarif air"]);
    okData(await request(privTab2, "room:join", { roomId }));
    expect(okData(await request(commSocket, "room:join", { roomId })).role).toBe("observer");
    okData(
      await request(privTab2, "proposal:open", {
        proposalId: proposal.id,
        stateVector: Y.encodeStateVector(new Y.Doc()),
      }),
    );

    await eventually(() => {
      expect(seen.at(-1)).toEqual([
        expect.objectContaining({ userId: gov.userId, role: "coordinator", connections: 1, viewing: [] }),
        expect.objectContaining({
          userId: priv.userId,
          role: "participant",
          sector: "private",
          connections: 2,
          viewing: [proposal.id],
        }),
        expect.objectContaining({ userId: comm.userId, role: "observer", sector: "community", connections: 1 }),
      ]);
    });

    // One tab leaves: the member stays with one connection; the tab that viewed the proposal disconnects.
    okData(await request(privTab1, "room:leave", { roomId }));
    await eventually(() => {
      expect(seen.at(-1)?.find((m) => m.userId === priv.userId)).toMatchObject({
        connections: 1,
        viewing: [proposal.id],
      });
    });
    privTab2.close();
    commSocket.close();
    await eventually(() => {
      expect(seen.at(-1)?.map((m) => m.userId)).toEqual([gov.userId]);
    });
  });

  it("drops a member whose connection dies without a goodbye from presence within seconds", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "media", role: "participant" },
    ]);
    const [gov, media] = members as [(typeof members)[0], (typeof members)[0]];
    const govSocket = await open(gov.token);
    const seen = followPresence(govSocket, roomId, (members) => members.map((m) => m.userId));
    okData(await request(govSocket, "room:join", { roomId }));
    const mediaSocket = await open(media.token);
    okData(await request(mediaSocket, "room:join", { roomId }));
    await eventually(() => expect(seen.at(-1)).toHaveLength(2));
    // Cut the TCP connection under the WebSocket: no close frame, no socket.io disconnect packet.
    const transport = mediaSocket.io.engine.transport as unknown as { ws: { _socket: { destroy(): void } } };
    const droppedAt = Date.now();
    transport.ws._socket.destroy();
    await eventually(() => expect(seen.at(-1)).toEqual([gov.userId]), { timeout: 12_000 });
    expect(Date.now() - droppedAt).toBeLessThan(12_000);
  });

  it("lets observers read but refuses every write with READ_ONLY_ROLE", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "academia", role: "observer" },
    ]);
    const [gov, observer] = members as [(typeof members)[0], (typeof members)[0]];
    const govSocket = await open(gov.token);
    okData(await request(govSocket, "room:join", { roomId }));
    const proposal = okData(await request(govSocket, "proposal:create", { roomId, title: "Anggaran" }));

    const socket = await open(observer.token);
    okData(await request(socket, "room:join", { roomId }));
    expect(okData(await request(socket, "proposal:list", { roomId })).map((p) => p.id)).toEqual([proposal.id]);
    const opened = okData(
      await request(socket, "proposal:open", {
        proposalId: proposal.id,
        stateVector: Y.encodeStateVector(new Y.Doc()),
      }),
    );
    expect(opened.proposal.title).toBe("Anggaran");

    const doc = new Y.Doc();
    doc.getXmlFragment("default").insert(0, [new Y.XmlText("tidak boleh")]);
    const readOnly = { code: "READ_ONLY_ROLE", message: "observers can read but not write" };
    expect(
      await request(socket, "proposal:update", { proposalId: proposal.id, update: Y.encodeStateAsUpdate(doc) }),
    ).toEqual({
      ok: false,
      error: readOnly,
    });
    expect(await request(socket, "proposal:create", { roomId, title: "x" })).toEqual({ ok: false, error: readOnly });
    expect(await request(socket, "proposal:rename", { proposalId: proposal.id, title: "x" })).toEqual({
      ok: false,
      error: readOnly,
    });
    expect(await request(socket, "version:save", { proposalId: proposal.id, name: "v1" })).toEqual({
      ok: false,
      error: readOnly,
    });
    expect(await server.connection.collection("proposalupdates").countDocuments()).toBe(0);
    expect(await server.connection.collection("proposals").countDocuments({ title: "x" })).toBe(0);
    expect(await server.connection.collection("proposalversions").countDocuments()).toBe(0);
  });

  it("applies a role change or removal made over HTTP to the live socket's next write", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
    ]);
    const [gov, priv] = members as [(typeof members)[0], (typeof members)[0]];
    const govSocket = await open(gov.token);
    const { presence } = okData(await request(govSocket, "room:join", { roomId }));
    const seen = followPresence(govSocket, roomId, (members) => members.map((m) => m.userId), presence);
    const proposal = okData(await request(govSocket, "proposal:create", { roomId, title: "Peran berubah" }));
    const socket = await open(priv.token);
    okData(await request(socket, "room:join", { roomId }));
    const edit = (content: string) => {
      const doc = new Y.Doc();
      doc.getText("catatan").insert(0, content);
      return request(socket, "proposal:update", { proposalId: proposal.id, update: Y.encodeStateAsUpdate(doc) });
    };
    expect((await edit("boleh")).ok).toBe(true);

    const demoted = await gov.api.patch(`/api/rooms/${roomId}/members/${priv.userId}/role`, { role: "observer" });
    expect(demoted.status).toBe(200);
    expect(await edit("tidak lagi")).toMatchObject({ ok: false, error: { code: "READ_ONLY_ROLE" } });

    const removed = await gov.api.delete(`/api/rooms/${roomId}/members/${priv.userId}`);
    expect(removed.status).toBe(200);
    // Removed, the socket left the room at once (room:membership told it): its edits are NOT_IN_ROOM.
    expect(await edit("keluar")).toMatchObject({ ok: false, error: { code: "NOT_IN_ROOM" } });
    expect(await request(socket, "room:join", { roomId })).toMatchObject({
      ok: false,
      error: { code: "NOT_A_MEMBER" },
    });
    await eventually(() => expect(seen.at(-1)).toEqual([gov.userId]));
    // Only the first edit was stored.
    expect(
      await server.connection.collection("proposalupdates").countDocuments({ userId: new Types.ObjectId(priv.userId) }),
    ).toBe(1);
  });

  it("renames a proposal and tells the room", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "community", role: "participant" },
    ]);
    const [gov, comm] = members as [(typeof members)[0], (typeof members)[0]];
    const a = await open(gov.token);
    const b = await open(comm.token);
    okData(await request(a, "room:join", { roomId }));
    okData(await request(b, "room:join", { roomId }));
    const created: string[] = [];
    const changed: string[] = [];
    a.on("proposal:created", (p) => created.push(p.title));
    a.on("proposal:changed", (p) => changed.push(p.title));
    const proposal = okData(await request(b, "proposal:create", { roomId, title: "Sampah pasar" }));
    const renamed = okData(
      await request(b, "proposal:rename", { proposalId: proposal.id, title: "Sampah pasar terpadu" }),
    );
    expect(renamed.title).toBe("Sampah pasar terpadu");
    await eventually(() => {
      expect(created).toEqual(["Sampah pasar"]);
      expect(changed).toEqual(["Sampah pasar terpadu"]);
    });
    expect(await request(b, "proposal:rename", { proposalId: proposal.id, title: "   " })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED", details: [{ path: "title", message: "required" }] },
    });
  });
});

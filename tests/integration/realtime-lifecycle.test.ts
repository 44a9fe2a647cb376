// Nothing left behind: over real sockets, 1,000 proposals are created, opened, edited (some), given a
// caret (some) and closed again (some by proposal:close, some by room:leave, the rest by disconnecting).
// Once the documents are idle-unloaded (a short injected idle time, polled for, never slept on) every
// resource the realtime layer holds — live documents, the proposal→room map, socket.io rooms, awareness
// states, timers, per-socket records — is back where it started.
import { proposalBodyFragment } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { eventually } from "../utils/eventually.ts";
import { serverForSuite } from "../utils/server.ts";
import { type LiveClient, connect, okData, request, roomWithMembers, socketsClosedAfterAll } from "../utils/socket.ts";

/** 5 rooms of limits.proposalsPerRoom (200) proposals: one socket per room works through its room in parallel. */
const rooms = 5;
const proposalsPerRoom = 200;

const server = serverForSuite({ collaboration: { idleUnloadMs: 20 } });
const sockets = socketsClosedAfterAll();

/** A one-paragraph edit made by a fresh client, as the editor would send it. */
function paragraphEdit(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(proposalBodyFragment).insert(0, [paragraph]);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** An awareness update announcing one caret. */
function caret(): Uint8Array {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: "anyone" }, cursor: null });
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  doc.destroy();
  return update;
}

/** Proposals of one room in flight at once: the database works one request at a time, so this only fills its queue. */
const inFlightPerRoom = 4;

/** One proposal's life: created, opened and, by its index, edited, given a caret, closed. */
async function churnProposal(socket: LiveClient, roomId: string, room: number, i: number): Promise<void> {
  const proposal = okData(await request(socket, "proposal:create", { roomId, title: `Usulan ${room}-${i}` }));
  const opened = okData(
    await request(socket, "proposal:open", { proposalId: proposal.id, stateVector: Y.encodeStateVector(new Y.Doc()) }),
  );
  expect(opened.proposal.id).toBe(proposal.id);
  if (i % 10 === 0) {
    const stored = okData(
      await request(socket, "proposal:update", { proposalId: proposal.id, update: paragraphEdit(`teks ${i}`) }),
    );
    expect(stored.logId).not.toBeNull();
  }
  if (i % 7 === 0) okData(await request(socket, "proposal:awareness", { proposalId: proposal.id, update: caret() }));
  // Most close explicitly; the rest stay open and are closed by room:leave (room 0) or the disconnect.
  if (i < proposalsPerRoom - 5) okData(await request(socket, "proposal:close", { proposalId: proposal.id }));
}

/** Works through one room's proposals, a few at a time. */
async function churnRoom(socket: LiveClient, roomId: string, room: number): Promise<void> {
  okData(await request(socket, "room:join", { roomId }));
  let next = 0;
  const worker = async () => {
    while (next < proposalsPerRoom) await churnProposal(socket, roomId, room, next++);
  };
  await Promise.all(Array.from({ length: inFlightPerRoom }, worker));
  if (room === 0) okData(await request(socket, "room:leave", { roomId }));
}

describe("realtime lifecycle", () => {
  it("opens and closes 1,000 proposals over sockets and holds nothing afterwards", { timeout: 300_000 }, async () => {
    const before = server.app.realtime.resources();
    const { members } = await roomWithMembers(server, [{ sector: "government", role: "coordinator" }]);
    const [coordinator] = members;
    if (!coordinator) throw new Error("no coordinator");
    const roomIds: string[] = [];
    for (let room = 0; room < rooms; room++) {
      const created = await coordinator.api.post("/api/rooms", { title: `Ruang ${room}`, visibility: "invite-only" });
      expect(created.status).toBe(201);
      roomIds.push(created.body.id as string);
    }
    const roomSockets = await Promise.all(roomIds.map(() => connect(server, coordinator.token)));
    sockets.push(...roomSockets);

    await Promise.all(roomIds.map((roomId, room) => churnRoom(roomSockets[room] as LiveClient, roomId, room)));
    // The counts do count: 20 proposals are still open (5 in each room not left), with their carets.
    const busy = server.app.realtime.resources();
    expect(busy).toMatchObject({ clientConnections: rooms, sessionTimers: rooms, documentConnections: 20 });
    expect(busy.liveDocuments).toBeGreaterThanOrEqual(20);
    expect(busy.proposalRooms).toBe((rooms - 1) * proposalsPerRoom);
    expect(busy.awarenessStates).toBeGreaterThan(0);
    expect(busy.socketIoRooms).toBeGreaterThan(0);

    for (const socket of roomSockets) socket.close();
    await eventually(() => expect(server.app.realtime.resources()).toEqual(before), { timeout: 15_000 });
  });
});

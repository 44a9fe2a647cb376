// Rolling back an edit the server refused: the copy and its IndexedDB copy end with exactly the server's
// state, the text the author loses is offered, and a reload afterwards finds nothing to send again. IndexedDB
// is fake-indexeddb's in-memory implementation of the standard API (y-indexeddb runs on it unchanged).
import "fake-indexeddb/auto";
import { proposalBodyFragment } from "@mufakat/shared";
import { afterEach, describe, expect, it, vi } from "vitest";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { ProposalSession } from "./ProposalSession.ts";
import { ProposalSync } from "./ProposalSync.ts";
import { bodyText } from "./bodyText.ts";
import { FakeProposalSocket } from "./fakeProposalSocket.ts";

const proposalId = "0123456789abcdef01234567";
const userId = "user-1";
const offlineCopyName = `mufakat.proposal.${userId}.${proposalId}`;
const storedLine = "Air bersih mengalir setiap Senin dan Kamis.";
const refusedLine = " Lampiran: seluruh data pelanggan tahun 2019–2024.";

const sessions: ProposalSession[] = [];

afterEach(async () => {
  for (const session of sessions.splice(0)) session.destroy();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(offlineCopyName);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
});

/** The server holding one paragraph of stored text. */
function serverWithText(line: string): FakeProposalSocket {
  const socket = new FakeProposalSocket(proposalId);
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(line)]);
  socket.serverDoc.getXmlFragment(proposalBodyFragment).insert(0, [paragraph]);
  return socket;
}

function openSession(socket: FakeProposalSocket): ProposalSession {
  const session = new ProposalSession(() => new ProposalSync(socket.asLiveSocket(), proposalId, userId));
  sessions.push(session);
  session.joined(1);
  return session;
}

/** The first paragraph's text of a copy, where the author types. */
function firstLine(sync: ProposalSync): Y.XmlText {
  const paragraph = sync.body.get(0) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

/** What a fresh load of the offline copy holds (as a reload would read it). */
async function offlineCopy(): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(offlineCopyName, doc);
  await persistence.whenSynced;
  await persistence.destroy();
  return doc;
}

function expectServerState(doc: Y.Doc, socket: FakeProposalSocket): void {
  expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(socket.serverDoc));
  expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(socket.serverDoc));
  expect(bodyText(doc.getXmlFragment(proposalBodyFragment))).toBe(
    bodyText(socket.serverDoc.getXmlFragment(proposalBodyFragment)),
  );
}

describe("ProposalSession", () => {
  it("rolls a refused edit back: the copy holds exactly the server's state and the refused text is offered", async () => {
    const socket = serverWithText(storedLine);
    const session = openSession(socket);
    await vi.waitFor(() => expect(session.getState().syncState.synced).toBe(true));
    const refusedCopy = session.getState().sync;
    const refusedClient = refusedCopy.doc.clientID;

    socket.refuseUpdate = () => "DOCUMENT_TOO_LARGE";
    firstLine(refusedCopy).insert(storedLine.length, refusedLine);
    expect(bodyText(refusedCopy.body)).toBe(storedLine + refusedLine);
    await vi.waitFor(() => expect(session.getState().discarded).not.toBeNull());

    const { sync, syncState, rollingBack, discarded } = session.getState();
    expect(sync).not.toBe(refusedCopy);
    expect(discarded).toEqual({ code: "DOCUMENT_TOO_LARGE", text: refusedLine.trim() });
    expect(rollingBack).toBe(false);
    expect(syncState).toMatchObject({ opened: true, synced: true, unsaved: 0, refused: null });
    expectServerState(sync.doc, socket);
    expect(bodyText(sync.body)).toBe(storedLine);
    // A new client id: the refused edit's clocks are never reused, so later edits do not depend on it.
    expect(sync.doc.clientID).not.toBe(refusedClient);
    // The refused copy's caret is removed for the others.
    const removals = socket.sent.filter((entry) => entry.event === "proposal:awareness");
    expect(removals.length).toBeGreaterThan(0);

    // Typing goes on in the new copy and is stored.
    socket.refuseUpdate = () => null;
    firstLine(sync).insert(storedLine.length, " Disepakati.");
    await vi.waitFor(() => expect(session.getState().syncState.unsaved).toBe(0));
    expect(bodyText(socket.serverDoc.getXmlFragment(proposalBodyFragment))).toBe(`${storedLine} Disepakati.`);
  });

  it("empties the IndexedDB copy of the refused edit: after a reload the copy is the server's and sends nothing", async () => {
    const socket = serverWithText(storedLine);
    const session = openSession(socket);
    await vi.waitFor(() => expect(session.getState().syncState.synced).toBe(true));
    socket.refuseUpdate = () => "UPDATE_TOO_LARGE";
    firstLine(session.getState().sync).insert(0, refusedLine);
    await vi.waitFor(() => expect(session.getState().discarded?.text).toBe(refusedLine.trim()));
    const after = await offlineCopy();
    expectServerState(after, socket);
    after.destroy();

    session.destroy();
    const updatesBefore = socket.updatesSent().length;
    const reloaded = openSession(socket);
    await vi.waitFor(() => expect(reloaded.getState().syncState.synced).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(socket.updatesSent()).toHaveLength(updatesBefore);
    expect(reloaded.getState()).toMatchObject({ rollingBack: false, discarded: null });
    expectServerState(reloaded.getState().sync.doc, socket);
  });

  it("rolls back on the reload a refused edit that the IndexedDB copy still held, and offers its text", async () => {
    // The tab closed before the refusal came back: the offline copy holds the stored text and the edit.
    const socket = serverWithText(storedLine);
    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(socket.serverDoc));
    const line = (before.getXmlFragment(proposalBodyFragment).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    line.insert(storedLine.length, refusedLine);
    const persistence = new IndexeddbPersistence(offlineCopyName, before);
    await persistence.whenSynced;
    await persistence.destroy();

    socket.refuseUpdate = () => "DOCUMENT_TOO_LARGE";
    const session = openSession(socket);
    await vi.waitFor(() => expect(session.getState().discarded).not.toBeNull());
    expect(session.getState().discarded).toEqual({ code: "DOCUMENT_TOO_LARGE", text: refusedLine.trim() });
    expectServerState(session.getState().sync.doc, socket);
    const after = await offlineCopy();
    expectServerState(after, socket);
    after.destroy();
  });

  it("keeps in the new copy what others stored while the refused edit was rolled back", async () => {
    const socket = serverWithText(storedLine);
    const session = openSession(socket);
    await vi.waitFor(() => expect(session.getState().syncState.synced).toBe(true));
    let othersStored = false;
    socket.refuseUpdate = () => {
      // Someone else's edit is stored just before the refusal goes out; the author's copy never saw it.
      if (!othersStored) {
        othersStored = true;
        const other = new Y.Doc();
        Y.applyUpdate(other, Y.encodeStateAsUpdate(socket.serverDoc));
        const text = (other.getXmlFragment(proposalBodyFragment).get(0) as Y.XmlElement).get(0) as Y.XmlText;
        text.insert(0, "Usulan warga: ");
        Y.applyUpdate(socket.serverDoc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(socket.serverDoc)));
      }
      return "DOCUMENT_TOO_LARGE";
    };
    firstLine(session.getState().sync).insert(storedLine.length, refusedLine);
    await vi.waitFor(() => expect(session.getState().discarded).not.toBeNull());
    expect(bodyText(session.getState().sync.body)).toBe(`Usulan warga: ${storedLine}`);
    expect(session.getState().discarded?.text).toBe(refusedLine.trim());
    expectServerState(session.getState().sync.doc, socket);
  });

  it("joins the texts of two refusals until the author dismisses them", async () => {
    const socket = serverWithText(storedLine);
    const session = openSession(socket);
    await vi.waitFor(() => expect(session.getState().syncState.synced).toBe(true));
    socket.refuseUpdate = () => "FORBIDDEN";
    firstLine(session.getState().sync).insert(0, "Pertama. ");
    await vi.waitFor(() => expect(session.getState().discarded?.text).toBe("Pertama."));
    firstLine(session.getState().sync).insert(0, "Kedua. ");
    await vi.waitFor(() => expect(session.getState().discarded?.text).toBe("Pertama.\n\nKedua."));
    session.dismissDiscarded();
    expect(session.getState().discarded).toBeNull();
    expectServerState(session.getState().sync.doc, socket);
  });
});

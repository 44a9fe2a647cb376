// A Yjs provider for one proposal over the tab's socket: sync steps 1/2 through "proposal:open", local
// updates out as "proposal:update" through the unacknowledged queue, remote ones applied with a remote
// origin (never echoed), carets through y-protocols awareness, and offline edits kept in IndexedDB.
import { proposalBodyFragment } from "@mufakat/shared";
import { IndexeddbPersistence } from "y-indexeddb";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import type { ApiError } from "../api/ApiError.ts";
import { toApiError } from "../api/queryClient.ts";
import type { LiveSocket } from "../realtime/liveConnection.ts";
import { liveRequest } from "../realtime/liveRequest.ts";
import { OutgoingUpdates, type RefusedUpdate } from "./outgoingUpdates.ts";

/** The origin of every change that came from the server: such changes are never sent back. */
export const remoteOrigin = Symbol("remote");

/** Local updates made within this window go out as one merged update (keeps typing under the rate limit). */
const batchMs = 40;
/** At most one caret update per this many ms; the last one always goes. */
const awarenessThrottleMs = 120;
/** How long to wait for IndexedDB before syncing without the offline copy. */
const persistenceWaitMs = 2_000;

export interface ProposalSyncState {
  /** Opened on the current connection (sync steps done). */
  opened: boolean;
  /** At least one sync with the server happened, so the text shown is the server's. */
  synced: boolean;
  /** Local edits not yet acknowledged as stored. */
  unsaved: number;
  refused: RefusedUpdate | null;
  openError: ApiError | null;
}

export class ProposalSync {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly outgoing: OutgoingUpdates;
  private readonly persistence: IndexeddbPersistence | null;
  private readonly persisted: Promise<unknown>;
  private state: ProposalSyncState = { opened: false, synced: false, unsaved: 0, refused: null, openError: null };
  private readonly listeners = new Set<() => void>();
  private pending: Uint8Array[] = [];
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  private awarenessTimer: ReturnType<typeof setTimeout> | undefined;
  private awarenessSentAt = 0;
  private opening: Promise<void> | null = null;
  private destroyed = false;

  constructor(
    private readonly socket: LiveSocket,
    readonly proposalId: string,
    /** The signed-in user: offline copies are kept per user and proposal. */
    userId: string,
  ) {
    this.outgoing = new OutgoingUpdates(
      {
        canSend: () => this.state.opened && this.socket.connected,
        send: (update, clientUpdateId) =>
          this.socket.timeout(10_000).emitWithAck("proposal:update", { proposalId, update, clientUpdateId }),
      },
      String(this.doc.clientID),
    );
    this.persistence = openPersistence(`mufakat.proposal.${userId}.${proposalId}`, this.doc);
    this.persisted = this.persistence
      ? Promise.race([this.persistence.whenSynced, new Promise((resolve) => setTimeout(resolve, persistenceWaitMs))])
      : Promise.resolve();

    this.doc.on("update", this.localUpdate);
    this.awareness.on("update", this.awarenessChanged);
    this.outgoing.onChange(() =>
      this.setState({ unsaved: this.outgoing.size, refused: this.outgoing.refused.at(-1) ?? null }),
    );
    socket.on("proposal:update", this.remoteUpdate);
    socket.on("proposal:awareness", this.remoteAwareness);
    socket.on("disconnect", this.connectionLost);
  }

  get body(): Y.XmlFragment {
    return this.doc.getXmlFragment(proposalBodyFragment);
  }

  getState = (): ProposalSyncState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Sync step 1 and 2 on the current connection (call after the room is joined), then sends what the server lacks. */
  open(): Promise<void> {
    this.opening ??= this.runOpen().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async runOpen(): Promise<void> {
    await this.persisted;
    if (this.destroyed || !this.socket.connected) return;
    try {
      const opened = await liveRequest(this.socket, "proposal:open", {
        proposalId: this.proposalId,
        stateVector: Y.encodeStateVector(this.doc),
      });
      if (this.destroyed) return;
      Y.applyUpdate(this.doc, new Uint8Array(opened.update), remoteOrigin);
      if (opened.awareness) applyAwarenessUpdate(this.awareness, new Uint8Array(opened.awareness), remoteOrigin);
      this.setState({ opened: true, synced: true, openError: null });
      this.flushBatch();
      // What the server lacks (offline edits included); an empty update is two zero bytes.
      const missing = Y.encodeStateAsUpdate(this.doc, new Uint8Array(opened.stateVector));
      if (missing.byteLength > 2) this.outgoing.add(missing);
      this.outgoing.resendAll();
      this.sendAwareness();
    } catch (error) {
      if (!this.destroyed) this.setState({ openError: toApiError(error) });
    }
  }

  /** Closes the proposal on the server (its carets disappear for the others) and releases everything. */
  destroy(): void {
    if (this.destroyed) return;
    this.flushBatch();
    this.destroyed = true;
    clearTimeout(this.batchTimer);
    clearTimeout(this.awarenessTimer);
    this.socket.off("proposal:update", this.remoteUpdate);
    this.socket.off("proposal:awareness", this.remoteAwareness);
    this.socket.off("disconnect", this.connectionLost);
    if (this.socket.connected && this.state.opened) {
      this.socket.emit("proposal:close", { proposalId: this.proposalId }, () => undefined);
    }
    this.awareness.destroy();
    // IndexedDB keeps the edits not yet acknowledged: they are sent the next time the proposal opens.
    void this.persistence?.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private localUpdate = (update: Uint8Array, origin: unknown): void => {
    // What IndexedDB loads is either known to the server or reaches it with the next open's sync step.
    if (origin === remoteOrigin || (this.persistence !== null && origin === this.persistence)) return;
    this.pending.push(update);
    this.batchTimer ??= setTimeout(() => this.flushBatch(), batchMs);
  };

  private flushBatch(): void {
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    if (this.pending.length === 0 || this.destroyed) return;
    const merged = this.pending.length === 1 ? this.pending[0] : Y.mergeUpdates(this.pending);
    this.pending = [];
    if (merged) this.outgoing.add(merged);
  }

  private remoteUpdate = ({ proposalId, update }: { proposalId: string; update: ArrayBuffer | Uint8Array }) => {
    if (proposalId === this.proposalId) Y.applyUpdate(this.doc, new Uint8Array(update), remoteOrigin);
  };

  private remoteAwareness = ({ proposalId, update }: { proposalId: string; update: ArrayBuffer | Uint8Array }) => {
    if (proposalId === this.proposalId) applyAwarenessUpdate(this.awareness, new Uint8Array(update), remoteOrigin);
  };

  private connectionLost = (): void => {
    // The server drops this socket's carets; the others' come back with the next open.
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    removeAwarenessStates(this.awareness, others, remoteOrigin);
    this.outgoing.connectionLost();
    this.setState({ opened: false });
  };

  private awarenessChanged = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === remoteOrigin) return;
    if (![...added, ...updated, ...removed].includes(this.doc.clientID)) return;
    const wait = this.awarenessSentAt + awarenessThrottleMs - Date.now();
    if (wait <= 0) this.sendAwareness();
    else this.awarenessTimer ??= setTimeout(() => this.sendAwareness(), wait);
  };

  private sendAwareness(): void {
    clearTimeout(this.awarenessTimer);
    this.awarenessTimer = undefined;
    if (this.destroyed || !this.state.opened || !this.socket.connected) return;
    this.awarenessSentAt = Date.now();
    const update = encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
    this.socket.emit("proposal:awareness", { proposalId: this.proposalId, update }, () => undefined);
  }

  private setState(change: Partial<ProposalSyncState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}

function openPersistence(name: string, doc: Y.Doc): IndexeddbPersistence | null {
  if (typeof indexedDB === "undefined") return null;
  try {
    return new IndexeddbPersistence(name, doc);
  } catch (error) {
    // Private browsing can forbid IndexedDB: editing still works, only not across a reload while offline.
    console.warn("IndexedDB unavailable; offline edits are kept in memory only", error);
    return null;
  }
}

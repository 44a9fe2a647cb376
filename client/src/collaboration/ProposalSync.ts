// A Yjs provider for one proposal over the tab's socket: sync steps 1/2 through "proposal:open", local
// updates out as "proposal:update" through the unacknowledged queue, remote ones applied with a remote
// origin (never echoed), carets through y-protocols awareness, and offline edits kept in IndexedDB. A copy
// whose edit the server refused is discarded whole (ProposalSession replaces it with the server's state).
import { limits, proposalBodyFragment } from "@mufakat/shared";
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
  /** Local edits not yet acknowledged as stored (a batch still being gathered counts as one). */
  unsaved: number;
  /** An edit the server will never take: this copy now differs from the stored document. */
  refused: RefusedUpdate | null;
  openError: ApiError | null;
}

export class ProposalSync {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly outgoing: OutgoingUpdates;
  private readonly persistence: IndexeddbPersistence | null;
  private readonly persistenceName: string;
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
        canSend: () => !this.destroyed && this.state.opened && this.socket.connected,
        send: (update, clientUpdateId) =>
          this.socket.timeout(10_000).emitWithAck("proposal:update", { proposalId, update, clientUpdateId }),
      },
      String(this.doc.clientID),
    );
    this.persistenceName = `mufakat.proposal.${userId}.${proposalId}`;
    this.persistence = openPersistence(this.persistenceName, this.doc);
    this.persisted = this.persistence
      ? Promise.race([this.persistence.whenSynced, new Promise((resolve) => setTimeout(resolve, persistenceWaitMs))])
      : Promise.resolve();

    this.doc.on("update", this.localUpdate);
    this.awareness.on("update", this.awarenessChanged);
    this.outgoing.onChange(() => this.saveStateChanged());
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
    const close = this.socket.connected && this.state.opened;
    this.destroyed = true;
    if (close) this.socket.emit("proposal:close", { proposalId: this.proposalId }, () => undefined);
    // IndexedDB keeps the edits not yet acknowledged: they are sent the next time the proposal opens.
    void this.persistence?.destroy();
    this.release();
  }

  /**
   * Forgets this copy after the server refused one of its edits: nothing more is sent (edits not yet
   * acknowledged go with it), its caret is removed for the others, and its IndexedDB copy is emptied, so a
   * new ProposalSync for the proposal starts from the server's state alone. The proposal stays open on the
   * socket for that new copy. Resolves once the offline copy is empty.
   */
  async discard(): Promise<void> {
    if (this.destroyed) return;
    const announce = this.socket.connected && this.state.opened;
    this.destroyed = true;
    this.pending = [];
    if (announce) {
      this.awareness.setLocalState(null);
      const removal = encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
      this.socket.emit("proposal:awareness", { proposalId: this.proposalId, update: removal }, () => undefined);
    }
    const closed = this.persistence?.destroy();
    this.release();
    if (!this.persistence) return;
    await closed;
    await emptyOfflineCopy(this.persistenceName);
  }

  private release(): void {
    clearTimeout(this.batchTimer);
    clearTimeout(this.awarenessTimer);
    this.socket.off("proposal:update", this.remoteUpdate);
    this.socket.off("proposal:awareness", this.remoteAwareness);
    this.socket.off("disconnect", this.connectionLost);
    this.awareness.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private localUpdate = (update: Uint8Array, origin: unknown): void => {
    // What IndexedDB loads is either known to the server or reaches it with the next open's sync step.
    if (origin === remoteOrigin || (this.persistence !== null && origin === this.persistence)) return;
    if (this.destroyed) return;
    this.pending.push(update);
    // From the first keystroke of a batch on, the status no longer says every edit is saved.
    if (this.pending.length === 1) this.saveStateChanged();
    this.batchTimer ??= setTimeout(() => this.flushBatch(), batchMs);
  };

  private flushBatch(): void {
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    if (this.pending.length === 0 || this.destroyed) return;
    const batch = this.pending;
    this.pending = [];
    const merged = batch.length === 1 ? batch[0] : Y.mergeUpdates(batch);
    if (!merged) return;
    // Edits the server takes one by one are not merged into one it would refuse as too large.
    if (batch.length > 1 && merged.byteLength > limits.yjsUpdateBytes) {
      for (const update of batch) this.outgoing.add(update);
    } else {
      this.outgoing.add(merged);
    }
  }

  private saveStateChanged(): void {
    this.setState({
      unsaved: this.outgoing.size + (this.pending.length > 0 ? 1 : 0),
      refused: this.outgoing.refused.at(-1) ?? null,
    });
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

/** Empties the IndexedDB copy named `name` (the store y-indexeddb keeps its updates in), open elsewhere or not. */
function emptyOfflineCopy(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    // A copy never opened before gets the stores y-indexeddb would make, so that it can open it later.
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains("updates")) db.createObjectStore("updates", { autoIncrement: true });
      if (!db.objectStoreNames.contains("custom")) db.createObjectStore("custom");
    };
    request.onerror = () => reject(request.error ?? new Error(`IndexedDB ${name} did not open`));
    request.onsuccess = () => {
      const db = request.result;
      const transaction = db.transaction(["updates"], "readwrite");
      transaction.objectStore("updates").clear();
      transaction.oncomplete = () => {
        db.close();
        resolve();
      };
      transaction.onabort = () => {
        db.close();
        reject(transaction.error ?? new Error(`IndexedDB ${name} was not emptied`));
      };
    };
  });
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

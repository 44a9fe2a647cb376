// One proposal's document while it is in memory on this process (Hocuspocus's Document): the Y.Doc, its
// validation copy, the stores in flight, the viewers' connections and awareness, the log counters that
// trigger compaction, and the idle unload. It releases all of it (timer, awareness, Y.Docs) when it unloads.
//
// The live Y.Doc holds stored updates only; the ones being stored are kept aside ("in flight") and go into
// sync replies, so a client opening the document meanwhile does not miss an edit it was not yet in the
// channel for. A document is kept while a store is pending or has failed since the last success, and is
// unloaded only when no client has it open.
import type { Types } from "mongoose";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import { DocumentConnection } from "./documentConnection.ts";
import { type CompactionResult, type UpdateLogWriter, applyInSlices, loadStoredState } from "./updateLog.ts";
import { ValidationCopy } from "./validationCopy.ts";

/** How documents reach clients and the other processes; wired by the realtime layer. */
export interface DocumentRelay {
  /** A validated client edit whose store is under way: send it to this process's other viewers now. */
  validatedUpdate(proposalId: string, update: Uint8Array, senderSocketId: string): void;
  /** A client edit now stored: the other processes apply it to their copy and relay it to their viewers. */
  storedUpdate(proposalId: string, update: Uint8Array): void;
  /** An update applied here that came from another process: send it to this process's viewers. */
  remoteUpdateApplied(proposalId: string, update: Uint8Array): void;
  /** Awareness states removed by the server (a viewer left): send to every viewer. */
  awarenessRemoved(proposalId: string, update: Uint8Array): void;
}

/** Who sends an edit: the socket that relays skip, the author stored with it, and its authorization. */
export interface EditSource {
  readonly socketId: string;
  readonly userId: Types.ObjectId;
  /** Throws (an AppError) when this source may not edit the proposal now. */
  authorizeEdit(proposalId: string): Promise<void>;
}

/** What a document uses of the hub that owns it (DocumentHub). */
export interface DocumentHost {
  readonly ctx: AppContext;
  readonly log: UpdateLogWriter;
  readonly relay: DocumentRelay | null;
  /** True once the hub is shutting down: no compaction or unload is started any more. */
  readonly closed: boolean;
  readonly compactAfterUpdates: number;
  readonly compactAfterLogBytes: number;
  readonly idleUnloadMs: number;
  /** Compacts the proposal's log (the hub's compact, which tells the live document what was merged). */
  compactInBackground(document: LiveDocument): void;
  /** The document unloaded itself: the hub forgets it. */
  unloaded(document: LiveDocument): void;
}

export class LiveDocument {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Resolves once the stored state is applied; a failed load removes the document (DocumentHub.obtain). */
  readonly ready: Promise<void>;
  private readonly validation = new ValidationCopy(this.doc);
  /** Validated updates whose store is in flight: relayed already, not yet in `doc`. */
  private readonly inFlight = new Set<Uint8Array>();
  private readonly connections = new Map<string, DocumentConnection>();
  /** Non-viewer users of the document (an edit without an open, saving a version) keep it loaded too. */
  private holds = 0;
  private loaded = false;
  /** Updates from other processes that arrived while the document was loading. */
  private readonly remoteBuffer: Uint8Array[] = [];
  private pendingStores = 0;
  private storeFailing = false;
  private logEntries = 0;
  private logBytes = 0;
  private compacting = false;
  private unloadTimer: NodeJS.Timeout | null = null;
  private destroyed = false;

  constructor(
    private readonly host: DocumentHost,
    readonly proposalId: string,
    readonly objectId: Types.ObjectId,
  ) {
    this.awareness.setLocalState(null);
    this.ready = this.load();
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  /** What this document holds now, for DocumentHub.resources(). */
  get holding() {
    return {
      connections: this.connections.size,
      awarenessStates: this.awareness.getStates().size,
      unloadTimer: this.unloadTimer ? 1 : 0,
      pendingStores: this.pendingStores,
    };
  }

  /** A socket opens the document (again: the same connection); resolves once it is loaded. */
  async connect(socketId: string): Promise<DocumentConnection> {
    let connection = this.connections.get(socketId);
    if (!connection) {
      connection = new DocumentConnection(this, socketId);
      this.connections.set(socketId, connection);
    }
    this.cancelUnload();
    try {
      await this.ready;
    } catch (error) {
      connection.close();
      throw error;
    }
    return connection;
  }

  /** Called by DocumentConnection.close: its awareness states go, the document may unload. */
  disconnect(connection: DocumentConnection): void {
    if (this.connections.get(connection.socketId) !== connection) return;
    this.connections.delete(connection.socketId);
    const present = [...connection.clientIds].filter((id) => this.awareness.getStates().has(id));
    connection.clientIds.clear();
    if (present.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, present, "left");
      this.host.relay?.awarenessRemoved(
        this.proposalId,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, present),
      );
    }
    this.scheduleUnload();
  }

  /** Keeps the document loaded for a user that is not a viewer, until `release`. */
  hold(): void {
    this.holds += 1;
    this.cancelUnload();
  }

  release(): void {
    this.holds -= 1;
    this.scheduleUnload();
  }

  /** Sync step 2 for a client state vector, and the server's state vector. */
  syncReply(clientStateVector: Uint8Array): { update: Uint8Array; stateVector: Uint8Array } {
    let update: Uint8Array;
    try {
      update = Y.encodeStateAsUpdate(this.doc, clientStateVector);
      if (this.inFlight.size > 0) update = Y.mergeUpdates([update, ...this.inFlight]);
    } catch {
      throw appError("VALIDATION_FAILED", "stateVector: not a Yjs state vector", [
        { path: "stateVector", message: "not a Yjs state vector" },
      ]);
    }
    return { update, stateVector: Y.encodeStateVector(this.doc) };
  }

  /** The awareness states of this process's viewers, or null when there are none. */
  awarenessSnapshot(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients) : null;
  }

  /** The socket (on this process) that announced an awareness client id, if any. */
  awarenessOwner(clientId: number): string | null {
    for (const connection of this.connections.values())
      if (connection.clientIds.has(clientId)) return connection.socketId;
    return null;
  }

  /**
   * The document's stages of one client edit, which DocumentHub.edit has authorized and shape-checked:
   * validate against this document → store (append to the log) → relay to this process's viewers while the
   * store is under way (the sender keeps the edit until its ack and resends it, so a failed store loses
   * nothing) → once durable, apply to the live document and pass it to the other processes. Resolves with
   * the log id once stored, null for an update already stored (a resend), which is neither stored nor relayed.
   */
  async commit(update: Uint8Array, source: EditSource): Promise<Types.ObjectId | null> {
    await this.ready;
    // A resend, or a sync reply that only repeats the delete set: acknowledged, not stored again.
    if (this.alreadyStored(update)) return null;
    this.validation.check(update);
    this.pendingStores += 1;
    this.inFlight.add(update);
    let logId: Types.ObjectId;
    try {
      const stored = this.host.log.append({ proposalId: this.objectId, update, userId: source.userId });
      this.host.relay?.validatedUpdate(this.proposalId, update, source.socketId);
      logId = await stored;
    } catch (error) {
      this.storeFailing = true;
      // The validation copy holds an update that was not stored; rebuild it from the live document.
      this.validation.drop();
      throw error;
    } finally {
      this.pendingStores -= 1;
      this.inFlight.delete(update);
    }
    this.storeFailing = false;
    Y.applyUpdate(this.doc, update, "client");
    this.logEntries += 1;
    this.logBytes += update.byteLength;
    this.maybeCompact();
    this.host.relay?.storedUpdate(this.proposalId, update);
    this.host.ctx.logger.debug({ proposalId: this.proposalId, bytes: update.byteLength }, "update stored");
    return logId;
  }

  /** An update another process stored: applied once loaded (buffered until then). */
  receiveRemote(update: Uint8Array): void {
    if (!this.loaded) {
      this.remoteBuffer.push(update);
      return;
    }
    this.applyRemote(update);
  }

  /** Applies what the store holds and this copy lacks (missed while Redis was unreachable). */
  async catchUpWithStore(): Promise<void> {
    if (!this.loaded) return;
    const stored = await loadStoredState(this.host.ctx, this.objectId);
    if (stored.updates.length === 0 || this.destroyed) return;
    this.applyRemote(Y.diffUpdate(Y.mergeUpdates(stored.updates), Y.encodeStateVector(this.doc)));
  }

  /** A compaction merged entries of this document's log into the snapshot. */
  compacted(result: CompactionResult): void {
    if (result.state !== "compacted") return;
    this.logEntries = Math.max(0, this.logEntries - result.merged);
    this.logBytes = Math.max(0, this.logBytes - result.mergedBytes);
  }

  /** Drops everything the document holds; it is of no use afterwards. */
  destroy(): void {
    this.destroyed = true;
    this.cancelUnload();
    // Nobody is told: the document goes with the server (shutdown) or never loaded.
    for (const connection of this.connections.values()) connection.ended();
    this.connections.clear();
    this.awareness.destroy();
    this.validation.drop();
    this.doc.destroy();
  }

  private async load(): Promise<void> {
    const stored = await loadStoredState(this.host.ctx, this.objectId);
    await applyInSlices(this.doc, stored.updates);
    this.logEntries = stored.logEntries;
    this.logBytes = stored.logBytes;
    this.loaded = true;
    for (const update of this.remoteBuffer.splice(0)) this.applyRemote(update);
    this.maybeCompact();
  }

  private applyRemote(update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, "remote");
      this.validation.follow(update);
      this.logEntries += 1;
      this.logBytes += update.byteLength;
    } catch (error) {
      // Another process stored it after validating it; failing here means this copy is damaged.
      this.host.ctx.logger.error({ err: error, proposalId: this.proposalId }, "remote update did not apply");
      this.validation.drop();
      return;
    }
    this.host.relay?.remoteUpdateApplied(this.proposalId, update);
  }

  /**
   * True when the live document (which holds only stored updates) already has every struct and deletion
   * of the update. The cheap state-vector check comes first; the snapshot is built only when it passes.
   */
  private alreadyStored(update: Uint8Array): boolean {
    // The document's clock per client, read directly: encoding and decoding the whole state vector for
    // every edit grew with the number of clients that ever edited.
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if (Y.getState(this.doc.store, client) < clock) return false;
    }
    return Y.snapshotContainsUpdate(Y.snapshot(this.doc), update);
  }

  private maybeCompact(): void {
    if (this.host.closed || this.compacting) return;
    if (this.logEntries < this.host.compactAfterUpdates && this.logBytes < this.host.compactAfterLogBytes) return;
    this.compacting = true;
    this.host.compactInBackground(this);
  }

  /** The background compaction started by maybeCompact ended (either way). */
  compactionEnded(): void {
    this.compacting = false;
    this.scheduleUnload();
  }

  private cancelUnload(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
  }

  private scheduleUnload(): void {
    if (this.connections.size > 0 || this.holds > 0 || this.host.closed || this.destroyed) return;
    this.cancelUnload();
    this.unloadTimer = setTimeout(() => {
      this.unloadTimer = null;
      if (this.connections.size > 0 || this.holds > 0) return;
      // Never drop a document while a store is pending or failing, or while it is being compacted.
      if (this.pendingStores > 0 || this.compacting) {
        this.scheduleUnload();
        return;
      }
      if (this.storeFailing) {
        // Unstored updates were never applied here (their senders keep them unacked), but stay loaded
        // until the database answers again.
        this.host.ctx.models.ProposalUpdate.exists({ proposalId: this.objectId })
          .then(() => {
            this.storeFailing = false;
          })
          .catch(() => undefined)
          .finally(() => this.scheduleUnload());
        return;
      }
      this.host.unloaded(this);
      this.destroy();
    }, this.host.idleUnloadMs);
    this.unloadTimer.unref();
  }
}

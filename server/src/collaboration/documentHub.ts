// The live proposal documents of this process: loading, validating and storing edits, applying what
// other processes stored, awareness, background compaction and unloading.
//
// An edit goes: parse (refuse malformed) -> apply to the validation copy (refuse what breaks it or grows the
// document past its limit) -> the caller relays it to this process's viewers -> append to the update log ->
// apply to the live document -> the caller acks it and tells the other processes. The live document holds
// stored updates only; the ones being stored are kept aside ("in flight") and go into sync replies, so a
// client opening the document meanwhile does not miss an edit it was not yet in the channel for. A document is kept while a store is pending or has failed since the last success,
// and unloaded only when no client has it open.
import { limits } from "@mufakat/shared";
import { Types } from "mongoose";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import {
  type CompactionHooks,
  type UpdateLogHooks,
  UpdateLogWriter,
  applyInSlices,
  compactProposalLog,
  loadStoredState,
} from "./updateLog.ts";
import { parseAwarenessUpdate, parseUpdate } from "./yjsUpdates.ts";

export interface CollaborationOptions extends CompactionHooks, UpdateLogHooks {
  /** Log entries after which compaction runs (default limits.compactAfterUpdates). */
  compactAfterUpdates?: number;
  /** Bytes of log after which compaction runs, however few the entries (default limits.compactAfterLogBytes). */
  compactAfterLogBytes?: number;
  /** Idle time before a document nobody has open is unloaded (default limits.documentIdleUnloadMs). */
  idleUnloadMs?: number;
}

/** How the hub reaches clients and the other processes; wired by the realtime layer. */
export interface DocumentRelay {
  /** An update applied here that came from another process: send it to this process's viewers. */
  remoteUpdateApplied(proposalId: string, update: Uint8Array): void;
  /** Awareness states removed by the server (a viewer left): send to every viewer. */
  awarenessRemoved(proposalId: string, update: Uint8Array): void;
}

interface LiveDocument {
  proposalId: string;
  doc: Y.Doc;
  /** Validation copy: the live state plus updates whose store is in flight; null means "rebuild it". */
  shadow: Y.Doc | null;
  shadowBytesEstimate: number;
  /** Validated updates whose store is in flight: relayed already, not yet in `doc`. */
  inFlight: Set<Uint8Array>;
  awareness: awarenessProtocol.Awareness;
  /** Awareness client ids each socket announced, to remove them when it leaves. */
  awarenessBySocket: Map<string, Set<number>>;
  viewers: Set<string>;
  /** Non-viewer users of the document (saving a version) keep it loaded too. */
  holds: number;
  ready: Promise<void>;
  loaded: boolean;
  /** Updates from other processes that arrived while the document was loading. */
  remoteBuffer: Uint8Array[];
  pendingStores: number;
  storeFailing: boolean;
  logEntries: number;
  logBytes: number;
  compacting: boolean;
  unloadTimer: NodeJS.Timeout | null;
}

export class DocumentHub {
  private readonly documents = new Map<string, LiveDocument>();
  private readonly compactAfter: number;
  private readonly compactAfterBytes: number;
  private readonly idleUnloadMs: number;
  private relay: DocumentRelay | null = null;
  private closed = false;
  private readonly background = new Set<Promise<unknown>>();
  private readonly log: UpdateLogWriter;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: CollaborationOptions = {},
  ) {
    this.log = new UpdateLogWriter(ctx, options);
    this.compactAfter = options.compactAfterUpdates ?? limits.compactAfterUpdates;
    this.compactAfterBytes = options.compactAfterLogBytes ?? limits.compactAfterLogBytes;
    this.idleUnloadMs = options.idleUnloadMs ?? limits.documentIdleUnloadMs;
  }

  setRelay(relay: DocumentRelay): void {
    this.relay = relay;
  }

  /** Number of documents in memory (for tests and health). */
  get loadedCount(): number {
    return this.documents.size;
  }

  isLoaded(proposalId: string): boolean {
    return this.documents.has(proposalId);
  }

  /** Opens the document for a socket; resolves once it is loaded. */
  async open(proposalId: Types.ObjectId, socketId: string): Promise<LiveDocument> {
    const live = this.obtain(proposalId);
    live.viewers.add(socketId);
    this.cancelUnload(live);
    try {
      await live.ready;
    } catch (error) {
      live.viewers.delete(socketId);
      throw error;
    }
    return live;
  }

  /** Sync step 2 for a client state vector, and the server's state vector. */
  syncReply(live: LiveDocument, clientStateVector: Uint8Array): { update: Uint8Array; stateVector: Uint8Array } {
    let update: Uint8Array;
    try {
      update = Y.encodeStateAsUpdate(live.doc, clientStateVector);
      if (live.inFlight.size > 0) update = Y.mergeUpdates([update, ...live.inFlight]);
    } catch {
      throw appError("VALIDATION_FAILED", "stateVector: not a Yjs state vector", [
        { path: "stateVector", message: "not a Yjs state vector" },
      ]);
    }
    return { update, stateVector: Y.encodeStateVector(live.doc) };
  }

  /** The awareness states of this process's viewers, or null when there are none. */
  awarenessSnapshot(live: LiveDocument): Uint8Array | null {
    const clients = [...live.awareness.getStates().keys()];
    return clients.length ? awarenessProtocol.encodeAwarenessUpdate(live.awareness, clients) : null;
  }

  /** A socket closes the document (or disconnects): its awareness states go, the document may unload. */
  close(proposalId: string, socketId: string): void {
    const live = this.documents.get(proposalId);
    if (!live) return;
    this.removeSocketAwareness(live, socketId);
    live.viewers.delete(socketId);
    this.scheduleUnload(live);
  }

  /** Runs `use` with the loaded document, keeping it in memory meanwhile. */
  async withDocument<T>(proposalId: Types.ObjectId, use: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
    const live = this.obtain(proposalId);
    live.holds += 1;
    this.cancelUnload(live);
    try {
      await live.ready;
      return await use(live.doc);
    } finally {
      live.holds -= 1;
      this.scheduleUnload(live);
    }
  }

  /**
   * Validates, stores, then applies one client update. `accepted` runs once the update is validated and
   * before it is stored (the caller relays it then: the sender keeps it until its ack and resends it, so a
   * failed store loses nothing). Resolves with the log id once the update is durable (null for an update
   * that changes nothing, and then `accepted` does not run). Throws an AppError without storing otherwise.
   */
  async storeUpdate(
    props: { proposalId: Types.ObjectId; update: Uint8Array; userId: Types.ObjectId },
    accepted?: () => void,
  ): Promise<{ logId: Types.ObjectId | null }> {
    const { update } = props;
    if (update.byteLength > limits.yjsUpdateBytes) {
      throw appError("UPDATE_TOO_LARGE", `update: at most ${limits.yjsUpdateBytes} bytes`, {
        limit: limits.yjsUpdateBytes,
        bytes: update.byteLength,
      });
    }
    const parsed = parseUpdate(update);
    if (!parsed.ok) throw appError("MALFORMED_UPDATE", "update: not a valid Yjs update", { reason: parsed.reason });
    if (parsed.empty) return { logId: null };

    const proposalId = props.proposalId.toHexString();
    const live = this.obtain(props.proposalId);
    live.holds += 1;
    this.cancelUnload(live);
    try {
      await live.ready;
      // A resend, or a sync reply that only repeats the delete set: acknowledged, not stored again.
      if (this.alreadyStored(live, update)) return { logId: null };
      this.validateAgainstShadow(live, update);
      live.pendingStores += 1;
      live.inFlight.add(update);
      let logId: Types.ObjectId;
      try {
        const stored = this.log.append({ proposalId: props.proposalId, update, userId: props.userId });
        accepted?.();
        logId = await stored;
      } catch (error) {
        live.storeFailing = true;
        // The validation copy holds an update that was not stored; rebuild it from the live document.
        this.dropShadow(live);
        throw error;
      } finally {
        live.pendingStores -= 1;
        live.inFlight.delete(update);
      }
      live.storeFailing = false;
      Y.applyUpdate(live.doc, update, "client");
      live.logEntries += 1;
      live.logBytes += update.byteLength;
      this.maybeCompact(live);
      this.ctx.logger.debug({ proposalId, bytes: update.byteLength }, "update stored");
      return { logId };
    } finally {
      live.holds -= 1;
      this.scheduleUnload(live);
    }
  }

  /**
   * Catches every loaded document up with the store. While Redis was unreachable, updates the other
   * processes stored never arrived here; this applies what is missing and relays it to local viewers.
   */
  async catchUpWithStore(): Promise<void> {
    for (const live of [...this.documents.values()]) {
      if (!live.loaded) continue;
      const stored = await loadStoredState(this.ctx, new Types.ObjectId(live.proposalId));
      if (stored.updates.length === 0 || !this.documents.has(live.proposalId)) continue;
      const missing = Y.diffUpdate(Y.mergeUpdates(stored.updates), Y.encodeStateVector(live.doc));
      this.applyRemote(live, missing);
    }
  }

  /** An update another process stored: apply it to this process's copy, if it has one. */
  applyRemoteUpdate(proposalId: string, update: Uint8Array): void {
    const live = this.documents.get(proposalId);
    if (!live) return;
    if (!live.loaded) {
      live.remoteBuffer.push(update);
      return;
    }
    this.applyRemote(live, update);
  }

  /** The socket (on this process) that announced an awareness client id, if any. */
  awarenessOwner(proposalId: string, clientId: number): string | null {
    const live = this.documents.get(proposalId);
    if (!live) return null;
    for (const [socketId, ids] of live.awarenessBySocket) if (ids.has(clientId)) return socketId;
    return null;
  }

  /** Applies a client's awareness update; returns false when it is malformed (nothing applied). */
  applyAwareness(proposalId: string, socketId: string, update: Uint8Array): boolean {
    const parsed = parseAwarenessUpdate(update);
    if (!parsed.ok) return false;
    const live = this.documents.get(proposalId);
    if (!live) return true;
    awarenessProtocol.applyAwarenessUpdate(live.awareness, update, socketId);
    const ids = live.awarenessBySocket.get(socketId) ?? new Set<number>();
    for (const id of parsed.clientIds) {
      if (live.awareness.getStates().has(id)) ids.add(id);
      else ids.delete(id);
    }
    live.awarenessBySocket.set(socketId, ids);
    return true;
  }

  /** Compacts now (tests, and the background trigger). */
  async compact(proposalId: Types.ObjectId) {
    const result = await compactProposalLog(this.ctx, { proposalId, hooks: this.options });
    const live = this.documents.get(proposalId.toHexString());
    if (live && result.state === "compacted") {
      live.logEntries = Math.max(0, live.logEntries - result.merged);
      live.logBytes = Math.max(0, live.logBytes - result.mergedBytes);
    }
    return result;
  }

  /** Waits for background work (compactions), then drops every document. */
  async shutdown(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.background]);
    for (const live of this.documents.values()) this.destroy(live);
    this.documents.clear();
  }

  private obtain(proposalId: Types.ObjectId): LiveDocument {
    const key = proposalId.toHexString();
    const existing = this.documents.get(key);
    if (existing) return existing;
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const live: LiveDocument = {
      proposalId: key,
      doc,
      shadow: null,
      shadowBytesEstimate: 0,
      inFlight: new Set(),
      awareness,
      awarenessBySocket: new Map(),
      viewers: new Set(),
      holds: 0,
      ready: Promise.resolve(),
      loaded: false,
      remoteBuffer: [],
      pendingStores: 0,
      storeFailing: false,
      logEntries: 0,
      logBytes: 0,
      compacting: false,
      unloadTimer: null,
    };
    live.ready = this.load(live, proposalId);
    // A failed load must not leave a broken document behind: the next open retries.
    live.ready.catch(() => {
      if (this.documents.get(key) === live) {
        this.documents.delete(key);
        this.destroy(live);
      }
    });
    this.documents.set(key, live);
    return live;
  }

  private async load(live: LiveDocument, proposalId: Types.ObjectId): Promise<void> {
    const stored = await loadStoredState(this.ctx, proposalId);
    await applyInSlices(live.doc, stored.updates);
    live.logEntries = stored.logEntries;
    live.logBytes = stored.logBytes;
    live.loaded = true;
    for (const update of live.remoteBuffer.splice(0)) this.applyRemote(live, update);
    this.maybeCompact(live);
  }

  private applyRemote(live: LiveDocument, update: Uint8Array): void {
    try {
      Y.applyUpdate(live.doc, update, "remote");
      live.shadow?.transact(() => Y.applyUpdate(live.shadow as Y.Doc, update));
      live.shadowBytesEstimate += update.byteLength;
      live.logEntries += 1;
      live.logBytes += update.byteLength;
    } catch (error) {
      // Another process stored it after validating it; failing here means this copy is damaged.
      this.ctx.logger.error({ err: error, proposalId: live.proposalId }, "remote update did not apply");
      this.dropShadow(live);
      return;
    }
    this.relay?.remoteUpdateApplied(live.proposalId, update);
  }

  /**
   * True when the live document (which holds only stored updates) already has every struct and deletion
   * of the update. The cheap state-vector check comes first; the snapshot is built only when it passes.
   */
  private alreadyStored(live: LiveDocument, update: Uint8Array): boolean {
    // The document's clock per client, read directly: encoding and decoding the whole state vector for
    // every edit grew with the number of clients that ever edited.
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if (Y.getState(live.doc.store, client) < clock) return false;
    }
    return Y.snapshotContainsUpdate(Y.snapshot(live.doc), update);
  }

  private validateAgainstShadow(live: LiveDocument, update: Uint8Array): void {
    if (!live.shadow) {
      const state = Y.encodeStateAsUpdate(live.doc);
      live.shadow = new Y.Doc();
      Y.applyUpdate(live.shadow, state);
      live.shadowBytesEstimate = state.byteLength;
    }
    try {
      Y.applyUpdate(live.shadow, update, "validation");
    } catch (error) {
      this.dropShadow(live);
      throw appError("MALFORMED_UPDATE", "update: does not apply to this document", {
        reason: error instanceof Error ? error.message : "unreadable update",
      });
    }
    live.shadowBytesEstimate += update.byteLength;
    if (live.shadowBytesEstimate > limits.yjsDocumentBytes) {
      const exact = Y.encodeStateAsUpdate(live.shadow).byteLength;
      live.shadowBytesEstimate = exact;
      if (exact > limits.yjsDocumentBytes) {
        this.dropShadow(live);
        throw appError("DOCUMENT_TOO_LARGE", `the proposal would exceed ${limits.yjsDocumentBytes} bytes`, {
          limit: limits.yjsDocumentBytes,
          bytes: exact,
        });
      }
    }
  }

  private dropShadow(live: LiveDocument): void {
    live.shadow?.destroy();
    live.shadow = null;
  }

  private removeSocketAwareness(live: LiveDocument, socketId: string): void {
    const ids = live.awarenessBySocket.get(socketId);
    live.awarenessBySocket.delete(socketId);
    if (!ids || ids.size === 0) return;
    const present = [...ids].filter((id) => live.awareness.getStates().has(id));
    if (present.length === 0) return;
    awarenessProtocol.removeAwarenessStates(live.awareness, present, "left");
    this.relay?.awarenessRemoved(live.proposalId, awarenessProtocol.encodeAwarenessUpdate(live.awareness, present));
  }

  private maybeCompact(live: LiveDocument): void {
    if (this.closed || live.compacting) return;
    if (live.logEntries < this.compactAfter && live.logBytes < this.compactAfterBytes) return;
    live.compacting = true;
    const run = this.compact(toId(live.proposalId))
      .then((result) => this.ctx.logger.debug({ proposalId: live.proposalId, result }, "compaction"))
      .catch((error: unknown) => {
        this.ctx.logger.warn({ err: error, proposalId: live.proposalId }, "compaction failed; the log is intact");
      })
      .finally(() => {
        live.compacting = false;
        this.background.delete(run);
        this.scheduleUnload(live);
      });
    this.background.add(run);
  }

  private cancelUnload(live: LiveDocument): void {
    if (live.unloadTimer) clearTimeout(live.unloadTimer);
    live.unloadTimer = null;
  }

  private scheduleUnload(live: LiveDocument): void {
    if (live.viewers.size > 0 || live.holds > 0 || this.closed) return;
    this.cancelUnload(live);
    live.unloadTimer = setTimeout(() => {
      live.unloadTimer = null;
      if (live.viewers.size > 0 || live.holds > 0) return;
      // Never drop a document while a store is pending or failing, or while it is being compacted.
      if (live.pendingStores > 0 || live.compacting) {
        this.scheduleUnload(live);
        return;
      }
      if (live.storeFailing) {
        // Unstored updates were never applied here (their senders keep them unacked), but stay loaded
        // until the database answers again.
        this.ctx.models.ProposalUpdate.exists({ proposalId: toId(live.proposalId) })
          .then(() => {
            live.storeFailing = false;
          })
          .catch(() => undefined)
          .finally(() => this.scheduleUnload(live));
        return;
      }
      if (this.documents.get(live.proposalId) === live) this.documents.delete(live.proposalId);
      this.destroy(live);
    }, this.idleUnloadMs);
    live.unloadTimer.unref();
  }

  private destroy(live: LiveDocument): void {
    this.cancelUnload(live);
    live.awareness.destroy();
    live.shadow?.destroy();
    live.doc.destroy();
  }
}

function toId(hex: string): Types.ObjectId {
  return new Types.ObjectId(hex);
}

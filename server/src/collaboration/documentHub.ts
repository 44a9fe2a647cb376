// The live proposal documents of one app (Hocuspocus's Server): the map of documents in memory, their
// options, the update log writer they share (it batches appends across proposals), background
// compactions, and the relay the realtime layer wires in. Each document (liveDocument.ts) owns its Y.Doc,
// stores and unload; each socket's hold on one is a DocumentConnection (documentConnection.ts).
//
// An edit goes through one fixed sequence: authorize (the source's check) -> validate (size and shape
// here, then against the document) -> store (append to the update log) -> relay to this process's viewers
// while the store is under way -> once durable, apply to the live document and tell the other processes;
// the caller acks it then. An edit is so relayed once validated and acknowledged once stored.
import { limits } from "@mufakat/shared";
import { Types } from "mongoose";
import type * as Y from "yjs";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { DocumentConnection } from "./documentConnection.ts";
import { type DocumentHost, type DocumentRelay, type EditSource, LiveDocument } from "./liveDocument.ts";
import { type CompactionHooks, type UpdateLogHooks, UpdateLogWriter, compactProposalLog } from "./updateLog.ts";
import { parseUpdate } from "./yjsUpdates.ts";

export type { DocumentRelay, EditSource, LiveDocument };

export interface CollaborationOptions extends CompactionHooks, UpdateLogHooks {
  /** Log entries after which compaction runs (default limits.compactAfterUpdates). */
  compactAfterUpdates?: number;
  /** Bytes of log after which compaction runs, however few the entries (default limits.compactAfterLogBytes). */
  compactAfterLogBytes?: number;
  /** Idle time before a document nobody has open is unloaded (default limits.documentIdleUnloadMs). */
  idleUnloadMs?: number;
}

/** What the hub and its documents hold now: every count is back to zero once all is closed and unloaded. */
export interface CollaborationResources {
  liveDocuments: number;
  documentConnections: number;
  awarenessStates: number;
  unloadTimers: number;
  pendingStores: number;
  backgroundCompactions: number;
}

export class DocumentHub implements DocumentHost {
  readonly log: UpdateLogWriter;
  readonly compactAfterUpdates: number;
  readonly compactAfterLogBytes: number;
  readonly idleUnloadMs: number;
  private readonly documents = new Map<string, LiveDocument>();
  private readonly background = new Set<Promise<unknown>>();
  private currentRelay: DocumentRelay | null = null;
  private isClosed = false;

  constructor(
    readonly ctx: AppContext,
    private readonly options: CollaborationOptions = {},
  ) {
    this.log = new UpdateLogWriter(ctx, options);
    this.compactAfterUpdates = options.compactAfterUpdates ?? limits.compactAfterUpdates;
    this.compactAfterLogBytes = options.compactAfterLogBytes ?? limits.compactAfterLogBytes;
    this.idleUnloadMs = options.idleUnloadMs ?? limits.documentIdleUnloadMs;
  }

  get relay(): DocumentRelay | null {
    return this.currentRelay;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  setRelay(relay: DocumentRelay): void {
    this.currentRelay = relay;
  }

  /** Number of documents in memory (for tests and health). */
  get loadedCount(): number {
    return this.documents.size;
  }

  isLoaded(proposalId: string): boolean {
    return this.documents.has(proposalId);
  }

  resources(): CollaborationResources {
    const counts: CollaborationResources = {
      liveDocuments: this.documents.size,
      documentConnections: 0,
      awarenessStates: 0,
      unloadTimers: 0,
      pendingStores: 0,
      backgroundCompactions: this.background.size,
    };
    for (const live of this.documents.values()) {
      const holding = live.holding;
      counts.documentConnections += holding.connections;
      counts.awarenessStates += holding.awarenessStates;
      counts.unloadTimers += holding.unloadTimer;
      counts.pendingStores += holding.pendingStores;
    }
    return counts;
  }

  /** Opens the document for a socket; resolves with the socket's connection once the document is loaded. */
  open(proposalId: string, socketId: string): Promise<DocumentConnection> {
    return this.obtain(proposalId).connect(socketId);
  }

  /** Runs `use` with the loaded document, keeping it in memory meanwhile. */
  async withDocument<T>(proposalId: Types.ObjectId, use: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
    const live = this.obtain(proposalId.toHexString());
    live.hold();
    try {
      await live.ready;
      return await use(live.doc);
    } finally {
      live.release();
    }
  }

  /**
   * One client edit, through the fixed sequence of the header. Resolves with the log id once the update is
   * durable (null for an update that changes nothing or is already stored: neither stored nor relayed).
   * Throws an AppError without storing otherwise.
   */
  async edit(source: EditSource, proposalId: string, update: Uint8Array): Promise<{ logId: Types.ObjectId | null }> {
    await source.authorizeEdit(proposalId);
    if (update.byteLength > limits.yjsUpdateBytes) {
      throw appError("UPDATE_TOO_LARGE", `update: at most ${limits.yjsUpdateBytes} bytes`, {
        limit: limits.yjsUpdateBytes,
        bytes: update.byteLength,
      });
    }
    const parsed = parseUpdate(update);
    if (!parsed.ok) throw appError("MALFORMED_UPDATE", "update: not a valid Yjs update", { reason: parsed.reason });
    if (parsed.empty) return { logId: null };
    const live = this.obtain(proposalId);
    live.hold();
    try {
      return { logId: await live.commit(update, source) };
    } finally {
      live.release();
    }
  }

  /**
   * Catches every loaded document up with the store. While Redis was unreachable, updates the other
   * processes stored never arrived here; this applies what is missing and relays it to local viewers.
   */
  async catchUpWithStore(): Promise<void> {
    for (const live of [...this.documents.values()]) await live.catchUpWithStore();
  }

  /** An update another process stored: apply it to this process's copy, if it has one. */
  applyRemoteUpdate(proposalId: string, update: Uint8Array): void {
    this.documents.get(proposalId)?.receiveRemote(update);
  }

  /** Compacts now (tests, and the background trigger). */
  async compact(proposalId: Types.ObjectId) {
    const result = await compactProposalLog(this.ctx, { proposalId, hooks: this.options });
    // The document in memory now, which may have loaded while the compaction ran.
    this.documents.get(proposalId.toHexString())?.compacted(result);
    return result;
  }

  compactInBackground(live: LiveDocument): void {
    const run = this.compact(live.objectId)
      .then((result) => this.ctx.logger.debug({ proposalId: live.proposalId, result }, "compaction"))
      .catch((error: unknown) => {
        this.ctx.logger.warn({ err: error, proposalId: live.proposalId }, "compaction failed; the log is intact");
      })
      .finally(() => {
        this.background.delete(run);
        live.compactionEnded();
      });
    this.background.add(run);
  }

  unloaded(live: LiveDocument): void {
    if (this.documents.get(live.proposalId) === live) this.documents.delete(live.proposalId);
  }

  /** Waits for background work (compactions), then drops every document. */
  async shutdown(): Promise<void> {
    this.isClosed = true;
    await Promise.allSettled([...this.background]);
    for (const live of this.documents.values()) live.destroy();
    this.documents.clear();
  }

  private obtain(proposalId: string): LiveDocument {
    const existing = this.documents.get(proposalId);
    if (existing) return existing;
    const live = new LiveDocument(this, proposalId, new Types.ObjectId(proposalId));
    // A failed load must not leave a broken document behind: the next open retries.
    live.ready.catch(() => {
      if (this.documents.get(proposalId) === live) {
        this.documents.delete(proposalId);
        live.destroy();
      }
    });
    this.documents.set(proposalId, live);
    return live;
  }
}

// Persistence of proposal documents: an append-only update log plus one compacted snapshot per proposal.
//   load    = snapshot + every log entry still present (sorted by ObjectId). Entries already merged into
//             the snapshot may survive a crash between the snapshot write and the delete; applying them
//             again is harmless, Yjs deduplicates.
//   compact = read snapshot + log from the database (not from memory, so updates another process stored
//             but has not relayed yet are included), write the merged snapshot first (guarded by its
//             revision so two compactions cannot overwrite each other), then delete exactly the log
//             entries that were merged. An update stored meanwhile was not read, so it survives.
import { type EditSpan, accountabilityLimits, editSessions } from "@mufakat/shared";
import { Types, trusted } from "mongoose";
import * as Y from "yjs";
import type { AppContext } from "../context.ts";
import { isDuplicateKey } from "../errors.ts";
import { storedBytes } from "../models/collaboration.ts";

interface PendingAppend {
  entry: {
    _id: Types.ObjectId;
    proposalId: Types.ObjectId;
    update: Buffer;
    bytes: number;
    userId: Types.ObjectId;
    createdAt: Date;
  };
  resolve(id: Types.ObjectId): void;
  reject(error: unknown): void;
}

/**
 * Appends to the update log in batches: while one insert is in flight, the updates that arrive meanwhile
 * (any proposal) wait and go together in the next insertMany. Against FerretDB every request runs on one
 * connection and one SQLite commit each, so one write per update caps the whole server at the commit rate;
 * one write per batch does not. Each append still resolves only once the batch holding it is written, so
 * an edit is acknowledged only once stored. Ids are made in append order, which is the log order.
 */
export class UpdateLogWriter {
  private queue: PendingAppend[] = [];
  private writing = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly hooks: UpdateLogHooks = {},
    private readonly maxBatch = 500,
  ) {}

  append(props: { proposalId: Types.ObjectId; update: Uint8Array; userId: Types.ObjectId }): Promise<Types.ObjectId> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        entry: {
          _id: new Types.ObjectId(),
          proposalId: props.proposalId,
          update: Buffer.from(props.update.buffer, props.update.byteOffset, props.update.byteLength),
          bytes: props.update.byteLength,
          userId: props.userId,
          createdAt: this.ctx.now(),
        },
        resolve,
        reject,
      });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.hooks.beforeLogWrite?.();
          await this.ctx.models.ProposalUpdate.insertMany(
            batch.map((pending) => pending.entry),
            // lean: the entries are built here with their final types; mongoose's per-document casting and
            // validation showed up in the profiles of the edit path for nothing.
            { ordered: true, lean: true },
          );
        } catch (error) {
          // Some of an ordered batch may be stored; none is acknowledged. A resend stores it again, which
          // Yjs ignores when the log is read.
          for (const pending of batch) pending.reject(error);
          continue;
        }
        for (const pending of batch) pending.resolve(pending.entry._id);
      }
    } finally {
      this.writing = false;
    }
  }
}

export interface StoredDocumentState {
  /** The snapshot (if any) first, then log entries in log order. */
  updates: Uint8Array[];
  logEntries: number;
  logBytes: number;
}

export async function loadStoredState(ctx: AppContext, proposalId: Types.ObjectId): Promise<StoredDocumentState> {
  const snapshot = await ctx.models.ProposalSnapshot.findOne({ proposalId }).lean();
  const entries = await ctx.models.ProposalUpdate.find({ proposalId }, { update: 1, userId: 1, createdAt: 1 })
    .sort({ _id: 1 })
    .lean();
  return {
    updates: [...(snapshot ? [storedBytes(snapshot.state)] : []), ...entries.map((entry) => storedBytes(entry.update))],
    logEntries: entries.length,
    logBytes: entries.reduce((sum, entry) => sum + storedBytes(entry.update).byteLength, 0),
  };
}

/** The stored document as one update (snapshot + log), without touching any live document. */
export async function loadStoredDocument(ctx: AppContext, proposalId: Types.ObjectId): Promise<Uint8Array> {
  const { updates } = await loadStoredState(ctx, proposalId);
  const doc = new Y.Doc();
  try {
    Y.transact(doc, () => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

export type CompactionResult =
  | { state: "compacted"; merged: number; mergedBytes: number; snapshotBytes: number }
  | { state: "skipped"; reason: "nothing-to-merge" | "lost-race" };

export interface UpdateLogHooks {
  /** Test seam: runs before each batch of updates is written to the log. */
  beforeLogWrite?: () => Promise<void>;
}

export interface CompactionHooks {
  /** Test seam: runs after the log was read and before the snapshot is written. */
  beforeSnapshotWrite?: (proposalId: string) => Promise<void>;
}

const deleteBatch = 500;

export async function compactProposalLog(
  ctx: AppContext,
  props: { proposalId: Types.ObjectId; hooks?: CompactionHooks },
): Promise<CompactionResult> {
  const { proposalId } = props;
  const snapshot = await ctx.models.ProposalSnapshot.findOne({ proposalId }).lean();
  const entries = await ctx.models.ProposalUpdate.find({ proposalId }, { update: 1, userId: 1, createdAt: 1 })
    .sort({ _id: 1 })
    .lean();
  const last = entries.at(-1);
  if (!last) return { state: "skipped", reason: "nothing-to-merge" };

  const doc = new Y.Doc();
  let state: Uint8Array;
  try {
    await applyInSlices(doc, [
      ...(snapshot ? [storedBytes(snapshot.state)] : []),
      ...entries.map((e) => storedBytes(e.update)),
    ]);
    state = Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
  await props.hooks?.beforeSnapshotWrite?.(proposalId.toHexString());

  const fields = {
    state: Buffer.from(state.buffer, state.byteOffset, state.byteLength),
    upTo: last._id,
    mergedUpdates: (snapshot?.mergedUpdates ?? 0) + entries.length,
    editSessions: mergedEditSessions(proposalId, snapshot?.editSessions ?? [], entries),
    updatedAt: ctx.now(),
  };
  if (snapshot) {
    const written = await ctx.models.ProposalSnapshot.updateOne(
      { _id: snapshot._id, revision: snapshot.revision },
      { $set: fields, $inc: { revision: 1 } },
    );
    if (written.matchedCount !== 1) return { state: "skipped", reason: "lost-race" };
  } else {
    try {
      await ctx.models.ProposalSnapshot.create({ proposalId, revision: 1, ...fields });
    } catch (error) {
      if (isDuplicateKey(error)) return { state: "skipped", reason: "lost-race" };
      throw error;
    }
  }
  // Only now, with the snapshot safely written, do the merged entries go.
  const ids = entries.map((entry) => entry._id);
  for (let i = 0; i < ids.length; i += deleteBatch) {
    await ctx.models.ProposalUpdate.deleteMany({ _id: trusted({ $in: ids.slice(i, i + deleteBatch) }) });
  }
  const mergedBytes = entries.reduce((sum, entry) => sum + storedBytes(entry.update).byteLength, 0);
  return { state: "compacted", merged: entries.length, mergedBytes, snapshotBytes: state.byteLength };
}

type StoredEditSession = { userId: Types.ObjectId; from: Date; to: Date };

/**
 * The snapshot's editing sessions after merging `entries`: the ones it kept, extended or added to by the
 * entries' authors and times, the newest `editSessionsKeptPerProposal` only. Written with the state in
 * one update, so a session is never counted both from the snapshot and from the log.
 */
function mergedEditSessions(
  proposalId: Types.ObjectId,
  kept: readonly StoredEditSession[],
  entries: ReadonlyArray<{ userId: Types.ObjectId; createdAt: Date }>,
): StoredEditSession[] {
  const id = proposalId.toHexString();
  const spans: EditSpan[] = [
    ...kept.map((s) => ({
      proposalId: id,
      userId: s.userId.toHexString(),
      from: s.from.getTime(),
      to: s.to.getTime(),
    })),
    ...entries.map((e) => ({
      proposalId: id,
      userId: e.userId.toHexString(),
      from: e.createdAt.getTime(),
      to: e.createdAt.getTime(),
    })),
  ];
  return editSessions(spans, accountabilityLimits.editSessionGapMinutes * 60_000)
    .slice(-accountabilityLimits.editSessionsKeptPerProposal)
    .map((s) => ({ userId: toObjectId(s.userId), from: new Date(s.from), to: new Date(s.to) }));
}

/** At most this many updates, or this many bytes of them, are applied before giving the event loop a turn. */
const updatesPerSlice = 100;
const bytesPerSlice = 64 * 1024;

/**
 * Applies stored updates to a document in slices of a few transactions, yielding to the event loop between
 * them: one transaction over a thousand log entries (a compaction of a busy proposal) held every socket of
 * the process for 200–300 ms in the W1 benchmark at 100 editors, and a cold load of a long log for a second.
 */
export async function applyInSlices(doc: Y.Doc, updates: Uint8Array[], origin: unknown = "store"): Promise<void> {
  let next = 0;
  while (next < updates.length) {
    if (next > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    Y.transact(doc, () => {
      let bytes = 0;
      for (let count = 0; next < updates.length && count < updatesPerSlice && bytes < bytesPerSlice; count += 1) {
        const update = updates[next++] as Uint8Array;
        bytes += update.byteLength;
        Y.applyUpdate(doc, update, origin);
      }
    });
  }
}

export function toObjectId(id: string): Types.ObjectId {
  return new Types.ObjectId(id);
}

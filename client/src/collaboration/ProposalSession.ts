// One proposal open in this tab, across the copies of its document: when the server refuses an edit for good
// (too large, the document past its limit, no longer allowed), the copy holding it differs from the stored
// document and can never be saved. The session then rolls back: the copy is discarded with its IndexedDB
// copy, a new one is opened from the server's state alone, and the text the author loses is kept for them
// to copy. A Yjs copy cannot drop an edit it has applied (later edits of the same client would depend on it),
// so rolling back means a new Y.Doc; the editor follows the session's current ProposalSync.
import type { ErrorCode } from "@mufakat/shared";
import type { ProposalSync, ProposalSyncState } from "./ProposalSync.ts";
import * as Y from "yjs";
import { type BodyRuns, bodyRuns, unsavedText } from "./bodyText.ts";

/** An edit the server refused, rolled back: the text the author's copy had and the stored document lacks. */
export interface DiscardedEdit {
  code: ErrorCode;
  /** Empty when the refused edit took text away or changed formatting only. */
  text: string;
}

export interface ProposalSessionState {
  sync: ProposalSync;
  syncState: ProposalSyncState;
  /** A refused edit is being rolled back: the text shown is not the stored one until the new copy syncs. */
  rollingBack: boolean;
  /** Refused and rolled back edits, until the author dismisses them. */
  discarded: DiscardedEdit | null;
}

export class ProposalSession {
  private current: ProposalSync;
  private unwatch: () => void;
  private state: ProposalSessionState;
  private readonly listeners = new Set<() => void>();
  private roomGeneration: number | null = null;
  private destroyed = false;

  constructor(private readonly createSync: () => ProposalSync) {
    this.current = createSync();
    this.unwatch = this.watch(this.current, null);
    this.state = { sync: this.current, syncState: this.current.getState(), rollingBack: false, discarded: null };
  }

  getState = (): ProposalSessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The room was (re)joined, or left (null): the current copy opens after every join. */
  joined(roomGeneration: number | null): void {
    this.roomGeneration = roomGeneration;
    if (roomGeneration !== null) void this.current.open();
  }

  /** The author has taken the discarded text (or does not want it). */
  dismissDiscarded(): void {
    this.setState({ discarded: null });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.unwatch();
    this.current.destroy();
    this.listeners.clear();
  }

  private watch(sync: ProposalSync, rollback: { refusedText: BodyRuns; code: ErrorCode } | null): () => void {
    let awaited = rollback;
    return sync.subscribe(() => {
      const syncState = sync.getState();
      if (syncState.refused) {
        void this.rollBack(sync, syncState.refused.code);
        return;
      }
      if (awaited && syncState.synced) {
        // The new copy holds the server's state: what the old one had beyond it is what the author loses.
        const text = unsavedText(awaited.refusedText, Y.decodeStateVector(Y.encodeStateVector(sync.doc)));
        const earlier = this.state.discarded?.text;
        const discarded = { code: awaited.code, text: earlier && text ? `${earlier}\n\n${text}` : earlier || text };
        awaited = null;
        this.setState({ syncState, rollingBack: false, discarded });
        return;
      }
      this.setState({ syncState });
    });
  }

  private async rollBack(refusedCopy: ProposalSync, code: ErrorCode): Promise<void> {
    if (refusedCopy !== this.current || this.destroyed) return;
    this.unwatch();
    const refusedText = bodyRuns(refusedCopy.body);
    this.setState({ rollingBack: true, syncState: refusedCopy.getState() });
    try {
      await refusedCopy.discard();
    } catch (error) {
      // The offline copy still holds the refused edit: the next open sends it, is refused, and rolls back again.
      console.warn("the offline copy of a refused edit was not emptied", error);
    }
    if (this.destroyed) return;
    const fresh = this.createSync();
    this.current = fresh;
    this.unwatch = this.watch(fresh, { refusedText, code });
    this.setState({ sync: fresh, syncState: fresh.getState() });
    if (this.roomGeneration !== null) void fresh.open();
  }

  private setState(change: Partial<ProposalSessionState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}

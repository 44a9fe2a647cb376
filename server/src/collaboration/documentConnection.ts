// What one socket holds on one live document while it has the document open (Hocuspocus's Connection):
// the awareness client ids it announced. Closing it removes those carets, telling the other viewers, and
// lets the document unload once nobody else holds it.
import * as awarenessProtocol from "y-protocols/awareness";
import type { LiveDocument } from "./liveDocument.ts";
import { parseAwarenessUpdate } from "./yjsUpdates.ts";

export class DocumentConnection {
  /** Awareness client ids this socket announced and that are still present. */
  readonly clientIds = new Set<number>();
  private open = true;

  constructor(
    readonly document: LiveDocument,
    readonly socketId: string,
  ) {}

  get isOpen(): boolean {
    return this.open;
  }

  /** Applies this socket's awareness update; returns false when it is malformed (nothing applied). */
  applyAwareness(update: Uint8Array): boolean {
    const parsed = parseAwarenessUpdate(update);
    if (!parsed.ok) return false;
    if (!this.open) return true;
    const states = this.document.awareness.getStates();
    awarenessProtocol.applyAwarenessUpdate(this.document.awareness, update, this.socketId);
    for (const id of parsed.clientIds) {
      if (states.has(id)) this.clientIds.add(id);
      else this.clientIds.delete(id);
    }
    return true;
  }

  /** The document went away (unloaded on shutdown, or never loaded): nothing to remove any more. */
  ended(): void {
    this.open = false;
    this.clientIds.clear();
  }

  /** Idempotent: a socket may close a proposal and disconnect, or leave its room, in any order. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.document.disconnect(this);
  }
}

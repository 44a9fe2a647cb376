// The validation copy of one live document: its stored state plus the updates whose store is in flight.
// A client edit is applied here first, so one that does not apply, or would grow the document past its
// limit, is refused before anything is stored or relayed; the live document itself holds stored updates only.
import { limits } from "@mufakat/shared";
import * as Y from "yjs";
import { appError } from "../errors.ts";

export class ValidationCopy {
  /** null means "rebuild it from the live document at the next edit". */
  private copy: Y.Doc | null = null;
  private bytesEstimate = 0;

  constructor(private readonly live: Y.Doc) {}

  /** Applies a client update to the copy; throws MALFORMED_UPDATE or DOCUMENT_TOO_LARGE (nothing kept). */
  check(update: Uint8Array): void {
    if (!this.copy) {
      const state = Y.encodeStateAsUpdate(this.live);
      this.copy = new Y.Doc();
      Y.applyUpdate(this.copy, state);
      this.bytesEstimate = state.byteLength;
    }
    try {
      Y.applyUpdate(this.copy, update, "validation");
    } catch (error) {
      this.drop();
      throw appError("MALFORMED_UPDATE", "update: does not apply to this document", {
        reason: error instanceof Error ? error.message : "unreadable update",
      });
    }
    this.bytesEstimate += update.byteLength;
    // The estimate only grows (deletions shrink nothing in it); the exact size is encoded only past the limit.
    if (this.bytesEstimate > limits.yjsDocumentBytes) {
      const exact = Y.encodeStateAsUpdate(this.copy).byteLength;
      this.bytesEstimate = exact;
      if (exact > limits.yjsDocumentBytes) {
        this.drop();
        throw appError("DOCUMENT_TOO_LARGE", `the proposal would exceed ${limits.yjsDocumentBytes} bytes`, {
          limit: limits.yjsDocumentBytes,
          bytes: exact,
        });
      }
    }
  }

  /** An update another process stored, just applied to the live document: the copy follows. */
  follow(update: Uint8Array): void {
    const copy = this.copy;
    copy?.transact(() => Y.applyUpdate(copy, update));
    this.bytesEstimate += update.byteLength;
  }

  /** Forgets the copy (it may hold an update that was refused or not stored); the next edit rebuilds it. */
  drop(): void {
    this.copy?.destroy();
    this.copy = null;
  }
}

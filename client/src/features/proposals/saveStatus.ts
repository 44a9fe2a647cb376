// What the status line beside a proposal says, derived from the connection and from what the server has
// acknowledged: it says every edit is saved only when no edit is unacknowledged, refused or being rolled back.
import type { MessageKey } from "../../i18n/messages.id.ts";
import type { LiveStatus } from "../../realtime/index.ts";

export type ConnectionDisplay = "connected" | "connecting" | "reconnecting" | "offline";

/** The author's copy of the proposal, as the server's acknowledgements describe it. */
export interface SaveState {
  /** Opened on the current connection. */
  opened: boolean;
  /** Edits not yet acknowledged as stored. */
  unsaved: number;
  /** An edit the server refused is still in the copy. */
  refused: boolean;
  /** The copy is being replaced by the server's state. */
  rollingBack: boolean;
  /** A refused edit was rolled back and its text is offered to the author. */
  discarded: boolean;
}

export interface StatusLine {
  display: ConnectionDisplay;
  message: MessageKey;
  /** The count the message names, when it names one. */
  n?: number;
  /** True only when the text shown is the stored text as far as the server has said. */
  saved: boolean;
}

export function connectionDisplay(status: LiveStatus, opened: boolean): ConnectionDisplay {
  switch (status.state) {
    case "connected":
      return opened ? "connected" : "connecting";
    case "idle":
    case "connecting":
      return "connecting";
    case "reconnecting":
      return "reconnecting";
    case "offline":
    case "refused":
      return "offline";
  }
}

export function statusLine(status: LiveStatus, save: SaveState): StatusLine {
  const display = connectionDisplay(status, save.opened);
  const diverged = save.refused || save.rollingBack;
  const saved = display === "connected" && save.unsaved === 0 && !diverged;
  const n = save.unsaved;
  switch (display) {
    case "connected":
      if (diverged) return { display, message: "connection.restoring", saved };
      if (n > 0) return { display, message: "connection.saving", n, saved };
      if (save.discarded) return { display, message: "connection.connectedDiscarded", saved };
      return { display, message: "connection.connected", saved };
    case "connecting":
      return { display, message: "connection.connecting", saved };
    case "reconnecting":
      return n > 0
        ? { display, message: "connection.reconnectingUnsaved", n, saved }
        : { display, message: "connection.reconnecting", saved };
    case "offline":
      return n > 0
        ? { display, message: "connection.offlineUnsaved", n, saved }
        : { display, message: "connection.offline", saved };
  }
}

// Whether edits reach the others: connected, reconnecting, or offline with the number of edits not yet saved.
import type { ProposalSyncState } from "../../collaboration/ProposalSync.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import type { LiveStatus } from "../../realtime/index.ts";

export type ConnectionDisplay = "connected" | "connecting" | "reconnecting" | "offline";

export function connectionDisplay(status: LiveStatus, sync: ProposalSyncState): ConnectionDisplay {
  switch (status.state) {
    case "connected":
      return sync.opened ? "connected" : "connecting";
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

export function ConnectionStatus({ status, sync }: { status: LiveStatus; sync: ProposalSyncState }) {
  const t = useT();
  const display = connectionDisplay(status, sync);
  const unsaved = sync.unsaved;
  let text: string;
  switch (display) {
    case "connected":
      text = unsaved > 0 ? t("connection.saving", { n: unsaved }) : t("connection.connected");
      break;
    case "connecting":
      text = t("connection.connecting");
      break;
    case "reconnecting":
      text = unsaved > 0 ? t("connection.reconnectingUnsaved", { n: unsaved }) : t("connection.reconnecting");
      break;
    case "offline":
      text = unsaved > 0 ? t("connection.offlineUnsaved", { n: unsaved }) : t("connection.offline");
      break;
  }
  return (
    <p
      className={`connection-status connection-${display}`}
      data-testid="connection-status"
      data-state={display}
      data-unsaved={unsaved}
      role="status"
    >
      <span className="connection-dot" aria-hidden="true" /> {text}
    </p>
  );
}

// Says when the room's live connection is not working: offline (the browser has no network) or
// reconnecting (the socket was lost), both of which heal by themselves; and, when retrying will not help,
// why: reload (too old), try later (too new), or log in again.
import { useSyncExternalStore } from "react";
import { useT } from "../../i18n/I18nProvider.tsx";
import { errorCodeMessage } from "../../i18n/translate.ts";
import type { LiveStatus } from "../../realtime/index.ts";

export function LiveStatusBanner({ status }: { status: LiveStatus }) {
  const t = useT();
  const online = useBrowserOnline();
  if (status.state === "refused") {
    return (
      <div className="error-banner" role="alert" data-testid="live-refused" data-error-code={status.code}>
        <p>{errorCodeMessage(status.code, t)}</p>
        {status.code === "PROTOCOL_TOO_OLD" && (
          <button type="button" onClick={() => window.location.reload()} data-testid="live-reload">
            {t("live.reload")}
          </button>
        )}
      </div>
    );
  }
  // The browser's own word first: a socket can look connected for a while after the network is gone.
  const lost =
    !online || status.state === "offline" ? "offline" : status.state === "reconnecting" ? "reconnecting" : null;
  return (
    // Always in the page (empty when all is well), so a screen reader announces the change.
    <div className="offline-banner-slot" role="status" aria-live="polite">
      {lost && (
        <p className={`offline-banner offline-banner-${lost}`} data-testid="offline-banner" data-state={lost}>
          {t(lost === "offline" ? "room.offline" : "room.reconnecting")}
        </p>
      )}
    </div>
  );
}

function subscribeToNetwork(onChange: () => void): () => void {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

function useBrowserOnline(): boolean {
  return useSyncExternalStore(
    subscribeToNetwork,
    () => navigator.onLine,
    () => true,
  );
}

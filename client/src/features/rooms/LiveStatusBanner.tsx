// Says why the live connection cannot work when retrying will not help: reload (too old), try later (too
// new), or log in again.
import { useT } from "../../i18n/I18nProvider.tsx";
import { errorCodeMessage } from "../../i18n/translate.ts";
import type { LiveStatus } from "../../realtime/index.ts";

export function LiveStatusBanner({ status }: { status: LiveStatus }) {
  const t = useT();
  if (status.state !== "refused") return null;
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

// Whether edits reach the others: connected, reconnecting, or offline with the number of edits not yet saved
// (the words come from saveStatus.ts, which says "saved" only for what the server acknowledged).
import { useT } from "../../i18n/I18nProvider.tsx";
import type { LiveStatus } from "../../realtime/index.ts";
import { type SaveState, statusLine } from "./saveStatus.ts";

export function ConnectionStatus({ status, save }: { status: LiveStatus; save: SaveState }) {
  const t = useT();
  const line = statusLine(status, save);
  return (
    <p
      className={`connection-status connection-${line.display}`}
      data-testid="connection-status"
      data-state={line.display}
      data-unsaved={save.unsaved}
      data-saved={line.saved}
      role="status"
    >
      <span className="connection-dot" aria-hidden="true" />{" "}
      {line.n === undefined ? t(line.message) : t(line.message, { n: line.n })}
    </p>
  );
}

// A word diff between two versions as plain text: insertions and deletions marked, everything as React text.
import type { TextDiff } from "@mufakat/shared";
import { useT } from "../../i18n/I18nProvider.tsx";

export function VersionDiffView({ diff }: { diff: TextDiff }) {
  const t = useT();
  const changed = diff.changes.some((change) => change.type !== "equal");
  return (
    <div className="version-diff" data-testid="version-diff">
      {!changed && <p className="empty">{t("version.noChanges")}</p>}
      <p className="preserve-lines diff-text">
        {diff.changes.map((change, index) => {
          const key = `${index}-${change.type}`;
          switch (change.type) {
            case "insert":
              return (
                <ins key={key} data-testid="diff-insert" title={t("version.inserted")}>
                  {change.text}
                </ins>
              );
            case "delete":
              return (
                <del key={key} data-testid="diff-delete" title={t("version.deleted")}>
                  {change.text}
                </del>
              );
            case "equal":
              return <span key={key}>{change.text}</span>;
          }
          return null;
        })}
      </p>
    </div>
  );
}

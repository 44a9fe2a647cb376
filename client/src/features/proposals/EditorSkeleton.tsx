// Stands where the editor will be while TipTap loads or the document syncs: the same box, so nothing below
// moves when the editor arrives.
import { useT } from "../../i18n/I18nProvider.tsx";

export function EditorSkeleton() {
  const t = useT();
  return (
    <div className="proposal-editor editor-skeleton" data-testid="editor-loading" aria-busy="true">
      <div className="skeleton-toolbar" aria-hidden="true" />
      <div className="editor-body skeleton-block">
        <span className="visually-hidden">{t("common.loading")}</span>
      </div>
    </div>
  );
}

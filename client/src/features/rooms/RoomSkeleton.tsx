// The room's shape while it loads: header, stepper, tabs, the editor's box and the side panel, so the
// page does not jump when the room arrives.
import { useT } from "../../i18n/I18nProvider.tsx";

export function RoomSkeleton() {
  const t = useT();
  return (
    <div className="room room-skeleton" data-testid="loading" aria-busy="true">
      <span className="visually-hidden">{t("common.loading")}</span>
      <div className="skeleton-block skeleton-title" aria-hidden="true" />
      <div className="skeleton-block skeleton-line" aria-hidden="true" />
      <div className="skeleton-block skeleton-stepper" aria-hidden="true" />
      <div className="skeleton-block skeleton-tabs" aria-hidden="true" />
      <div className="room-layout" aria-hidden="true">
        <div className="room-main">
          <div className="skeleton-block skeleton-editor" />
        </div>
        <div className="room-side">
          <div className="skeleton-block skeleton-side" />
        </div>
      </div>
    </div>
  );
}

// The side panel beside the editor: discussion, motion, versions and people, one at a time (WAI-ARIA tabs:
// arrow keys move between tabs). Every panel stays mounted while hidden, so a chat keeps its live messages
// and a running motion its tally while another tab is shown.
import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from "react";
import { useT } from "../../i18n/I18nProvider.tsx";

export const sideTabs = ["discussion", "motion", "versions", "people"] as const;
export type SideTab = (typeof sideTabs)[number];

export function RoomSidePanel({ panels }: { panels: Record<SideTab, ReactNode> }) {
  const t = useT();
  const id = useId();
  const [current, setCurrent] = useState<SideTab>("discussion");
  const tabRefs = useRef(new Map<SideTab, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = sideTabs.indexOf(current);
    const next =
      event.key === "ArrowRight"
        ? sideTabs[(index + 1) % sideTabs.length]
        : event.key === "ArrowLeft"
          ? sideTabs[(index + sideTabs.length - 1) % sideTabs.length]
          : event.key === "Home"
            ? sideTabs[0]
            : event.key === "End"
              ? sideTabs[sideTabs.length - 1]
              : null;
    if (!next) return;
    event.preventDefault();
    setCurrent(next);
    tabRefs.current.get(next)?.focus();
  }

  return (
    <aside className="room-side" aria-label={t("room.side")} data-testid="room-side" data-tab={current}>
      <div className="side-tabs" role="tablist" aria-label={t("room.side")} onKeyDown={onKeyDown}>
        {sideTabs.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`${id}-tab-${tab}`}
            aria-controls={`${id}-panel-${tab}`}
            aria-selected={tab === current}
            tabIndex={tab === current ? 0 : -1}
            className={tab === current ? "side-tab active" : "side-tab"}
            ref={(element) => {
              if (element) tabRefs.current.set(tab, element);
              else tabRefs.current.delete(tab);
            }}
            onClick={() => setCurrent(tab)}
            data-testid={`side-tab-${tab}`}
          >
            {t(`room.side.${tab}`)}
          </button>
        ))}
      </div>
      {sideTabs.map((tab) => (
        <div
          key={tab}
          role="tabpanel"
          id={`${id}-panel-${tab}`}
          aria-labelledby={`${id}-tab-${tab}`}
          className="side-panel"
          hidden={tab !== current}
          data-testid={`side-panel-${tab}`}
        >
          {panels[tab]}
        </div>
      ))}
    </aside>
  );
}

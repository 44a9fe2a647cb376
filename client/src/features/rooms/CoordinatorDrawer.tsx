// Coordinator tools (stage, invite links) in a drawer opened from the room header, so they do not push
// the editor down for everyone. A native modal <dialog>: the browser keeps focus inside and Escape closes
// it; focus goes back to the button that opened it.
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useT } from "../../i18n/I18nProvider.tsx";

export function CoordinatorDrawer({ children }: { children: ReactNode }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        type="button"
        ref={opener}
        className="button-quiet coordinator-tools-open"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
        data-testid="coordinator-tools-open"
      >
        {t("room.coordinatorTools")}
      </button>
      {open && (
        <Drawer
          onClose={() => {
            setOpen(false);
            opener.current?.focus();
          }}
        >
          {children}
        </Drawer>
      )}
    </>
  );
}

function Drawer({ children, onClose }: { children: ReactNode; onClose(): void }) {
  const t = useT();
  const headingId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const latestClose = useRef(onClose);
  latestClose.current = onClose;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    // Escape: close through the owner's state, so the drawer unmounts and focus returns to the opener.
    const onCancel = (event: Event) => {
      event.preventDefault();
      latestClose.current();
    };
    element.addEventListener("cancel", onCancel);
    return () => {
      element.removeEventListener("cancel", onCancel);
      element.close();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className="drawer coordinator-tools"
      aria-labelledby={headingId}
      data-testid="coordinator-tools"
    >
      <div className="drawer-content">
        <header className="drawer-header">
          <h2 id={headingId} className="drawer-title">
            {t("room.coordinatorTools")}
          </h2>
          <button type="button" className="button-quiet" onClick={onClose} data-testid="coordinator-tools-close">
            {t("room.toolsClose")}
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}

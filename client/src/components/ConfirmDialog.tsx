// The one confirmation for acts that cannot be taken back (closing a motion early, demoting or removing a
// coordinator, removing a member, deleting a message): a native modal <dialog>, so the browser keeps focus
// inside it and Escape cancels; the text says what will happen and that it cannot be undone, and the
// confirm button names the act. Focus starts on Cancel (the safe choice), Tab and Shift+Tab cycle within the
// dialog (the browser would let them leave it for its own toolbar), and focus returns to what opened it, or
// to the page's heading when the act removed the opener (the result, such as a decision, may take it then).
import { useMutation } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { apiErrorOf } from "../api/queryClient.ts";
import type { ApiError } from "../api/ApiError.ts";
import { useT } from "../i18n/I18nProvider.tsx";
import { ErrorMessage } from "./ErrorMessage.tsx";
import { skipToMainContent } from "./focusOnArrival.ts";

const focusableInDialog =
  'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab inside the dialog: past the last control to the first, and back. */
function trapTab(event: KeyboardEvent, dialog: HTMLDialogElement): void {
  if (event.key !== "Tab") return;
  const controls = [...dialog.querySelectorAll<HTMLElement>(focusableInDialog)];
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  const active = document.activeElement;
  const outside = !(active instanceof Node && dialog.contains(active));
  if (event.shiftKey && (active === first || outside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || outside)) {
    event.preventDefault();
    first.focus();
  }
}

export interface ConfirmDialogProps {
  /** A short name of the act, for tests and styling (`data-act`). */
  act: string;
  /** The question, e.g. "Close this motion now?". */
  title: string;
  /** What will happen, in words. */
  children: ReactNode;
  /** Why it cannot be taken back; "This cannot be undone." when not given. */
  irreversible?: string;
  /** The confirm button names the act ("Close the vote now"), never a bare "OK". */
  confirmLabel: string;
  /** While the act is under way: both buttons are off and Escape does nothing. */
  pending?: boolean;
  /** The act's refusal, shown in the dialog so the person can read it and cancel. */
  error?: ApiError | null;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal confirmation, shown while it is mounted. */
export function ConfirmDialog({
  act,
  title,
  children,
  irreversible,
  confirmLabel,
  pending = false,
  error = null,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const t = useT();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  // Read by the cancel listener, which is added once.
  const latest = useRef({ pending, onCancel });
  latest.current = { pending, onCancel };
  // What had focus before the dialog opened (the button that opened it), read once, before any effect.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    cancel.current?.focus();
    // Escape fires "cancel": the dialog closes through its owner's state, not by itself, and not while the
    // act is under way (its answer is still to come).
    const onCancelEvent = (event: Event) => {
      event.preventDefault();
      if (!latest.current.pending) latest.current.onCancel();
    };
    const onKeyDown = (event: KeyboardEvent) => trapTab(event, element);
    element.addEventListener("cancel", onCancelEvent);
    element.addEventListener("keydown", onKeyDown);
    return () => {
      element.removeEventListener("cancel", onCancelEvent);
      element.removeEventListener("keydown", onKeyDown);
      if (element.open) element.close();
      if (opener?.isConnected) opener.focus();
      else skipToMainContent();
    };
  }, [opener]);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid="confirm-dialog"
      data-act={act}
    >
      <h2 id={`${id}-title`} data-testid="confirm-dialog-title">
        {title}
      </h2>
      <div id={`${id}-body`} data-testid="confirm-dialog-body">
        <div className="confirm-dialog-consequence">{children}</div>
        <p className="confirm-dialog-irreversible">
          <strong>{irreversible ?? t("confirm.irreversible")}</strong>
        </p>
      </div>
      <ErrorMessage error={error} testId="confirm-dialog-error" />
      <div className="confirm-dialog-actions">
        <button type="button" ref={cancel} disabled={pending} onClick={onCancel} data-testid="confirm-dialog-cancel">
          {t("common.cancel")}
        </button>
        <button
          type="button"
          className="button-danger"
          disabled={pending}
          onClick={onConfirm}
          data-testid="confirm-dialog-confirm"
        >
          {pending ? t("confirm.working") : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

interface ConfirmButtonProps extends Omit<ConfirmDialogProps, "pending" | "error" | "onConfirm" | "onCancel"> {
  /** The button that opens the dialog. */
  label: string;
  testId: string;
  className?: string;
  disabled?: boolean;
  /** The act itself; the dialog closes once it succeeds and shows its refusal otherwise. */
  run(): Promise<unknown>;
}

/** A button for an irreversible act: it asks first with a ConfirmDialog, then runs the act. */
export function ConfirmButton({ label, testId, className, disabled, run, ...dialog }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const act = useMutation({ mutationFn: run, onSuccess: () => setAsking(false) });
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={disabled || act.isPending}
        aria-haspopup="dialog"
        data-testid={testId}
        onClick={() => {
          act.reset();
          setAsking(true);
        }}
      >
        {label}
      </button>
      {asking && (
        <ConfirmDialog
          {...dialog}
          pending={act.isPending}
          error={apiErrorOf(act.error)}
          onConfirm={() => act.mutate()}
          onCancel={() => setAsking(false)}
        />
      )}
    </>
  );
}

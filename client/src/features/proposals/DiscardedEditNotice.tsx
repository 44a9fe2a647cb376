// An edit the server refused, rolled back: why, and the text the author's copy held that the saved document
// lacks, read-only, with a button that copies it (or selects it where the clipboard is not allowed).
import { useEffect, useId, useRef, useState } from "react";
import type { DiscardedEdit } from "../../collaboration/ProposalSession.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { errorCodeMessage } from "../../i18n/translate.ts";

export function DiscardedEditNotice({ discarded, onDismiss }: { discarded: DiscardedEdit; onDismiss(): void }) {
  const t = useT();
  const textId = useId();
  const textArea = useRef<HTMLTextAreaElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "selected">("idle");
  const notice = useRef<HTMLElement>(null);

  // The author may have been writing far below the top of the proposal, where this appears.
  useEffect(() => {
    notice.current?.scrollIntoView({ block: "nearest" });
  }, []);

  async function copyText() {
    try {
      await navigator.clipboard.writeText(discarded.text);
      setCopy("copied");
    } catch {
      // No clipboard permission (or an old browser): the text is selected for Ctrl+C instead.
      textArea.current?.select();
      setCopy("selected");
    }
  }

  return (
    <section
      ref={notice}
      className="discarded-edit"
      role="alert"
      data-testid="discarded-edit"
      data-error-code={discarded.code}
    >
      <p>{t("proposal.discarded", { reason: errorCodeMessage(discarded.code, t) })}</p>
      {discarded.text && (
        <>
          <label htmlFor={textId}>{t("proposal.discardedText", { n: discarded.text.length })}</label>
          <textarea
            id={textId}
            ref={textArea}
            readOnly
            rows={6}
            value={discarded.text}
            data-testid="discarded-text"
            onFocus={(event) => event.currentTarget.select()}
          />
        </>
      )}
      <div className="discarded-actions">
        {discarded.text && (
          <button type="button" data-testid="discarded-copy" onClick={() => void copyText()}>
            {t("proposal.discardedCopy")}
          </button>
        )}
        <button type="button" className="button-quiet" data-testid="discarded-dismiss" onClick={onDismiss}>
          {t("proposal.discardedDismiss")}
        </button>
        {copy !== "idle" && (
          <span role="status" data-testid="discarded-copy-result" data-result={copy}>
            {t(copy === "copied" ? "proposal.discardedCopied" : "proposal.discardedSelected")}
          </span>
        )}
      </div>
    </section>
  );
}

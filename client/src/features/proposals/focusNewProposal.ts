// A new proposal opens on creation with its editor focused, so the author can start writing at once. The
// editor appears only once the proposal's text has synced, so this waits for it to be editable (for a
// while, then gives up: a slow sync leaves the focus where it was, which is harmless).
const waitMs = 15_000;

function editableEditor(proposalId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(
    `.proposal-view[data-proposal-id="${CSS.escape(proposalId)}"] [contenteditable="true"]`,
  );
}

export function focusEditorOfProposal(proposalId: string): void {
  const found = editableEditor(proposalId);
  if (found) {
    found.focus();
    return;
  }
  const observer = new MutationObserver(() => {
    const editor = editableEditor(proposalId);
    if (!editor) return;
    stop();
    editor.focus();
  });
  const timer = window.setTimeout(() => stop(), waitMs);
  const stop = () => {
    observer.disconnect();
    window.clearTimeout(timer);
  };
  observer.observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["contenteditable"],
  });
}

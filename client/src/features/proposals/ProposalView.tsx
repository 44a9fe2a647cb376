// One open proposal: its title, connection status and the live editor with carets. Its comments, versions
// and motion sit in the room's side panel (LiveRoom), which reaches the editor's selection through onEditor.
import type { MentionCandidate, Proposal, RoomAbilities, User } from "@mufakat/shared";
import type { Editor } from "@tiptap/react";
import { Suspense, lazy, useCallback, useMemo, useState } from "react";
import type { EditTooLarge } from "../../collaboration/editLimits.ts";
import { useProposalSync } from "../../collaboration/useProposalSync.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { sectorColours } from "../../components/sectorColours.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import type { LiveSocket, LiveStatus } from "../../realtime/index.ts";
import { others } from "../discussion/mentionQuery.ts";
import { ConnectionStatus } from "./ConnectionStatus.tsx";
import { DiscardedEditNotice } from "./DiscardedEditNotice.tsx";
import { EditorSkeleton } from "./EditorSkeleton.tsx";

// TipTap and ProseMirror are most of the app's weight: loaded when a proposal is first opened.
const ProposalEditor = lazy(() =>
  import("./ProposalEditor.tsx").then((module) => ({ default: module.ProposalEditor })),
);

interface ProposalViewProps {
  socket: LiveSocket;
  status: LiveStatus;
  proposal: Proposal;
  me: User;
  abilities: RoomAbilities;
  members: readonly MentionCandidate[];
  /** The room join the proposal opens on; null while not joined. */
  roomGeneration: number | null;
  /** Told of the editor once it is ready (and of null when it goes), e.g. to anchor a comment to its selection. */
  onEditor?(editor: Editor | null): void;
}

export function ProposalView({
  socket,
  status,
  proposal,
  me,
  abilities,
  members,
  roomGeneration,
  onEditor: onEditorReady,
}: ProposalViewProps) {
  const t = useT();
  const { sync, state, rollingBack, discarded, dismissDiscarded } = useProposalSync(
    socket,
    proposal.id,
    me.id,
    roomGeneration,
  );
  const [tooLarge, setTooLarge] = useState<EditTooLarge | null>(null);
  const canWrite = abilities.post;
  const onEditor = useCallback((editor: Editor | null) => onEditorReady?.(editor), [onEditorReady]);
  const mentionable = useMemo(() => others(members, me.id), [members, me.id]);
  const caretUser = useMemo(() => ({ name: me.displayName, color: sectorColours[me.sector].solid }), [me]);

  return (
    <article className="proposal-view" data-testid="proposal-view" data-proposal-id={proposal.id}>
      <header className="proposal-header">
        <h2 data-testid="proposal-title">{proposal.title}</h2>
        <ConnectionStatus
          status={status}
          save={{
            opened: state.opened,
            unsaved: state.unsaved,
            refused: state.refused !== null,
            rollingBack,
            discarded: discarded !== null,
          }}
        />
      </header>
      <ErrorMessage error={state.openError} testId="proposal-open-error" />
      {discarded && <DiscardedEditNotice discarded={discarded} onDismiss={dismissDiscarded} />}
      {tooLarge && (
        // Sticky: the author may be pasting far below the top of a long proposal.
        <div
          className="error-banner sticky-notice"
          role="alert"
          data-testid="paste-refused"
          data-limit={tooLarge.limit}
        >
          <p data-testid="paste-refused-message">
            {t(tooLarge.limit === "update" ? "proposal.pasteTooLarge" : "proposal.pasteDocumentTooLarge", {
              // Rounded up: a size over its limit never reads as the limit itself.
              kb: Math.ceil(tooLarge.bytes / 1024),
              max: Math.floor(tooLarge.maxBytes / 1024),
            })}
          </p>
          <button type="button" className="button-quiet" onClick={() => setTooLarge(null)}>
            {t("proposal.discardedDismiss")}
          </button>
        </div>
      )}
      {!canWrite && <p className="note">{t("proposal.readOnly")}</p>}
      <Suspense fallback={<EditorSkeleton />}>
        {sync ? (
          <ProposalEditor
            sync={sync}
            user={caretUser}
            editable={canWrite && !rollingBack}
            onEditor={onEditor}
            mentionable={mentionable}
            onInsertion={setTooLarge}
          />
        ) : (
          <EditorSkeleton />
        )}
      </Suspense>
    </article>
  );
}

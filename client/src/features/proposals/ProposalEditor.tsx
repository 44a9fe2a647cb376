// The proposal's text in TipTap, bound to its Y.Doc fragment "default", with the others' carets named and
// coloured by sector, a formatting toolbar, a link form and @mention suggestions of the room's members.
// Undo/redo of StarterKit is off: Collaboration brings its own history (one's own edits only). A paste or
// drop the server would refuse as too large is refused here, before the author's copy holds it.
import type { MentionCandidate } from "@mufakat/shared";
import { Collaboration } from "@tiptap/extension-collaboration";
import { CollaborationCaret } from "@tiptap/extension-collaboration-caret";
import type { Slice } from "@tiptap/pm/model";
import type { EditorView } from "@tiptap/pm/view";
import { type Editor, EditorContent, useEditor } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import { useEffect, useId, useRef, useState } from "react";
import type { ProposalSync } from "../../collaboration/ProposalSync.ts";
import { type CaretUser, renderCaret } from "../../collaboration/caret.ts";
import { type EditTooLarge, checkInsertion, documentBytes } from "../../collaboration/editLimits.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { MentionListbox, mentionOptionId } from "../discussion/MentionListbox.tsx";
import { EditorToolbar } from "./EditorToolbar.tsx";
import { LinkPopover } from "./LinkPopover.tsx";
import { type EditorMentionState, editorMentions } from "./editorMentions.ts";
import { isAllowedLinkHref } from "./linkUrl.ts";
import "./editor.css";

interface ProposalEditorProps {
  sync: ProposalSync;
  user: CaretUser;
  editable: boolean;
  /** Whom "@" offers: the room's members but the writer. */
  mentionable: readonly MentionCandidate[];
  onEditor(editor: Editor | null): void;
  /** A paste or drop was refused as too large (or, null, the next one was taken). */
  onInsertion(refused: EditTooLarge | null): void;
}

export function ProposalEditor({ sync, user, editable, mentionable, onEditor, onInsertion }: ProposalEditorProps) {
  const t = useT();
  const editorId = useId();
  const listId = useId();
  const onInsertionRef = useRef(onInsertion);
  onInsertionRef.current = onInsertion;
  const mentionableRef = useRef(mentionable);
  mentionableRef.current = mentionable;
  const [mention, setMention] = useState<EditorMentionState | null>(null);
  const [linking, setLinking] = useState(false);
  /** True (handled: nothing inserted) when the server would refuse the slice. */
  const refuseTooLarge = (view: EditorView, slice: Slice): boolean => {
    const refused = checkInsertion(view.state.schema, slice.content, documentBytes(sync.doc));
    onInsertionRef.current(refused);
    return refused !== null;
  };
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({
          undoRedo: false,
          heading: { levels: [2, 3] },
          // Pasted and typed addresses become links only when they are web or e-mail addresses.
          link: { openOnClick: false, autolink: true, isAllowedUri: (url) => isAllowedLinkHref(url) },
        }),
        Collaboration.configure({ fragment: sync.body }),
        CollaborationCaret.configure({ provider: sync, user, render: renderCaret }),
        editorMentions(() => mentionableRef.current, setMention),
      ],
      editable,
      editorProps: {
        attributes: {
          id: editorId,
          role: "textbox",
          "aria-multiline": "true",
          "aria-autocomplete": "list",
          "data-testid": "proposal-editor",
          "aria-label": t("proposal.editorLabel"),
          class: "editor-body",
        },
        handlePaste: (view, _event, slice) => refuseTooLarge(view, slice),
        // Text moved inside the editor adds nothing.
        handleDrop: (view, _event, slice, moved) => !moved && refuseTooLarge(view, slice),
        handleKeyDown: (view, event) => {
          // Mod-k opens the link form (TipTap's Link has no key of its own).
          if (event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey) && !event.altKey && view.editable) {
            event.preventDefault();
            setLinking(true);
            return true;
          }
          return false;
        },
      },
    },
    [sync],
  );

  useEffect(() => {
    editor?.setEditable(editable);
    if (editor && !editor.isDestroyed) editor.view.dom.setAttribute("aria-readonly", String(!editable));
  }, [editor, editable]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.updateUser(user);
  }, [editor, user]);

  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);

  // The text box controls the open list and names the highlighted member (focus stays in the text).
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const dom = editor.view.dom;
    if (mention) {
      dom.setAttribute("aria-controls", listId);
      dom.setAttribute("aria-activedescendant", mentionOptionId(listId, mention.active));
    } else {
      dom.removeAttribute("aria-controls");
      dom.removeAttribute("aria-activedescendant");
    }
  }, [editor, mention, listId]);

  return (
    <div className="editor-frame">
      {editor && <EditorToolbar editor={editor} editorId={editorId} onLink={() => setLinking(true)} />}
      {editor && linking && <LinkPopover editor={editor} onClose={() => setLinking(false)} />}
      <EditorContent editor={editor} className="proposal-editor" />
      {mention && (
        <MentionListbox
          id={listId}
          members={mention.options}
          active={mention.active}
          onPick={mention.choose}
          style={
            mention.rect ? { position: "fixed", top: mention.rect.bottom + 4, left: mention.rect.left } : undefined
          }
        />
      )}
      <p className="visually-hidden" role="status" data-testid="editor-mention-status">
        {mention ? t("mention.count", { count: mention.options.length }) : ""}
      </p>
    </div>
  );
}

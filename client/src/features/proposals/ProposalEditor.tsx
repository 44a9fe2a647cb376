// The proposal's text in TipTap, bound to its Y.Doc fragment "default", with the others' carets named and
// coloured by sector. Undo/redo of StarterKit is off: Collaboration brings its own history. A paste or drop
// the server would refuse as too large is refused here, before the author's copy holds it.
import { Collaboration } from "@tiptap/extension-collaboration";
import { CollaborationCaret } from "@tiptap/extension-collaboration-caret";
import { type Editor, EditorContent, useEditor } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import type { Slice } from "@tiptap/pm/model";
import type { EditorView } from "@tiptap/pm/view";
import { useEffect, useRef } from "react";
import { type CaretUser, renderCaret } from "../../collaboration/caret.ts";
import type { ProposalSync } from "../../collaboration/ProposalSync.ts";
import { type EditTooLarge, checkInsertion, documentBytes } from "../../collaboration/editLimits.ts";
import { useT } from "../../i18n/I18nProvider.tsx";

interface ProposalEditorProps {
  sync: ProposalSync;
  user: CaretUser;
  editable: boolean;
  onEditor(editor: Editor | null): void;
  /** A paste or drop was refused as too large (or, null, the next one was taken). */
  onInsertion(refused: EditTooLarge | null): void;
}

export function ProposalEditor({ sync, user, editable, onEditor, onInsertion }: ProposalEditorProps) {
  const t = useT();
  const onInsertionRef = useRef(onInsertion);
  onInsertionRef.current = onInsertion;
  /** True (handled: nothing inserted) when the server would refuse the slice. */
  const refuseTooLarge = (view: EditorView, slice: Slice): boolean => {
    const refused = checkInsertion(view.state.schema, slice.content, documentBytes(sync.doc));
    onInsertionRef.current(refused);
    return refused !== null;
  };
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment: sync.body }),
        CollaborationCaret.configure({ provider: sync, user, render: renderCaret }),
      ],
      editable,
      editorProps: {
        attributes: { "data-testid": "proposal-editor", "aria-label": t("proposal.editorLabel"), class: "editor-body" },
        handlePaste: (view, _event, slice) => refuseTooLarge(view, slice),
        // Text moved inside the editor adds nothing.
        handleDrop: (view, _event, slice, moved) => !moved && refuseTooLarge(view, slice),
      },
    },
    [sync],
  );

  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.updateUser(user);
  }, [editor, user]);

  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);

  return <EditorContent editor={editor} className="proposal-editor" />;
}

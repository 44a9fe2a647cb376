// The proposal's text in TipTap, bound to its Y.Doc fragment "default", with the others' carets named and
// coloured by sector. Undo/redo of StarterKit is off: Collaboration brings its own history.
import { Collaboration } from "@tiptap/extension-collaboration";
import { CollaborationCaret } from "@tiptap/extension-collaboration-caret";
import { type Editor, EditorContent, useEditor } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import { useEffect } from "react";
import { type CaretUser, renderCaret } from "../../collaboration/caret.ts";
import type { ProposalSync } from "../../collaboration/ProposalSync.ts";
import { useT } from "../../i18n/I18nProvider.tsx";

interface ProposalEditorProps {
  sync: ProposalSync;
  user: CaretUser;
  editable: boolean;
  onEditor(editor: Editor | null): void;
}

export function ProposalEditor({ sync, user, editable, onEditor }: ProposalEditorProps) {
  const t = useT();
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

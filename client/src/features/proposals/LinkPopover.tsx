// The small form that sets, changes or removes the link on the selected text: the address is checked
// (http, https or mailto only) before it touches the document, and a refusal is said next to the field.
// Escape or Cancel closes it and puts the caret back in the editor.
import type { Editor } from "@tiptap/react";
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useT } from "../../i18n/I18nProvider.tsx";
import type { MessageKey } from "../../i18n/messages.id.ts";
import { type LinkUrlCheck, checkLinkUrl } from "./linkUrl.ts";

interface LinkPopoverProps {
  editor: Editor;
  onClose(): void;
}

const refusalKeys: Record<Extract<LinkUrlCheck, { ok: false }>["reason"], MessageKey> = {
  empty: "editor.linkEmpty",
  protocol: "editor.linkProtocol",
  invalid: "editor.linkInvalid",
};

export function LinkPopover({ editor, onClose }: LinkPopoverProps) {
  const t = useT();
  const id = useId();

  const existing = (editor.getAttributes("link").href as string | undefined) ?? "";
  const [url, setUrl] = useState(existing);
  const [refusal, setRefusal] = useState<MessageKey | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkLinkUrl(url);
    if (!checked.ok) {
      setRefusal(refusalKeys[checked.reason]);
      input.current?.focus();
      return;
    }
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive("link")) {
      // Nothing selected: the address itself becomes the linked text.
      editor
        .chain()
        .focus()
        .insertContent({ type: "text", text: checked.href, marks: [{ type: "link", attrs: { href: checked.href } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href: checked.href }).run();
    }
    onClose();
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  return (
    // A form of its own, not a modal: the text stays readable (and editable by others) beside it.
    <form onSubmit={apply} onKeyDown={onKeyDown} noValidate className="link-popover" data-testid="link-popover">
      <fieldset>
        <legend className="link-popover-title">{t("editor.linkDialog")}</legend>
        <label htmlFor={`${id}-url`}>{t("editor.linkUrl")}</label>
        <input
          ref={input}
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="url"
          value={url}
          onChange={(event) => {
            setUrl(event.target.value);
            setRefusal(null);
          }}
          aria-invalid={refusal !== null}
          aria-describedby={refusal ? `${id}-error` : undefined}
          data-testid="link-url"
        />
        {refusal && (
          <p id={`${id}-error`} className="field-error" role="alert" data-testid="link-error">
            {t(refusal)}
          </p>
        )}
        <div className="link-popover-actions">
          <button type="submit" data-testid="link-apply">
            {t("editor.linkApply")}
          </button>
          {existing && (
            <button type="button" className="button-quiet" onClick={remove} data-testid="link-remove">
              {t("editor.linkRemove")}
            </button>
          )}
          <button type="button" className="button-quiet" onClick={close} data-testid="link-cancel">
            {t("common.cancel")}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

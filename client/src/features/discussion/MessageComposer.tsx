// The text box for a new chat message, comment or reply; checks the text against the shared schema first.
// A text over the limit marks the box, names it and says how long it is ("Message: at most 4,000 characters
// — 5,120 typed"); the mark goes once the text is back under the limit or a message is sent. Typing "@"
// offers the room's members (ArrowUp/Down, Enter or Tab, Escape); a choice writes "@Display Name ".
import { type MentionCandidate, editMessagePayloadSchema, limits } from "@mufakat/shared";
import { type KeyboardEvent, type ReactNode, useRef } from "react";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { MentionListbox } from "./MentionListbox.tsx";
import { useMentionSuggestions } from "./useMentionSuggestions.ts";

interface MessageComposerProps {
  label: string;
  /** The short name of the text box, which its error starts with ("Message", "Comment"). */
  fieldName: string;
  submitLabel: string;
  testId: string;
  send(body: string): Promise<void>;
  /** Shown above the text box (the quoted selection of a comment). */
  note?: ReactNode;
  /** The members "@" suggests (the room's, without the writer). */
  mentionable: readonly MentionCandidate[];
}

/** The body of a message as every message payload checks it. */
export const messageBodySchema = editMessagePayloadSchema.pick({ body: true });

export function MessageComposer({
  label,
  fieldName,
  submitLabel,
  testId,
  send,
  note,
  mentionable,
}: MessageComposerProps) {
  const t = useT();
  const { form, onSubmit, submitting, serverError, error } = useApiForm<{ body: string }, { body: string }>({
    schema: messageBodySchema,
    defaultValues: { body: "" },
    toInput: (fields) => fields,
    send: (input) => send(input.body),
    onSent: (sent) => sent.reset(),
  });
  const body = form.watch("body");
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const mentions = useMentionSuggestions(mentionable, (text) =>
    form.setValue("body", text, { shouldDirty: true, shouldValidate: form.formState.isSubmitted }),
  );
  const registered = form.register("body");
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mentions.onKeyDown(event)) return;
    // Enter sends, Shift+Enter starts a new line.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      void onSubmit(event);
    }
  };
  // The body's own issues show under it; the banner is for what is not about the text (no connection, …).
  const unmarked = error && (error.code !== "VALIDATION_FAILED" || !markedOnBody(error)) ? error : null;
  return (
    <form className="message-form" data-testid={`${testId}-form`} onSubmit={onSubmit}>
      {note}
      <FormField
        name="body"
        label={label}
        hideLabel
        issuePrefix={fieldName}
        limit={{ max: limits.messageChars, length: checkedLength(body) }}
        error={serverError}
        fieldError={form.formState.errors.body}
        testId={`${testId}-body`}
        announce
      >
        {(control) => (
          <textarea
            {...control}
            {...mentions.aria}
            rows={2}
            placeholder={label}
            {...registered}
            ref={(element) => {
              registered.ref(element);
              textarea.current = element;
            }}
            onChange={(event) => {
              void registered.onChange(event);
              mentions.refresh(event.currentTarget);
            }}
            onSelect={(event) => mentions.refresh(event.currentTarget)}
            onBlur={(event) => {
              void registered.onBlur(event);
              mentions.close();
            }}
            onKeyDown={onKeyDown}
            data-testid={`${testId}-input`}
          />
        )}
      </FormField>
      {mentions.open && (
        <MentionListbox
          id={mentions.listId}
          members={mentions.open.options}
          active={mentions.open.active}
          onPick={(member) => mentions.pick(member, textarea.current)}
        />
      )}
      <p className="visually-hidden" role="status" data-testid={`${testId}-mention-status`}>
        {mentions.open ? t("mention.count", { count: mentions.open.options.length }) : ""}
      </p>
      <button type="submit" disabled={submitting} data-testid={`${testId}-send`}>
        {submitLabel}
      </button>
      <ErrorMessage error={unmarked} testId={`${testId}-error`} />
    </form>
  );
}

/** Every issue of a refusal is about the text box (and so shows under it). */
function markedOnBody(error: { fieldIssues: readonly { path: string }[] }): boolean {
  return error.fieldIssues.length > 0 && error.fieldIssues.every((issue) => issue.path === "body");
}

// The text box for a new chat message, comment or reply; checks the text against the shared schema first.
// A text over the limit marks the box, names it and says how long it is ("Message: at most 4,000 characters
// — 5,120 typed"); the mark goes once the text is back under the limit or a message is sent.
import { editMessagePayloadSchema, limits } from "@mufakat/shared";
import type { KeyboardEvent, ReactNode } from "react";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";

interface MessageComposerProps {
  label: string;
  /** The short name of the text box, which its error starts with ("Message", "Comment"). */
  fieldName: string;
  submitLabel: string;
  testId: string;
  send(body: string): Promise<void>;
  /** Shown above the text box (the quoted selection of a comment). */
  note?: ReactNode;
}

/** The body of a message as every message payload checks it. */
export const messageBodySchema = editMessagePayloadSchema.pick({ body: true });

export function MessageComposer({ label, fieldName, submitLabel, testId, send, note }: MessageComposerProps) {
  const { form, onSubmit, submitting, serverError, error } = useApiForm<{ body: string }, { body: string }>({
    schema: messageBodySchema,
    defaultValues: { body: "" },
    toInput: (fields) => fields,
    send: (input) => send(input.body),
    onSent: (sent) => sent.reset(),
  });
  const body = form.watch("body");
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
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
            rows={2}
            placeholder={label}
            {...form.register("body")}
            onKeyDown={onKeyDown}
            data-testid={`${testId}-input`}
          />
        )}
      </FormField>
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

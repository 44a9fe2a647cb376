// The text box for a new chat message, comment or reply; checks the text against the shared schema first.
import { editMessagePayloadSchema } from "@mufakat/shared";
import { type KeyboardEvent, type ReactNode, useId } from "react";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";

interface MessageComposerProps {
  label: string;
  submitLabel: string;
  testId: string;
  send(body: string): Promise<void>;
  /** Shown above the text box (the quoted selection of a comment). */
  note?: ReactNode;
}

/** The body of a message as every message payload checks it. */
export const messageBodySchema = editMessagePayloadSchema.pick({ body: true });

export function MessageComposer({ label, submitLabel, testId, send, note }: MessageComposerProps) {
  const id = useId();
  const { form, onSubmit, submitting, error } = useApiForm<{ body: string }, { body: string }>({
    schema: messageBodySchema,
    defaultValues: { body: "" },
    toInput: (fields) => fields,
    send: (input) => send(input.body),
    onSent: (sent) => sent.reset(),
  });
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter starts a new line.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      void onSubmit(event);
    }
  };
  return (
    <form className="message-form" data-testid={`${testId}-form`} onSubmit={onSubmit}>
      {note}
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={id}
        rows={2}
        placeholder={label}
        {...form.register("body")}
        onKeyDown={onKeyDown}
        data-testid={`${testId}-input`}
      />
      <button type="submit" disabled={submitting} data-testid={`${testId}-send`}>
        {submitLabel}
      </button>
      <ErrorMessage error={error} testId={`${testId}-error`} />
    </form>
  );
}

// The text box for a new chat message, comment or reply; checks the text against the shared schema first.
import { useMutation } from "@tanstack/react-query";
import { messageBodySchema } from "@mufakat/shared";
import { type KeyboardEvent, type ReactNode, useId, useState } from "react";
import { validateInput } from "../../api/validateInput.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";

interface MessageComposerProps {
  label: string;
  submitLabel: string;
  testId: string;
  send(body: string): Promise<void>;
  /** Shown above the text box (the quoted selection of a comment). */
  note?: ReactNode;
}

export function MessageComposer({ label, submitLabel, testId, send, note }: MessageComposerProps) {
  const id = useId();
  const [body, setBody] = useState("");
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      await send(validateInput(messageBodySchema, body));
      setBody("");
    },
  });
  const error = apiErrorOf(failure);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter starts a new line.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };
  return (
    <form
      className="message-form"
      data-testid={`${testId}-form`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {note}
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={id}
        value={body}
        rows={2}
        placeholder={label}
        onChange={(event) => setBody(event.target.value)}
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

// One chat message or comment: author in their sector colour, time, text (or "deleted"), and for the
// author, edit and delete (which asks first: a deleted text cannot be brought back).
import { type DiscussionMessage, type MentionCandidate, limits, ownsMessage } from "@mufakat/shared";
import { type ReactNode, useState } from "react";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ConfirmButton } from "../../components/ConfirmDialog.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { SectorMarker } from "../../components/Badges.tsx";
import { sectorColours } from "../../components/sectorColours.ts";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";
import { type LiveSocket, liveRequest } from "../../realtime/index.ts";
import { MessageBody } from "./MessageBody.tsx";
import { messageBodySchema } from "./MessageComposer.tsx";

interface MessageItemProps {
  socket: LiveSocket;
  message: DiscussionMessage;
  members: readonly MentionCandidate[];
  myId: string;
  onChanged(message: DiscussionMessage): void;
  /** Extra actions (reply). */
  actions?: ReactNode;
  /** Shown above the text: the quoted passage a comment is about. */
  quote?: ReactNode;
  /** Shown below the message: replies. */
  children?: ReactNode;
}

export function MessageItem({ socket, message, members, myId, onChanged, actions, quote, children }: MessageItemProps) {
  const t = useT();
  const formatDate = useFormatDate();
  const [editing, setEditing] = useState(false);
  const mine = ownsMessage({ userId: myId }, { authorId: message.author.id });
  return (
    <article
      className={message.deleted ? "message message-deleted" : "message"}
      data-testid={message.kind === "chat" ? "chat-message" : "comment"}
      data-message-id={message.id}
      data-deleted={message.deleted}
    >
      <header className="message-meta">
        <span
          className="message-author"
          data-testid="message-author"
          style={{ color: sectorColours[message.author.sector].solid }}
        >
          <SectorMarker sector={message.author.sector} /> {message.author.displayName}
        </span>{" "}
        <small>
          {formatDate(message.createdAt)}
          {message.editedAt && !message.deleted && ` · ${t("discussion.edited")}`}
        </small>
      </header>
      {quote}
      {message.deleted || message.body === null ? (
        <p className="message-body empty" data-testid="message-deleted">
          {t("discussion.deleted")}
        </p>
      ) : editing ? (
        <EditMessageForm
          socket={socket}
          message={message}
          body={message.body}
          onDone={(edited) => {
            if (edited) onChanged(edited);
            setEditing(false);
          }}
        />
      ) : (
        <MessageBody text={message.body} members={members} myId={myId} />
      )}
      {!message.deleted && !editing && (
        <footer className="message-actions">
          {actions}
          {mine && (
            <>
              <button
                type="button"
                className="button-quiet"
                data-testid="message-edit"
                onClick={() => setEditing(true)}
              >
                {t("discussion.edit")}
              </button>
              <ConfirmButton
                act="deleteMessage"
                label={t("discussion.delete")}
                className="button-quiet"
                testId="message-delete"
                title={t(message.kind === "chat" ? "confirm.deleteMessage.title" : "confirm.deleteComment.title")}
                confirmLabel={t(
                  message.kind === "chat" ? "confirm.deleteMessage.confirm" : "confirm.deleteComment.confirm",
                )}
                run={async () => onChanged(await liveRequest(socket, "message:delete", { messageId: message.id }))}
              >
                <blockquote className="confirm-dialog-quote preserve-lines">{message.body}</blockquote>
                <p>{t("confirm.deleteMessage.consequence")}</p>
              </ConfirmButton>
            </>
          )}
        </footer>
      )}
      {children}
    </article>
  );
}

function EditMessageForm({
  socket,
  message,
  body: initial,
  onDone,
}: {
  socket: LiveSocket;
  message: DiscussionMessage;
  body: string;
  onDone(edited: DiscussionMessage | null): void;
}) {
  const t = useT();
  const { form, onSubmit, submitting, serverError, error } = useApiForm<{ body: string }, { body: string }>({
    schema: messageBodySchema,
    defaultValues: { body: initial },
    toInput: (fields) => fields,
    send: async (input) =>
      onDone(await liveRequest(socket, "message:edit", { messageId: message.id, body: input.body })),
  });
  const body = form.watch("body");
  return (
    <form className="message-form" onSubmit={onSubmit}>
      <FormField
        name="body"
        label={t("discussion.edit")}
        hideLabel
        issuePrefix={t(message.kind === "chat" ? "chat.field" : "comment.field")}
        limit={{ max: limits.messageChars, length: checkedLength(body) }}
        error={serverError}
        fieldError={form.formState.errors.body}
        testId="message-edit-body"
        announce
      >
        {(control) => <textarea {...control} {...form.register("body")} data-testid="message-edit-body" rows={2} />}
      </FormField>
      <button type="submit" disabled={submitting} data-testid="message-edit-save">
        {t("discussion.save")}
      </button>
      <button type="button" className="button-quiet" onClick={() => onDone(null)}>
        {t("common.cancel")}
      </button>
      <ErrorMessage error={error} testId="message-edit-error" />
    </form>
  );
}

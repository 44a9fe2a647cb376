// The room's proposals: open one, create one, rename one; each shows who is viewing it now.
import {
  type CreateProposalPayload,
  type PresenceMember,
  type Proposal,
  type RenameProposalPayload,
  createProposalPayloadSchema,
  limits,
  renameProposalPayloadSchema,
} from "@mufakat/shared";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { SectorMarker } from "../../components/Badges.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { type LiveSocket, liveRequest } from "../../realtime/index.ts";
import { focusEditorOfProposal } from "./focusNewProposal.ts";

interface ProposalListProps {
  socket: LiveSocket;
  roomId: string;
  proposals: Proposal[];
  presence: PresenceMember[];
  selectedId: string | null;
  canWrite: boolean;
  onSaved(proposal: Proposal): void;
}

export function ProposalList({
  socket,
  roomId,
  proposals,
  presence,
  selectedId,
  canWrite,
  onSaved,
}: ProposalListProps) {
  const t = useT();
  return (
    <section className="proposal-list" aria-labelledby="proposals-heading" data-testid="proposal-list">
      <h2 id="proposals-heading">{t("proposal.listTitle")}</h2>
      {proposals.length === 0 ? (
        <p className="empty" data-testid="proposals-empty">
          {t(canWrite ? "proposal.empty" : "room.proposalsEmptyReader")}
        </p>
      ) : (
        <ul>
          {proposals.map((proposal) => (
            <ProposalItem
              key={proposal.id}
              socket={socket}
              proposal={proposal}
              viewers={presence.filter((member) => member.viewing.includes(proposal.id))}
              selected={proposal.id === selectedId}
              canWrite={canWrite}
              onSaved={onSaved}
            />
          ))}
        </ul>
      )}
      {canWrite && <CreateProposalForm socket={socket} roomId={roomId} onSaved={onSaved} />}
    </section>
  );
}

interface ProposalItemProps {
  socket: LiveSocket;
  proposal: Proposal;
  viewers: PresenceMember[];
  selected: boolean;
  canWrite: boolean;
  onSaved(proposal: Proposal): void;
}

function ProposalItem({ socket, proposal, viewers, selected, canWrite, onSaved }: ProposalItemProps) {
  const t = useT();
  const [renaming, setRenaming] = useState(false);
  return (
    <li
      className={selected ? "proposal-item selected" : "proposal-item"}
      data-testid="proposal-item"
      data-proposal-id={proposal.id}
    >
      {renaming ? (
        <RenameProposalForm
          socket={socket}
          proposal={proposal}
          onDone={(renamed) => {
            if (renamed) onSaved(renamed);
            setRenaming(false);
          }}
        />
      ) : (
        <>
          <Link
            to={`/rooms/${proposal.roomId}/proposals/${proposal.id}`}
            data-testid="proposal-link"
            aria-current={selected ? "page" : undefined}
          >
            {proposal.title}
          </Link>
          {canWrite && (
            <button
              type="button"
              className="button-quiet"
              data-testid="proposal-rename"
              onClick={() => setRenaming(true)}
            >
              {t("proposal.rename")}
            </button>
          )}
        </>
      )}
      {viewers.length > 0 && (
        <span className="viewers" data-testid="proposal-viewers" title={t("proposal.viewers")}>
          <span className="visually-hidden">
            {t("proposal.viewers")}: {viewers.map((viewer) => viewer.displayName).join(", ")}
          </span>
          {viewers.map((viewer) => (
            <span key={viewer.userId} className="viewer-marker" title={viewer.displayName}>
              <SectorMarker sector={viewer.sector} />
            </span>
          ))}
        </span>
      )}
    </li>
  );
}

function CreateProposalForm({
  socket,
  roomId,
  onSaved,
}: {
  socket: LiveSocket;
  roomId: string;
  onSaved(p: Proposal): void;
}) {
  const t = useT();
  const navigate = useNavigate();
  const { form, onSubmit, submitting, serverError, error } = useApiForm<{ title: string }, CreateProposalPayload>({
    schema: createProposalPayloadSchema,
    defaultValues: { title: "" },
    toInput: (fields) => ({ roomId, title: fields.title }),
    send: async (payload) => {
      const created = await liveRequest(socket, "proposal:create", payload);
      onSaved(created);
      // A new proposal opens at once, its editor focused: the next thing its author does is write it.
      await navigate(`/rooms/${roomId}/proposals/${created.id}`);
      focusEditorOfProposal(created.id);
    },
    onSent: (sent) => sent.reset(),
  });
  const title = form.watch("title");
  return (
    <form className="inline-form" onSubmit={onSubmit} data-testid="create-proposal-form">
      <FormField
        name="title"
        label={t("proposal.newTitle")}
        hideLabel
        limit={{ max: limits.proposalTitleChars, length: checkedLength(title) }}
        error={serverError}
        fieldError={form.formState.errors.title}
        testId="new-proposal-title"
      >
        {(control) => (
          <input
            {...control}
            {...form.register("title")}
            placeholder={t("proposal.newTitle")}
            data-testid="new-proposal-title"
          />
        )}
      </FormField>
      <button type="submit" disabled={submitting} data-testid="create-proposal">
        {t("proposal.create")}
      </button>
      <ErrorMessage error={error} testId="create-proposal-error" />
    </form>
  );
}

function RenameProposalForm({
  socket,
  proposal,
  onDone,
}: {
  socket: LiveSocket;
  proposal: Proposal;
  onDone(renamed: Proposal | null): void;
}) {
  const t = useT();
  const { form, onSubmit, submitting, serverError, error } = useApiForm<{ title: string }, RenameProposalPayload>({
    schema: renameProposalPayloadSchema,
    defaultValues: { title: proposal.title },
    toInput: (fields) => ({ proposalId: proposal.id, title: fields.title.trim() }),
    send: async (payload) => onDone(await liveRequest(socket, "proposal:rename", payload)),
  });
  const title = form.watch("title");
  return (
    <form className="inline-form" onSubmit={onSubmit}>
      <FormField
        name="title"
        label={t("field.title")}
        hideLabel
        limit={{ max: limits.proposalTitleChars, length: checkedLength(title) }}
        error={serverError}
        fieldError={form.formState.errors.title}
        testId="rename-proposal-title"
      >
        {(control) => <input {...control} {...form.register("title")} data-testid="rename-proposal-title" />}
      </FormField>
      <button type="submit" disabled={submitting} data-testid="rename-proposal-save">
        {t("proposal.renameSave")}
      </button>
      <button type="button" className="button-quiet" onClick={() => onDone(null)}>
        {t("common.cancel")}
      </button>
      <ErrorMessage error={error} testId="rename-proposal-error" />
    </form>
  );
}

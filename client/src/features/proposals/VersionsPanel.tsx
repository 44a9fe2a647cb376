// Named versions of a proposal: save the current text under a name, list them, and compare any two.
import {
  type DiffVersionsPayload,
  type ProposalVersion,
  type SaveVersionPayload,
  type TextDiff,
  type VersionRef,
  diffVersionsPayloadSchema,
  limits,
  saveVersionPayloadSchema,
} from "@mufakat/shared";
import { useEffect, useState } from "react";
import type { ApiError } from "../../api/ApiError.ts";
import { toApiError } from "../../api/queryClient.ts";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { type BodySchema, useApiForm } from "../../forms/useApiForm.ts";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";
import { type LiveSocket, liveRequest } from "../../realtime/index.ts";
import { VersionDiffView } from "./VersionDiffView.tsx";

interface VersionsPanelProps {
  socket: LiveSocket;
  proposalId: string;
  /** Changes after every (re)open, when the list is read again. */
  generation: number | null;
  canWrite: boolean;
}

export function VersionsPanel({ socket, proposalId, generation, canWrite }: VersionsPanelProps) {
  const t = useT();
  const [versions, setVersions] = useState<ProposalVersion[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (generation === null) return;
    let active = true;
    liveRequest(socket, "version:list", { proposalId }).then(
      (list) => active && setVersions(list),
      (caught: unknown) => active && setError(toApiError(caught)),
    );
    const onSaved = (version: ProposalVersion) => {
      if (version.proposalId === proposalId) setVersions((list) => addVersion(list, version));
    };
    socket.on("version:saved", onSaved);
    return () => {
      active = false;
      socket.off("version:saved", onSaved);
    };
  }, [socket, proposalId, generation]);

  return (
    <section className="versions" aria-labelledby="versions-heading" data-testid="versions-panel">
      <h3 id="versions-heading">{t("version.title")}</h3>
      <ErrorMessage error={error} testId="versions-error" />
      {canWrite && (
        <SaveVersionForm
          socket={socket}
          proposalId={proposalId}
          onSaved={(version) => setVersions((list) => addVersion(list, version))}
        />
      )}
      <VersionList versions={versions} />
      <DiffForm socket={socket} proposalId={proposalId} versions={versions} />
    </section>
  );
}

function addVersion(list: ProposalVersion[], version: ProposalVersion): ProposalVersion[] {
  return list.some((v) => v.id === version.id) ? list : [version, ...list];
}

function VersionList({ versions }: { versions: ProposalVersion[] }) {
  const t = useT();
  const formatDate = useFormatDate();
  if (versions.length === 0) return <p className="empty">{t("version.empty")}</p>;
  return (
    <ul className="version-list" data-testid="version-list">
      {versions.map((version) => (
        <li key={version.id} data-testid="version-item" data-version-id={version.id}>
          <strong data-testid="version-name">{version.name}</strong>{" "}
          <small>
            {version.createdBy.displayName} · {formatDate(version.createdAt)}
          </small>
        </li>
      ))}
    </ul>
  );
}

function SaveVersionForm({
  socket,
  proposalId,
  onSaved,
}: {
  socket: LiveSocket;
  proposalId: string;
  onSaved(version: ProposalVersion): void;
}) {
  const t = useT();
  const { form, onSubmit, submitting, serverError, error } = useApiForm<{ name: string }, SaveVersionPayload>({
    schema: saveVersionPayloadSchema,
    defaultValues: { name: "" },
    toInput: (fields) => ({ proposalId, name: fields.name.trim() }),
    send: async (payload) => onSaved(await liveRequest(socket, "version:save", payload)),
    onSent: (sent) => sent.reset(),
  });
  const name = form.watch("name");
  return (
    <form className="inline-form" onSubmit={onSubmit}>
      <FormField
        name="name"
        label={t("version.name")}
        hideLabel
        limit={{ max: limits.versionNameChars, length: checkedLength(name) }}
        error={serverError}
        fieldError={form.formState.errors.name}
        testId="version-name"
      >
        {(control) => (
          <input
            {...control}
            placeholder={t("version.name")}
            {...form.register("name")}
            data-testid="version-name-input"
          />
        )}
      </FormField>
      <button type="submit" disabled={submitting} data-testid="version-save">
        {t("version.save")}
      </button>
      <ErrorMessage error={error} testId="version-save-error" />
    </form>
  );
}

/**
 * The diff a DiffForm asks for, or null while no "from" version is chosen: then nothing is sent and no error
 * shows (the button is off too), as a submit without a "from" always did.
 */
const diffRequestSchema: BodySchema = {
  safeParseAsync: (value) =>
    value === null ? Promise.resolve({ success: true, data: null }) : diffVersionsPayloadSchema.safeParseAsync(value),
};

/** The two versions as the selects hold them; an empty "from" is none chosen yet. */
interface DiffFields {
  from: VersionRef | "";
  to: VersionRef;
}

function DiffForm({
  socket,
  proposalId,
  versions,
}: {
  socket: LiveSocket;
  proposalId: string;
  versions: ProposalVersion[];
}) {
  const t = useT();
  const [diff, setDiff] = useState<TextDiff | null>(null);
  const { form, onSubmit, submitting, error } = useApiForm<DiffFields, DiffVersionsPayload | null>({
    schema: diffRequestSchema,
    defaultValues: { from: "", to: "current" },
    toInput: (fields) => (fields.from ? { proposalId, from: fields.from, to: fields.to } : null),
    send: async (payload) => {
      if (payload) setDiff(await liveRequest(socket, "version:diff", payload));
    },
  });
  const from = form.watch("from");
  if (versions.length === 0) return null;
  const options = [
    { id: "current", label: t("version.current") },
    ...versions.map((version) => ({ id: version.id, label: version.name })),
  ];
  return (
    <div className="diff-form">
      <form className="inline-form" onSubmit={onSubmit}>
        <label>
          {t("version.diffFrom")}{" "}
          <select {...form.register("from")} data-testid="diff-from">
            <option value="">—</option>
            {options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("version.diffTo")}{" "}
          <select {...form.register("to")} data-testid="diff-to">
            {options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={submitting || !from} data-testid="diff-show">
          {t("version.diffShow")}
        </button>
      </form>
      <ErrorMessage error={error} testId="diff-error" />
      {diff && <VersionDiffView diff={diff} />}
    </div>
  );
}

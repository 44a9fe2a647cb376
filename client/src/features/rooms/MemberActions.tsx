// For coordinators (the room's manageMembers ability): change a member's role, remove a member, and confirm
// a demotion or removal of a coordinator that another coordinator asked for. Every act that cannot be taken
// back asks first with the ConfirmDialog: demoting a coordinator, removing anyone, confirming a request.
// Promoting, or moving between participant and observer, is undone the same way, so it does not ask.
import {
  type Member,
  type MemberRole,
  type PendingAction,
  type RoomVisibility,
  countsAsCoordinator,
  memberRoles,
} from "@mufakat/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { changeMemberRole, confirmPendingAction, removeMember } from "../../api/endpoints.ts";
import { pendingActionsQuery } from "../../api/queries.ts";
import { apiErrorOf } from "../../api/queryClient.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import { ConfirmButton, ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { useFormatDate, useT } from "../../i18n/I18nProvider.tsx";

export interface MemberManagement {
  roomId: string;
  myId: string;
  visibility: RoomVisibility;
}

/** After a role change, a removal or a confirmation: the room's members and the waiting requests. */
function useMembershipChanged(roomId: string): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.room(roomId), exact: true }),
      queryClient.invalidateQueries({ queryKey: queryKeys.pendingActions(roomId) }),
    ]);
  };
}

/** Demoting a coordinator takes their coordination away; it waits for a second coordinator's confirmation. */
function isDemotion(from: MemberRole, to: MemberRole): boolean {
  return countsAsCoordinator(from) && !countsAsCoordinator(to);
}

export function MemberActions({ member, manage }: { member: Member; manage: MemberManagement }) {
  const t = useT();
  const selectId = useId();
  const changed = useMembershipChanged(manage.roomId);
  const [role, setRole] = useState<MemberRole>(member.role);
  const [asking, setAsking] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const name = member.user.displayName;
  const change = useMutation({
    mutationFn: () => changeMemberRole(manage.roomId, member.user.id, role),
    onSuccess: async (result) => {
      setAsking(false);
      setWaiting(result.state === "pending");
      // A demotion waiting for a second coordinator has not changed the role yet: the select says so.
      if (result.state === "pending") setRole(member.role);
      await changed();
    },
  });
  const coordinator = countsAsCoordinator(member.role);
  const apply = () => {
    change.reset();
    if (isDemotion(member.role, role)) setAsking(true);
    else change.mutate();
  };
  return (
    <div className="member-actions" data-testid="member-actions">
      <label htmlFor={selectId} className="visually-hidden">
        {t("members.roleOf", { name })}
      </label>
      <select
        id={selectId}
        value={role}
        data-testid="member-role-select"
        onChange={(event) => setRole(event.target.value as MemberRole)}
      >
        {memberRoles.map((option) => (
          <option key={option} value={option}>
            {t(`role.${option}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button-quiet"
        disabled={role === member.role || change.isPending}
        data-testid="member-role-apply"
        onClick={apply}
      >
        {t("members.changeRole")}
      </button>
      <ConfirmButton
        act={coordinator ? "removeCoordinator" : "removeMember"}
        label={t("members.remove")}
        className="button-quiet button-danger-quiet"
        testId="member-remove"
        title={t("confirm.removeMember.title", { name })}
        confirmLabel={t("confirm.removeMember.confirm", { name })}
        irreversible={t(
          manage.visibility === "open"
            ? "confirm.removeMember.irreversibleOpen"
            : "confirm.removeMember.irreversibleInviteOnly",
          { name },
        )}
        run={async () => {
          const result = await removeMember(manage.roomId, member.user.id);
          setWaiting(result.state === "pending");
          await changed();
        }}
      >
        <p>{t("confirm.removeMember.consequence", { name })}</p>
        {coordinator && <p>{t("confirm.needsSecondCoordinator")}</p>}
      </ConfirmButton>
      {asking && (
        <ConfirmDialog
          act="demoteCoordinator"
          title={t("confirm.demote.title", { name })}
          confirmLabel={t("confirm.demote.confirm", { name, role: t(`role.${role}`) })}
          irreversible={t("confirm.demote.irreversible", { name })}
          pending={change.isPending}
          error={apiErrorOf(change.error)}
          onConfirm={() => change.mutate()}
          onCancel={() => {
            setAsking(false);
            setRole(member.role);
          }}
        >
          <p>{t("confirm.demote.consequence", { name, role: t(`role.${role}`) })}</p>
          <p>{t("confirm.needsSecondCoordinator")}</p>
        </ConfirmDialog>
      )}
      {waiting && (
        <small className="note" role="status" data-testid="member-waiting">
          {t("members.waitingForSecond")}
        </small>
      )}
      {!asking && <ErrorMessage error={apiErrorOf(change.error)} testId="member-role-error" />}
    </div>
  );
}

/** Requests to demote or remove a coordinator, waiting for a second coordinator (not the one who asked). */
export function PendingActions({ members, manage }: { members: Member[]; manage: MemberManagement }) {
  const t = useT();
  const pending = useQuery(pendingActionsQuery(manage.roomId));
  if (!pending.data || pending.data.length === 0) return null;
  const nameOf = (userId: string) => members.find((m) => m.user.id === userId)?.user.displayName ?? userId;
  return (
    <section className="pending-actions" data-testid="pending-actions">
      <h3>{t("members.pendingTitle")}</h3>
      <ul>
        {pending.data.map((action) => (
          <PendingActionItem
            key={action.id}
            action={action}
            manage={manage}
            target={nameOf(action.targetUserId)}
            requester={nameOf(action.requestedBy)}
          />
        ))}
      </ul>
    </section>
  );
}

function PendingActionItem({
  action,
  manage,
  target,
  requester,
}: {
  action: PendingAction;
  manage: MemberManagement;
  target: string;
  requester: string;
}) {
  const t = useT();
  const formatDate = useFormatDate();
  const changed = useMembershipChanged(manage.roomId);
  const newRole = t(`role.${action.newRole ?? "participant"}`);
  const request =
    action.kind === "remove-coordinator"
      ? t("members.pendingRemoval", { requester, name: target, date: formatDate(action.createdAt) })
      : t("members.pendingDemotion", { requester, name: target, role: newRole, date: formatDate(action.createdAt) });
  return (
    <li data-testid="pending-action" data-kind={action.kind} data-target-user-id={action.targetUserId}>
      <span>{request}</span>{" "}
      {action.requestedBy === manage.myId ? (
        <small className="note">{t("members.pendingYours")}</small>
      ) : (
        <ConfirmButton
          act={action.kind === "remove-coordinator" ? "confirmRemoval" : "confirmDemotion"}
          label={t("members.pendingConfirm")}
          testId="pending-confirm"
          title={t("confirm.pending.title")}
          irreversible={
            action.kind === "remove-coordinator" ? undefined : t("confirm.demote.irreversible", { name: target })
          }
          confirmLabel={
            action.kind === "remove-coordinator"
              ? t("confirm.removeMember.confirm", { name: target })
              : t("confirm.demote.confirm", { name: target, role: newRole })
          }
          run={async () => {
            await confirmPendingAction(manage.roomId, action.id);
            await changed();
          }}
        >
          <p>{request}</p>
          <p>
            {action.kind === "remove-coordinator"
              ? t("confirm.removeMember.consequence", { name: target })
              : t("confirm.demote.consequence", { name: target, role: newRole })}
          </p>
        </ConfirmButton>
      )}
    </li>
  );
}

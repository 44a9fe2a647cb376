// "My vote delegation" in the room's motion tab: whom the viewer's vote goes to on every motion of the room,
// whose votes the viewer carries, choosing or changing the delegate, and taking the delegation back. The
// delegate list keeps to the viewer's sector unless the room lets delegations cross sectors.
import type { Delegation, MyDelegations, RoomDetail } from "@mufakat/shared";
import { useMutation, useQuery } from "@tanstack/react-query";
import { myDelegationsQuery, roomQuery } from "../../api/queries.ts";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useSession } from "../../api/useSession.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { QueryView, allQueries } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { DelegateChooser } from "./DelegateChooser.tsx";
import { delegateCandidates } from "./delegateCandidates.ts";
import { delegateInRoom, revokeRoomDelegation } from "./delegationEndpoints.ts";
import { useDelegationChanged } from "./useDelegationChanged.ts";

export function DelegationPanel({ roomId }: { roomId: string }) {
  const t = useT();
  const session = useSession();
  const both = allQueries([useQuery(roomQuery(roomId)), useQuery(myDelegationsQuery(roomId))] as const);
  if (session.state !== "signed-in") return null;
  const myId = session.user.id;
  return (
    <section className="delegation-panel" data-testid="delegation-panel" aria-labelledby="delegation-panel-title">
      <h2 id="delegation-panel-title">{t("delegation.title")}</h2>
      <QueryView query={both}>
        {([room, mine]) => <DelegationPanelBody room={room} mine={mine} myId={myId} />}
      </QueryView>
    </section>
  );
}

function DelegationPanelBody({ room, mine, myId }: { room: RoomDetail; mine: MyDelegations; myId: string }) {
  const t = useT();
  const changed = useDelegationChanged(room.id);
  const roomWide = mine.given.find((delegation) => delegation.scope === "room") ?? null;
  const revoke = useMutation({
    mutationFn: () => revokeRoomDelegation(room.id),
    onSettled: () => changed(),
  });
  const me = room.members.find((member) => member.user.id === myId);
  if (!me || me.role === "observer") {
    return <p className="note">{t("delegation.observer")}</p>;
  }
  return (
    <>
      <p className="note" data-testid="delegation-rule" data-across-sectors={mine.acrossSectors}>
        {mine.acrossSectors ? t("delegation.rule.anySector") : t("delegation.rule.ownSector")}
      </p>
      {roomWide ? (
        <p data-testid="delegation-given" data-delegate-id={roomWide.delegate.id}>
          {t("delegation.given", {
            name: roomWide.delegate.displayName,
            sector: t(`sector.${roomWide.delegate.sector}`),
          })}
        </p>
      ) : (
        <p className="empty" data-testid="delegation-given-none">
          {t("delegation.givenNone")}
        </p>
      )}
      {roomWide && (
        <button
          type="button"
          className="button-quiet"
          disabled={revoke.isPending}
          onClick={() => revoke.mutate()}
          data-testid="delegation-revoke"
        >
          {t("delegation.revoke")}
        </button>
      )}
      <ErrorMessage error={apiErrorOf(revoke.error)} testId="delegation-revoke-error" />
      <DelegateChooser
        candidates={delegateCandidates(room, myId, mine.acrossSectors)}
        label={roomWide ? t("delegation.changeTo") : t("delegation.giveTo")}
        submitLabel={t("delegation.submit")}
        testId="delegation-chooser"
        delegate={async (delegateId) => {
          try {
            await delegateInRoom(room.id, delegateId);
          } finally {
            // A refusal may mean the room's rule changed since the list was read: read it again too.
            await changed();
          }
        }}
      />
      <ReceivedDelegations received={mine.received} />
    </>
  );
}

function ReceivedDelegations({ received }: { received: Delegation[] }) {
  const t = useT();
  if (received.length === 0) {
    return (
      <p className="note" data-testid="delegation-received-none">
        {t("delegation.receivedNone")}
      </p>
    );
  }
  return (
    <>
      <h3>{t("delegation.received")}</h3>
      <ul className="delegation-received" data-testid="delegation-received">
        {received.map((delegation) => (
          <li
            key={`${delegation.delegator.id}-${delegation.motionId ?? "room"}`}
            data-testid="delegation-received-item"
            data-delegator-id={delegation.delegator.id}
            data-scope={delegation.scope}
          >
            {t(delegation.scope === "room" ? "delegation.receivedRoom" : "delegation.receivedMotion", {
              name: delegation.delegator.displayName,
              sector: t(`sector.${delegation.delegator.sector}`),
            })}
          </li>
        ))}
      </ul>
    </>
  );
}

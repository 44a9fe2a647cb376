// How the viewer's vote stands on an open motion, in words: cast by themselves, carried by a delegate, or
// delegated but not counted (and why); whose votes it carries; and a delegation for this motion only, which
// replaces the room-wide one here, or taking that back. Read again whenever the tally moves, since a
// delegate's vote changes the viewer's standing without any event of the viewer's own.
import type { Motion, MyMotionDelegation } from "@mufakat/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { myDelegationsQuery, myMotionDelegationQuery, roomQuery } from "../../api/queries.ts";
import { apiErrorOf } from "../../api/queryClient.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import { useSession } from "../../api/useSession.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { QueryView, allQueries } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import type { Translate } from "../../i18n/translate.ts";
import { DelegateChooser } from "./DelegateChooser.tsx";
import { delegateCandidates } from "./delegateCandidates.ts";
import { delegateOnMotion, revokeMotionDelegation } from "./delegationEndpoints.ts";
import { useDelegationChanged } from "./useDelegationChanged.ts";

export function MotionDelegation({ motion }: { motion: Motion }) {
  const t = useT();
  const session = useSession();
  const queryClient = useQueryClient();
  const all = allQueries([
    useQuery(roomQuery(motion.roomId)),
    useQuery(myDelegationsQuery(motion.roomId)),
    useQuery(myMotionDelegationQuery(motion.id)),
  ] as const);
  // Read again when the tally or the viewer's own position moves, not on mount (the query reads it then).
  const moved = JSON.stringify([motion.tally.perSector, motion.myPosition]);
  const seen = useRef(moved);
  useEffect(() => {
    if (seen.current === moved) return;
    seen.current = moved;
    void queryClient.invalidateQueries({ queryKey: queryKeys.myMotionDelegation(motion.id) });
  }, [moved, queryClient, motion.id]);
  if (session.state !== "signed-in") return null;
  const myId = session.user.id;
  return (
    <section className="motion-delegation" data-testid="motion-delegation" aria-labelledby={`delegation-${motion.id}`}>
      <h3 id={`delegation-${motion.id}`}>{t("delegation.motion.title")}</h3>
      <QueryView query={all}>
        {([room, mine, standing]) => {
          const candidates = delegateCandidates(room, myId, mine.acrossSectors);
          return <MotionDelegationBody motion={motion} standing={standing} candidates={candidates} />;
        }}
      </QueryView>
    </section>
  );
}

function MotionDelegationBody({
  motion,
  standing,
  candidates,
}: {
  motion: Motion;
  standing: MyMotionDelegation;
  candidates: Parameters<typeof DelegateChooser>[0]["candidates"];
}) {
  const t = useT();
  const changed = useDelegationChanged(motion.roomId);
  const revoke = useMutation({ mutationFn: () => revokeMotionDelegation(motion.id), onSettled: () => changed() });
  const { delegation } = standing;
  return (
    <>
      <p data-testid="motion-delegation-status" data-status={standing.status} aria-live="polite">
        {standingText(standing, t)}
      </p>
      {delegation && (
        <p className="note" data-testid="motion-delegation-in-force" data-scope={delegation.scope}>
          {t(delegation.scope === "motion" ? "delegation.motion.inForceMotion" : "delegation.motion.inForceRoom", {
            name: delegation.delegate.displayName,
            sector: t(`sector.${delegation.delegate.sector}`),
          })}
        </p>
      )}
      {standing.carrying > 0 && (
        <p className="note" data-testid="motion-delegation-carrying" data-carrying={standing.carrying}>
          {t("delegation.motion.carrying", { count: standing.carrying })}
        </p>
      )}
      {delegation?.scope === "motion" && (
        <button
          type="button"
          className="button-quiet"
          disabled={revoke.isPending}
          onClick={() => revoke.mutate()}
          data-testid="motion-delegation-revoke"
        >
          {t("delegation.motion.revoke")}
        </button>
      )}
      <ErrorMessage error={apiErrorOf(revoke.error)} testId="motion-delegation-revoke-error" />
      <DelegateChooser
        candidates={candidates}
        label={t("delegation.motion.giveTo")}
        submitLabel={t("delegation.motion.submit")}
        testId="motion-delegation-chooser"
        delegate={async (delegateId) => {
          try {
            await delegateOnMotion(motion.id, delegateId);
          } finally {
            await changed();
          }
        }}
      />
    </>
  );
}

/** The viewer's standing on the motion, in one sentence. */
export function standingText(standing: MyMotionDelegation, t: Translate): string {
  switch (standing.status) {
    case "none":
      return t("delegation.status.none");
    case "direct":
      return t("delegation.status.direct");
    case "delegated":
      return standing.castBy
        ? t("delegation.status.delegatedBy", { name: standing.castBy.displayName })
        : t("delegation.status.delegatedSecret");
    case "notCounted":
      return t(`delegation.status.notCounted.${standing.unresolvedReason ?? "delegateDidNotVote"}`);
  }
}

// The commitments board: the room's commitments grouped by status, and the form to commit to an adopted decision.
import { type Commitment, type RoomDetail, commitmentStatuses } from "@mufakat/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { commitmentsQuery } from "../../api/queries.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import { useSession } from "../../api/useSession.ts";
import { QueryView, allQueries } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { useAdoptedDecisions } from "./adoptedDecisions.ts";
import { groupCommitmentsByStatus } from "./accountabilityView.ts";
import { CommitmentCard } from "./CommitmentCard.tsx";
import { CommitmentForm } from "./CommitmentForm.tsx";
import "./accountability.css";

export function CommitmentsTab({ room }: { room: RoomDetail }) {
  const t = useT();
  const session = useSession();
  const queryClient = useQueryClient();
  const board = allQueries([useQuery(commitmentsQuery(room.id)), useAdoptedDecisions(room.id)] as const);
  // A commitment created or changed here goes into the cached board in place: no second read.
  const replace = (changed: Commitment) =>
    queryClient.setQueryData(queryKeys.commitments(room.id), (commitments: Commitment[] | undefined) =>
      commitments?.some((c) => c.id === changed.id)
        ? commitments.map((c) => (c.id === changed.id ? changed : c))
        : [...(commitments ?? []), changed],
    );
  if (session.state !== "signed-in") return null;
  const me = session.user;
  return (
    <section className="accountability-tab" data-testid="commitments-tab" aria-labelledby="commitments-heading">
      <h2 id="commitments-heading">{t("commitments.title")}</h2>
      <QueryView query={board}>
        {([commitments, decisions]) => {
          const groups = groupCommitmentsByStatus(commitments);
          return (
            <>
              <div className="commitment-board">
                {commitmentStatuses.map((status) => (
                  <section
                    key={status}
                    className="commitment-column"
                    data-testid={`commitment-column-${status}`}
                    aria-label={t(`commitmentStatus.${status}`)}
                  >
                    <h3>
                      {t(`commitmentStatus.${status}`)} <span className="count">{groups[status].length}</span>
                    </h3>
                    {groups[status].length === 0 ? (
                      <p className="empty">{t("commitments.none")}</p>
                    ) : (
                      groups[status].map((commitment) => (
                        <CommitmentCard
                          key={commitment.id}
                          commitment={commitment}
                          canEdit={commitment.abilities?.updateStatus ?? false}
                          onChanged={replace}
                        />
                      ))
                    )}
                  </section>
                ))}
              </div>
              {!room.abilities.createCommitment ? null : decisions.length === 0 ? (
                <p className="empty" data-testid="commitments-no-adopted">
                  {t("commitments.noAdopted")}
                </p>
              ) : (
                <CommitmentForm room={room} me={me} decisions={decisions} onCreated={replace} />
              )}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

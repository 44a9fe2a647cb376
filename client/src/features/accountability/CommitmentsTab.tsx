// The commitments board: the room's commitments grouped by status, and the form to commit to an adopted decision.
import { type Commitment, type RoomDetail, commitmentStatuses } from "@mufakat/shared";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { useSession } from "../../api/useSession.ts";
import { QueryView } from "../../components/QueryView.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import { type AdoptedDecision, loadAdoptedDecisions } from "./adoptedDecisions.ts";
import { listCommitments } from "./accountabilityEndpoints.ts";
import { groupCommitmentsByStatus } from "./accountabilityView.ts";
import { CommitmentCard } from "./CommitmentCard.tsx";
import { CommitmentForm } from "./CommitmentForm.tsx";
import "./accountability.css";

interface BoardData {
  commitments: Commitment[];
  decisions: AdoptedDecision[];
}

async function loadBoard(roomId: string): Promise<BoardData> {
  const [commitments, decisions] = await Promise.all([listCommitments(roomId), loadAdoptedDecisions(roomId)]);
  return { commitments, decisions };
}

export function CommitmentsTab({ room }: { room: RoomDetail }) {
  const t = useT();
  const session = useSession();
  const board = useApiQuery(`commitments/${room.id}`, () => loadBoard(room.id));
  if (session.state !== "signed-in") return null;
  const me = session.user;
  return (
    <section className="accountability-tab" data-testid="commitments-tab" aria-labelledby="commitments-heading">
      <h2 id="commitments-heading">{t("commitments.title")}</h2>
      <QueryView result={board.result} reload={board.reload}>
        {(data) => {
          const replace = (changed: Commitment) =>
            board.setData({
              ...data,
              commitments: data.commitments.some((c) => c.id === changed.id)
                ? data.commitments.map((c) => (c.id === changed.id ? changed : c))
                : [...data.commitments, changed],
            });
          const groups = groupCommitmentsByStatus(data.commitments);
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
              {!room.abilities.createCommitment ? null : data.decisions.length === 0 ? (
                <p className="empty" data-testid="commitments-no-adopted">
                  {t("commitments.noAdopted")}
                </p>
              ) : (
                <CommitmentForm room={room} me={me} decisions={data.decisions} onCreated={replace} />
              )}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

// Opinion groups, as Polis finds them: members write short statements and vote agree / disagree / pass on
// each other's; the server groups the voters by how they voted. The page shows the statements to vote on,
// a map of the groups where every member is drawn in their sector's colour and shape, how each sector sits
// in each group, the statements every group agrees on, and the ones that divide them.
import {
  type OpinionGroups,
  type OpinionStatement,
  type OpinionVote,
  type RoomDetail,
  createOpinionStatementInputSchema,
  opinionLimits,
  opinionVotes,
  sectors,
} from "@mufakat/shared";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiErrorOf } from "../../api/queryClient.ts";
import { SectorBadge, SectorMarker } from "../../components/Badges.tsx";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { QueryView } from "../../components/QueryView.tsx";
import { sectorColours } from "../../components/sectorColours.ts";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { formatNumber } from "../../i18n/numbers.ts";
import { getOpinionGroups, listOpinionStatements, voteOnStatement, writeOpinionStatement } from "./opinionEndpoints.ts";

const statementsKey = (roomId: string) => ["room", roomId, "opinion-statements"] as const;
const groupsKey = (roomId: string) => ["room", roomId, "opinion-groups"] as const;
const statementsQuery = (roomId: string) =>
  queryOptions({
    queryKey: statementsKey(roomId),
    queryFn: () => listOpinionStatements(roomId),
    refetchInterval: 10_000,
  });
// Other members' votes arrive by no event: the groups (and the counts) are read again every 10 s while the
// tab is open, as well as after each of the viewer's own votes.
const groupsQuery = (roomId: string) =>
  queryOptions({ queryKey: groupsKey(roomId), queryFn: () => getOpinionGroups(roomId), refetchInterval: 10_000 });

export function OpinionsTab({ room }: { room: RoomDetail }) {
  const t = useT();
  const statements = useQuery(statementsQuery(room.id));
  const groups = useQuery(groupsQuery(room.id));
  return (
    <section className="opinions-tab" data-testid="opinions-tab" aria-labelledby="opinions-heading">
      <h2 id="opinions-heading">{t("opinions.title")}</h2>
      <p className="note">{t("opinions.intro")}</p>
      {room.abilities.post && <StatementForm roomId={room.id} />}
      <h3>{t("opinions.statements")}</h3>
      <QueryView query={statements}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty" data-testid="opinions-empty">
              {t("opinions.empty")}
            </p>
          ) : (
            <ul className="statement-list">
              {list.map((statement) => (
                <li key={statement.id}>
                  <StatementCard roomId={room.id} statement={statement} canVote={room.abilities.post} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      <QueryView query={groups}>{(loaded) => <GroupsView groups={loaded} />}</QueryView>
    </section>
  );
}

function StatementForm({ roomId }: { roomId: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const { form, onSubmit, submitting, serverError, error } = useApiForm<{ text: string }, { text: string }>({
    schema: createOpinionStatementInputSchema,
    defaultValues: { text: "" },
    toInput: (fields) => ({ text: fields.text }),
    send: async ({ text }) => {
      await writeOpinionStatement(roomId, text);
      await queryClient.invalidateQueries({ queryKey: statementsKey(roomId) });
    },
    onSent: (sent) => sent.reset(),
  });
  const text = form.watch("text");
  return (
    <form className="statement-form" data-testid="statement-form" onSubmit={onSubmit} noValidate>
      <FormField
        name="text"
        label={t("opinions.write")}
        hint={t("opinions.writeHint")}
        error={serverError}
        fieldError={form.formState.errors.text}
        limit={{ max: opinionLimits.statementChars, length: checkedLength(text) }}
        testId="statement-text"
      >
        {(control) => <textarea {...control} rows={2} data-testid="statement-text" {...form.register("text")} />}
      </FormField>
      <ErrorMessage error={error} testId="statement-error" />
      <button type="submit" className="button-primary" disabled={submitting} data-testid="statement-submit">
        {t("opinions.submit")}
      </button>
    </form>
  );
}

function StatementCard({
  roomId,
  statement,
  canVote,
}: {
  roomId: string;
  statement: OpinionStatement;
  canVote: boolean;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const vote = useMutation({
    mutationFn: (choice: OpinionVote) => voteOnStatement(statement.id, choice),
    onSuccess: (changed) => {
      queryClient.setQueryData<OpinionStatement[]>(statementsKey(roomId), (list) =>
        list?.map((item) => (item.id === changed.id ? changed : item)),
      );
      void queryClient.invalidateQueries({ queryKey: groupsKey(roomId) });
    },
  });
  return (
    <article className="statement" data-testid="statement" data-statement-id={statement.id}>
      <p className="statement-text">{statement.text}</p>
      <p className="note">
        <SectorBadge sector={statement.sector} />{" "}
        <span data-testid="statement-votes">
          {t("opinions.counts", {
            agree: statement.votes.agree,
            disagree: statement.votes.disagree,
            pass: statement.votes.pass,
          })}
        </span>
      </p>
      {canVote && (
        // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form's fieldset.
        <div className="statement-votes" role="group" aria-label={t("opinions.voteOn", { text: statement.text })}>
          {opinionVotes.map((choice) => (
            <button
              key={choice}
              type="button"
              className={statement.myVote === choice ? "button-primary" : "button-secondary"}
              aria-pressed={statement.myVote === choice}
              disabled={vote.isPending}
              onClick={() => vote.mutate(choice)}
              data-testid={`statement-${choice}`}
            >
              {t(`opinions.vote.${choice}`)}
            </button>
          ))}
        </div>
      )}
      <ErrorMessage error={apiErrorOf(vote.error)} testId="statement-vote-error" />
    </article>
  );
}

function GroupsView({ groups }: { groups: OpinionGroups }) {
  const t = useT();
  const { locale } = useLocale();
  const percent = (share: number | null) =>
    share === null ? "–" : `${formatNumber(Math.round(share * 100), locale)} %`;
  const textOf = (statementId: string) =>
    groups.statements.find((statement) => statement.statementId === statementId)?.text ?? "";
  const labelOf = (index: number) => groups.groups[index]?.label ?? "";
  return (
    <section className="opinion-groups" data-testid="opinion-groups" aria-labelledby="opinion-groups-heading">
      <h3 id="opinion-groups-heading">{t("opinions.groups")}</h3>
      <p className="note" data-testid="opinion-groups-summary">
        {groups.groups.length === 0
          ? t("opinions.notYet", { min: groups.minVotesToGroup })
          : t("opinions.summary", {
              groups: groups.groups.length,
              grouped: groups.groupedCount,
              participants: groups.participantCount,
            })}
      </p>
      {groups.groups.length > 0 && (
        <>
          <OpinionMap groups={groups} />
          <ul className="group-list">
            {groups.groups.map((group) => (
              <li key={group.id} data-testid={`opinion-group-${group.label}`}>
                <strong>{t("opinions.group", { label: group.label, n: group.size })}</strong>
                <span className="group-sectors" data-testid={`opinion-group-${group.label}-sectors`}>
                  {sectors
                    .filter((sector) => group.sectors[sector] > 0)
                    .map((sector) => (
                      <span key={sector} className="group-sector">
                        <SectorMarker sector={sector} /> {t(`sector.${sector}`)}{" "}
                        {formatNumber(group.sectors[sector], locale)}
                      </span>
                    ))}
                </span>
              </li>
            ))}
          </ul>
          <h4>{t("opinions.consensus")}</h4>
          {groups.consensus.length === 0 ? (
            <p className="empty">{t("opinions.noConsensus")}</p>
          ) : (
            <ul data-testid="opinion-consensus">
              {groups.consensus.map((item) => (
                <li key={item.statementId}>
                  {textOf(item.statementId)} —{" "}
                  {t(`opinions.everyGroup.${item.direction}`, { share: percent(item.minShare) })}
                </li>
              ))}
            </ul>
          )}
          <h4>{t("opinions.divisive")}</h4>
          {groups.divisive.length === 0 ? (
            <p className="empty">{t("opinions.noDivisive")}</p>
          ) : (
            <ul data-testid="opinion-divisive">
              {groups.divisive.map((item) => {
                const statement = groups.statements.find((s) => s.statementId === item.statementId);
                return (
                  <li key={item.statementId}>
                    {textOf(item.statementId)} —{" "}
                    {statement?.groups
                      .map((group, index) =>
                        t("opinions.groupShare", { label: labelOf(index), share: percent(group.agreementShare) }),
                      )
                      .join(", ")}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/**
 * The map: every grouped member at their point, drawn as their sector's shape in its colour (so the map
 * reads without colour), each group's letter at its centre. The list beside it says the same in words.
 */
function OpinionMap({ groups }: { groups: OpinionGroups }) {
  const t = useT();
  const points = groups.participants.flatMap((p) => (p.point ? [{ ...p, point: p.point }] : []));
  const xs = points.map((p) => p.point.x);
  const ys = points.map((p) => p.point.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const size = 300;
  const pad = 24;
  const scale = (value: number, min: number, max: number) =>
    max === min ? size / 2 : pad + ((value - min) / (max - min)) * (size - 2 * pad);
  return (
    <figure className="opinion-map">
      <svg
        viewBox={`0 0 ${size} ${size}`}
        role="img"
        aria-labelledby="opinion-map-caption"
        data-testid="opinion-map"
        className="opinion-map-svg"
      >
        <title>{t("opinions.mapTitle")}</title>
        <rect x="0" y="0" width={size} height={size} fill="var(--page)" stroke="var(--line)" />
        {points.map((participant, index) => {
          const colour = sectorColours[participant.sector];
          return (
            <text
              // Participants come ordered by id; their index is stable for one answer.
              // biome-ignore lint/suspicious/noArrayIndexKey: secret rooms have no ids to key by.
              key={index}
              x={scale(participant.point.x, minX, maxX)}
              y={scale(participant.point.y, minY, maxY)}
              fill={colour.solid}
              fontSize={participant.isMe ? 16 : 11}
              textAnchor="middle"
              dominantBaseline="central"
              data-sector={participant.sector}
            >
              {colour.marker}
            </text>
          );
        })}
        {groups.groups.map((group) => (
          <text
            key={group.id}
            x={scale(group.centroid.x, minX, maxX)}
            y={scale(group.centroid.y, minY, maxY)}
            className="opinion-map-label"
            textAnchor="middle"
            dominantBaseline="central"
          >
            {group.label}
          </text>
        ))}
      </svg>
      <figcaption id="opinion-map-caption">
        {t("opinions.mapCaption", { groups: groups.groups.length, grouped: groups.groupedCount })}{" "}
        {sectors.map((sector) => (
          <span key={sector} className="map-legend-item">
            <SectorMarker sector={sector} /> {t(`sector.${sector}`)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

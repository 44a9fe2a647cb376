// A poll's result as anyone in the room sees it: what leads (or why nothing does yet), the turnout, and a
// table of every option for the room and for each sector, so a sector's view is never hidden in the total.
import { type Poll, type PollResultView, sectors } from "@mufakat/shared";
import { ScrollRegion } from "../../components/ScrollRegion.tsx";
import { useFormatDate, useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { formatNumber } from "../../i18n/numbers.ts";
import { optionLabel } from "./pollAnswer.ts";

type Group = "overall" | (typeof sectors)[number];

/** What the result needs of a poll: a live one, or a closed one as the decision log recorded it. */
export type PollResultSource = Pick<Poll, "kind" | "title" | "options" | "result" | "quorum" | "status">;

export function PollResult({ poll }: { poll: PollResultSource }) {
  const t = useT();
  const formatDate = useFormatDate();
  const { result } = poll;
  const label = (id: string) => optionLabel(poll, id, formatDate);
  return (
    <div className="poll-result" data-testid="poll-result" data-outcome={result.outcome}>
      <p className="poll-leading" data-testid="poll-leading" data-leading={result.leading.join(" ")}>
        {result.outcome === "decided"
          ? t(poll.status === "closed" ? "poll.result.chosen" : "poll.result.leading", {
              labels: result.leading.map(label).join(", "),
            })
          : result.outcome === "noQuorum"
            ? t("poll.result.noQuorum", { voters: poll.quorum.minVoters, sectors: poll.quorum.minSectors })
            : t("poll.result.noResult")}
      </p>
      <p className="note" data-testid="poll-turnout">
        {t("poll.result.turnout", { voters: result.votersCount, eligible: result.eligibleCount })}
      </p>
      <ResultTable poll={poll} result={result} label={label} />
      {result.count.kind === "ranked" && result.votersCount > 0 && (
        <details className="poll-methods">
          <summary>{t("poll.result.methods")}</summary>
          <p data-testid="poll-schulze">
            {t("poll.method.schulze")}:{" "}
            {result.count.schulze.ranking.map((rank) => rank.options.map(label).join(" = ")).join(" › ")}
          </p>
          <p data-testid="poll-runoff">
            {t("poll.method.instantRunoff")}:{" "}
            {result.count.instantRunoff.winner
              ? t("poll.result.runoffWinner", {
                  label: label(result.count.instantRunoff.winner),
                  rounds: result.count.instantRunoff.rounds.length,
                })
              : t("poll.result.noResult")}
          </p>
        </details>
      )}
    </div>
  );
}

function ResultTable({
  poll,
  result,
  label,
}: {
  poll: PollResultSource;
  result: PollResultView;
  label: (id: string) => string;
}) {
  const t = useT();
  const { locale } = useLocale();
  const groups: Group[] = ["overall", ...sectors];
  const ballotsOf = (group: Group) =>
    group === "overall" ? result.count.overall.ballots : (result.count.perSector[group]?.ballots ?? 0);
  const cell = (group: Group, index: number): string => {
    const count = result.count;
    switch (count.kind) {
      case "ranked": {
        const source = group === "overall" ? count.overall : count.perSector[group];
        return formatNumber(source?.firstPreferences[index]?.votes ?? 0, locale);
      }
      case "score": {
        const option = (group === "overall" ? count.overall : count.perSector[group])?.options[index];
        return option?.mean === null || option?.mean === undefined
          ? "–"
          : t("poll.result.mean", { mean: formatNumber(Math.round(option.mean * 10) / 10, locale), n: option.voters });
      }
      case "dot": {
        const option = (group === "overall" ? count.overall : count.perSector[group])?.options[index];
        return formatNumber(option?.dots ?? 0, locale);
      }
      case "time": {
        const slot = (group === "overall" ? count.overall : count.perSector[group])?.slots[index];
        return t("poll.result.timeCell", { yes: slot?.yes ?? 0, ifNeedBe: slot?.ifNeedBe ?? 0 });
      }
    }
  };
  return (
    <ScrollRegion label={t("poll.result.tableLabel", { title: poll.title })}>
      <table className="poll-table" data-testid="poll-table">
        <caption>{t(`poll.result.caption.${poll.kind}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t("poll.result.option")}</th>
            {groups.map((group) => (
              <th key={group} scope="col">
                {group === "overall" ? t("poll.result.everyone") : t(`sector.${group}`)}
                <span className="note"> ({formatNumber(ballotsOf(group), locale)})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {poll.options.map((option, index) => (
            <tr
              key={option.id}
              data-testid={`poll-row-${option.id}`}
              className={result.leading.includes(option.id) ? "leading" : undefined}
            >
              <th scope="row">{label(option.id)}</th>
              {groups.map((group) => (
                <td key={group} data-testid={`poll-cell-${option.id}-${group}`}>
                  {cell(group, index)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

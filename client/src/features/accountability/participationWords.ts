// The participation insight in words: a quiet sector's sentence ("Academia: 2 of 8 members, no editing
// sessions, comments, chat, votes, commitments or pledges in 30 days.") and the figures behind the
// "how is this worked out?" disclosure. Pure: what was done comes from the shared actsInWords.
import { type Participation, type SectorParticipationView, accountabilityLimits, actsInWords } from "@mufakat/shared";
import type { Formatters, Translate } from "../../i18n/translate.ts";

type Warning = NonNullable<Participation["warnings"]>[number];

/** What the sector did and did not do, for its share of members, over the period. */
export function quietSectorSentence(warning: Warning, days: number, t: Translate, format: Formatters): string {
  const { did, didNot } = actsInWords(warning.acts);
  const clauses = [
    t("participation.warning.members", {
      sector: t(`sector.${warning.sector}`),
      members: warning.members,
      total: warning.writingMembers,
    }),
    ...did.map(({ kind, count }) => t(`act.count.${kind}`, { n: count })),
  ];
  if (didNot.length > 0) {
    const kinds = format.list(
      didNot.map((kind) => t(`act.none.${kind}`)),
      "disjunction",
    );
    clauses.push(t("participation.warning.none", { kinds }));
  }
  return t("participation.warning.sentence", { clauses: clauses.join(", "), days });
}

/** The coordination acts a sector made, in words ("2 motions opened, 1 invite"), or "" when none. */
export function coordinationInWords(row: SectorParticipationView, t: Translate, format: Formatters): string {
  const done = actsInWords(row.acts).did.filter(
    ({ kind }) => kind === "motionsOpened" || kind === "stageChanges" || kind === "versionsSaved" || kind === "invites",
  );
  return format.list(
    done.map(({ kind, count }) => t(`act.count.${kind}`, { n: count })),
    "conjunction",
  );
}

/** The disclosure's paragraphs: what an act is, the rule, when a period is judged, rounding, this period. */
export function explanationParagraphs(participation: Participation, t: Translate): string[] {
  return [
    t("participation.explain.acts", { gap: accountabilityLimits.editSessionGapMinutes }),
    t("participation.explain.rule", { quiet: participation.quietPercent }),
    t("participation.explain.judged", {
      minimum: participation.minimumActs,
      floor: accountabilityLimits.participationMinActs,
    }),
    t("participation.explain.rounding"),
    t("participation.explain.period", { members: participation.writingMembers, acts: participation.roomActs }),
  ];
}

/** One worked line per sector with members: its expected acts, its line (when judged) and what it made. */
export function explanationBySector(
  participation: Participation,
  t: Translate,
  format: Formatters,
): Array<{ sector: SectorParticipationView["sector"]; text: string }> {
  return participation.sectors
    .filter((row) => row.members > 0)
    .map((row) => {
      const shared = {
        sector: t(`sector.${row.sector}`),
        members: row.members,
        total: participation.writingMembers,
        expected: format.number(row.expectedActs ?? 0),
        acts: participation.roomActs,
        made: row.total,
      };
      const text =
        row.flaggedBelow === null
          ? t("participation.explain.sectorNotJudged", shared)
          : t("participation.explain.sector", {
              ...shared,
              below: row.flaggedBelow,
              percent: row.proportionPercent ?? 0,
            });
      return { sector: row.sector, text };
    });
}

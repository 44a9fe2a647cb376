// The live tally: quorum, what the outcome would be, one bar per sector with its counts per position and,
// in words, what the rule did with that sector (sectors that did not vote included, and whether that
// mattered); sectors with no member who may vote are named once under the bars.
import {
  type Motion,
  type Position,
  type PositionCounts,
  type PublicTally,
  type Quorum,
  type Sector,
  positions,
} from "@mufakat/shared";
import { SectorBadge } from "../../components/Badges.tsx";
import { LiveAnnouncement, useChangeAnnouncement } from "../../components/LiveAnnouncement.tsx";
import { type SectorColour, sectorColours } from "../../components/sectorColours.ts";
import { useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { type SectorBar, explanationMessage, formatShare, sectorBars, sectorsWithoutMembers } from "./tallyBars.ts";

/** Each position's fill, drawn in the sector's own colour so the bar still says whose it is. */
function segmentStyle(position: Position, colour: SectorColour) {
  switch (position) {
    case "support":
      return { background: colour.solid };
    case "supportWithReservations":
      return { background: colour.solid, opacity: 0.6 };
    case "standAside":
      return { background: "#9aa5b1" };
    case "object":
      return { background: `repeating-linear-gradient(45deg, ${colour.solid} 0 4px, #ffffff 4px 8px)` };
    case "block":
      return { background: "#1f2933" };
  }
}

export function TallyView({ motion, preview }: { motion: Motion; preview: boolean }) {
  const t = useT();
  const tally = motion.tally;
  // A running tally is announced when it moves (a vote cast or changed), in one sentence.
  const announcement = useChangeAnnouncement(
    preview ? JSON.stringify([tally.votersCount, tally.outcome, tally.perSector]) : null,
    t("tally.announce", { voters: tally.votersCount, outcome: t(`outcome.${tally.outcome}`) }),
  );
  return (
    <section className="tally" data-testid="tally" aria-labelledby={`tally-${motion.id}`}>
      <h3 id={`tally-${motion.id}`}>{t("tally.title")}</h3>
      <QuorumLine tally={tally} quorum={motion.rule.quorum} />
      {preview && (
        <p className="tally-preview" data-testid="tally-preview" data-outcome={tally.outcome}>
          {t("tally.ifClosedNow", { outcome: t(`outcome.${tally.outcome}`) })} — {t(`reasonCode.${tally.reasonCode}`)}
        </p>
      )}
      {preview && <LiveAnnouncement text={announcement} testId="tally-announcement" />}
      {tally.votersCount === 0 && <p className="empty">{t("tally.empty")}</p>}
      <SectorTallyRows tally={tally} />
    </section>
  );
}

/** The per-sector bars of a tally, live or recorded. */
export function SectorTallyRows({ tally }: { tally: PublicTally }) {
  const t = useT();
  const absent = sectorsWithoutMembers(tally);
  return (
    <div className="tally-bars">
      {sectorBars(tally).map((bar) => (
        <SectorTallyBar key={bar.sector} bar={bar} tally={tally} />
      ))}
      {absent.length > 0 && (
        <p className="note" data-testid="tally-sectors-without-members" data-sectors={absent.join(" ")}>
          {t("tally.sectorsWithoutMembers", { sectors: absent.map((sector) => t(`sector.${sector}`)).join(", ") })}
        </p>
      )}
    </div>
  );
}

function QuorumLine({ tally, quorum }: { tally: PublicTally; quorum: Quorum }) {
  const t = useT();
  return (
    <p
      className={tally.quorumMet ? "quorum quorum-met" : "quorum"}
      data-testid="tally-quorum"
      data-met={tally.quorumMet}
    >
      {tally.quorumMet
        ? t("tally.quorumMet")
        : t("tally.quorumNotMet", {
            voters: tally.votersCount,
            minVoters: quorum.minVoters,
            sectors: tally.sectorsRepresented.length,
            minSectors: quorum.minSectors,
          })}
    </p>
  );
}

function SectorTallyBar({ bar, tally }: { bar: SectorBar; tally: PublicTally }) {
  const t = useT();
  const { locale } = useLocale();
  const colour = sectorColours[bar.sector];
  const share = tally.perSector[bar.sector]?.supportShare ?? null;
  const explanation = explanationMessage(bar, tally);
  return (
    <div className="tally-sector" data-testid={`tally-sector-${bar.sector}`} data-voters={bar.voters}>
      <div className="tally-sector-head">
        <SectorBadge sector={bar.sector} />{" "}
        <span className="note" data-testid="tally-sector-voters">
          {bar.eligible === null
            ? t("tally.votersOnly", { voters: bar.voters })
            : t("tally.voters", { voters: bar.voters, eligible: bar.eligible })}
        </span>
        {share !== null && <span className="note"> · {t("tally.share", { share: formatShare(share, locale) })}</span>}
      </div>
      <SectorWeight sector={bar.sector} tally={tally} />
      <p className="tally-explanation" data-testid="tally-sector-explanation" data-explanation={bar.explanation}>
        {t(explanation.key, explanation.values)}
      </p>
      <div className="tally-bar" style={{ borderColor: colour.solid, background: colour.tint }} aria-hidden="true">
        {bar.segments.map((segment) =>
          segment.count > 0 ? (
            <span
              key={segment.position}
              className="tally-segment"
              style={{ width: `${segment.percent}%`, ...segmentStyle(segment.position, colour) }}
            />
          ) : null,
        )}
      </div>
      <ul className="tally-counts">
        {bar.segments.map((segment) => (
          <li key={segment.position} data-position={segment.position}>
            <span className="legend-swatch" style={segmentStyle(segment.position, colour)} />
            {t(`position.${segment.position}`)}:{" "}
            <strong data-testid={`tally-count-${segment.position}`}>{segment.count}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

const ballotsOf = (counts: PositionCounts) => positions.reduce((sum, position) => sum + counts[position], 0);

/** How much of a sector's weight its members cast themselves and how much their delegates cast for them. */
function SectorWeight({ sector, tally }: { sector: Sector; tally: PublicTally }) {
  const t = useT();
  const row = tally.perSector[sector];
  if (!row) return null;
  const direct = ballotsOf(row.direct);
  const delegated = ballotsOf(row.delegated);
  return (
    <p className="tally-weight" data-testid="tally-sector-weight" data-direct={direct} data-delegated={delegated}>
      {t("tally.weight", { direct, delegated })}
    </p>
  );
}

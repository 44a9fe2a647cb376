// Small labelled badges for the domain's enumerations: sector (in its colour, with its marker shape), role,
// stage, visibility.
import type { CollaborationStage, MemberRole, RoomVisibility, Sector } from "@mufakat/shared";
import { useT } from "../i18n/I18nProvider.tsx";
import { sectorColours } from "./sectorColours.ts";

export function SectorBadge({ sector }: { sector: Sector }) {
  const t = useT();
  const colour = sectorColours[sector];
  return (
    <span
      className="badge"
      data-testid="sector-badge"
      data-sector={sector}
      style={{ color: colour.solid, background: colour.tint, borderColor: colour.solid }}
    >
      <SectorMarker sector={sector} /> {t(`sector.${sector}`)}
    </span>
  );
}

/** The sector's shape in its colour, beside its name wherever sector colours are shown (not read aloud). */
export function SectorMarker({ sector }: { sector: Sector }) {
  return (
    <span
      className="sector-marker"
      aria-hidden="true"
      data-marker={sector}
      style={{ color: sectorColours[sector].solid }}
    >
      {sectorColours[sector].marker}
    </span>
  );
}

export function RoleBadge({ role }: { role: MemberRole }) {
  const t = useT();
  return (
    <span className={`badge badge-role-${role}`} data-testid="role-badge" data-role={role}>
      {t(`role.${role}`)}
    </span>
  );
}

export function StageBadge({ stage }: { stage: CollaborationStage }) {
  const t = useT();
  return (
    <span className="badge badge-stage" data-testid="stage-badge" data-stage={stage}>
      {t(`stage.${stage}`)}
    </span>
  );
}

export function VisibilityBadge({ visibility }: { visibility: RoomVisibility }) {
  const t = useT();
  return (
    <span className="badge badge-visibility" data-testid="visibility-badge" data-visibility={visibility}>
      {t(`visibility.${visibility}`)}
    </span>
  );
}

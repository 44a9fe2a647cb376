// Small labelled badges for the domain's enumerations: sector (in its colour), role, stage, visibility.
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
      {t(`sector.${sector}`)}
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

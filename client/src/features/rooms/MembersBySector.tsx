// The room's members in one group per sector, each with a role badge; an empty sector is shown as such,
// because a sector that is absent from a deliberation matters as much as one that is present. With live
// presence, each member shows whether they are online and which proposal they are viewing. Coordinators
// also get each other member's role and removal controls (MemberActions), and the requests waiting for a
// second coordinator.
import { type Member, type PresenceMember, type Proposal, type Sector, sectors } from "@mufakat/shared";
import { RoleBadge, SectorMarker } from "../../components/Badges.tsx";
import { sectorColours } from "../../components/sectorColours.ts";
import { useFormat, useT } from "../../i18n/I18nProvider.tsx";
import { type MemberManagement, MemberActions, PendingActions } from "./MemberActions.tsx";

interface MembersBySectorProps {
  membersBySector: Partial<Record<Sector, Member[]>>;
  /** Who is in the room now; null while not known (not connected). */
  presence?: PresenceMember[] | null;
  proposals?: Proposal[];
  /** Given when the viewer may manage members (the room's manageMembers ability). */
  manage?: MemberManagement | null;
}

export function MembersBySector({
  membersBySector,
  presence = null,
  proposals = [],
  manage = null,
}: MembersBySectorProps) {
  const t = useT();
  const live: LiveInfo | null = presence && {
    online: new Map(presence.map((member) => [member.userId, member])),
    titles: new Map(proposals.map((proposal) => [proposal.id, proposal.title])),
  };
  return (
    <section className="members" aria-labelledby="members-heading">
      <h2 id="members-heading">{t("room.members")}</h2>
      {manage && <PendingActions members={sectors.flatMap((s) => membersBySector[s] ?? [])} manage={manage} />}
      <div className="sector-groups">
        {sectors.map((sector) => (
          <SectorGroup
            key={sector}
            sector={sector}
            members={membersBySector[sector] ?? []}
            live={live}
            manage={manage}
          />
        ))}
      </div>
    </section>
  );
}

interface LiveInfo {
  online: Map<string, PresenceMember>;
  titles: Map<string, string>;
}

interface SectorGroupProps {
  sector: Sector;
  members: Member[];
  live: LiveInfo | null;
  manage: MemberManagement | null;
}

function SectorGroup({ sector, members, live, manage }: SectorGroupProps) {
  const t = useT();
  const format = useFormat();
  const colour = sectorColours[sector];
  return (
    <section
      className="sector-group"
      data-testid={`sector-group-${sector}`}
      style={{ borderTopColor: colour.solid, background: colour.tint }}
    >
      <h3 style={{ color: colour.solid }}>
        <SectorMarker sector={sector} /> <span data-testid="sector-group-name">{t(`sector.${sector}`)}</span>{" "}
        <span className="count" data-testid="sector-group-count">
          {format.number(members.length)}
        </span>
      </h3>
      {members.length === 0 ? (
        <p className="empty">{t("room.sectorEmpty")}</p>
      ) : (
        <ul>
          {members.map((member) => (
            <li
              key={member.user.id}
              data-testid="member"
              data-user-id={member.user.id}
              data-online={live ? live.online.has(member.user.id) : undefined}
            >
              {live && <OnlineDot online={live.online.has(member.user.id)} colour={colour.solid} />}
              <span className="member-name" data-testid="member-name">
                {member.user.displayName}
              </span>{" "}
              <RoleBadge role={member.role} />
              {member.organisation && <small className="member-organisation">{member.organisation}</small>}
              {live && (
                <Viewing
                  titles={(live.online.get(member.user.id)?.viewing ?? []).map((id) => live.titles.get(id) ?? id)}
                />
              )}
              {manage && member.user.id !== manage.myId && (
                <MemberActions key={member.role} member={member} manage={manage} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OnlineDot({ online, colour }: { online: boolean; colour: string }) {
  const t = useT();
  return (
    <span
      className={online ? "online-dot online" : "online-dot"}
      style={online ? { background: colour } : undefined}
      data-testid="online-dot"
      title={online ? t("presence.online") : t("presence.offline")}
    >
      <span className="visually-hidden">{online ? t("presence.online") : t("presence.offline")}</span>
    </span>
  );
}

function Viewing({ titles }: { titles: string[] }) {
  const t = useT();
  if (titles.length === 0) return null;
  return (
    <small className="member-viewing" data-testid="member-viewing">
      {t("presence.viewing", { titles: titles.join(", ") })}
    </small>
  );
}

// The room's members in one group per sector, each with a role badge; an empty sector is shown as such,
// because a sector that is absent from a deliberation matters as much as one that is present.
import { type Member, type Sector, sectors } from "@mufakat/shared";
import { RoleBadge } from "../../components/Badges.tsx";
import { sectorColours } from "../../components/sectorColours.ts";
import { useT } from "../../i18n/I18nProvider.tsx";

export function MembersBySector({ membersBySector }: { membersBySector: Partial<Record<Sector, Member[]>> }) {
  const t = useT();
  return (
    <section className="members" aria-labelledby="members-heading">
      <h2 id="members-heading">{t("room.members")}</h2>
      <div className="sector-groups">
        {sectors.map((sector) => (
          <SectorGroup key={sector} sector={sector} members={membersBySector[sector] ?? []} />
        ))}
      </div>
    </section>
  );
}

function SectorGroup({ sector, members }: { sector: Sector; members: Member[] }) {
  const t = useT();
  const colour = sectorColours[sector];
  return (
    <section
      className="sector-group"
      data-testid={`sector-group-${sector}`}
      style={{ borderTopColor: colour.solid, background: colour.tint }}
    >
      <h3 style={{ color: colour.solid }}>
        <span data-testid="sector-group-name">{t(`sector.${sector}`)}</span>{" "}
        <span className="count" data-testid="sector-group-count">
          {members.length}
        </span>
      </h3>
      {members.length === 0 ? (
        <p className="empty">{t("room.sectorEmpty")}</p>
      ) : (
        <ul>
          {members.map((member) => (
            <li key={member.user.id} data-testid="member" data-user-id={member.user.id}>
              <span className="member-name" data-testid="member-name">
                {member.user.displayName}
              </span>{" "}
              <RoleBadge role={member.role} />
              {member.organisation && <small className="member-organisation">{member.organisation}</small>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// Whom a member may hand their vote to, as the room's members list shows it: members with voting rights
// other than themselves, of their own sector unless the room lets a delegation cross sectors. The server
// decides (it refuses the rest with a named code); this only keeps the list to choices it would accept.
import { type Member, type RoomDetail, sectors } from "@mufakat/shared";

export function delegateCandidates(room: RoomDetail, myId: string, acrossSectors: boolean): Member[] {
  const me = room.members.find((member) => member.user.id === myId);
  if (!me) return [];
  return room.members
    .filter(
      (member) =>
        member.user.id !== myId && member.role !== "observer" && (acrossSectors || member.sector === me.sector),
    )
    .sort(
      (a, b) =>
        sectors.indexOf(a.sector) - sectors.indexOf(b.sector) || a.user.displayName.localeCompare(b.user.displayName),
    );
}

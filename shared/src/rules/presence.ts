// Presence as changes: the server sends who joined, changed (tabs, proposals viewed, role) or left since
// its last broadcast, and each client applies that to the list its room:join acknowledgement gave it.
// Sending the whole list on every change cost O(members²) bytes per change: 500 members joining a town
// hall made each broadcast 75 KB to each of 500 sockets.
import type { MemberRole } from "../schemas/room.ts";
import type { PresenceChange, PresenceMember } from "../protocol/events.ts";

const roleOrder: Record<MemberRole, number> = { coordinator: 0, participant: 1, observer: 2 };

/** Coordinators first, then participants, then observers; by name, then id within each. */
export function comparePresence(a: PresenceMember, b: PresenceMember): number {
  return (
    roleOrder[a.role] - roleOrder[b.role] ||
    a.displayName.localeCompare(b.displayName) ||
    a.userId.localeCompare(b.userId)
  );
}

function sameMember(a: PresenceMember, b: PresenceMember): boolean {
  return (
    a.displayName === b.displayName &&
    a.sector === b.sector &&
    a.organisation === b.organisation &&
    a.role === b.role &&
    a.connections === b.connections &&
    a.viewing.length === b.viewing.length &&
    a.viewing.every((proposalId, index) => proposalId === b.viewing[index])
  );
}

/** What changed from `previous` to `next`: members new or different, and the ids of those gone. */
export function diffPresence(
  previous: readonly PresenceMember[],
  next: readonly PresenceMember[],
): Pick<PresenceChange, "changed" | "left"> {
  const before = new Map(previous.map((member) => [member.userId, member]));
  const now = new Set(next.map((member) => member.userId));
  return {
    changed: next.filter((member) => {
      const old = before.get(member.userId);
      return !old || !sameMember(old, member);
    }),
    left: previous.filter((member) => !now.has(member.userId)).map((member) => member.userId),
  };
}

/** `members` with a change applied, in presence order. Applying the same change twice changes nothing more. */
export function applyPresenceChange(
  members: readonly PresenceMember[],
  change: Pick<PresenceChange, "changed" | "left">,
): PresenceMember[] {
  const replaced = new Set([...change.left, ...change.changed.map((member) => member.userId)]);
  return [...members.filter((member) => !replaced.has(member.userId)), ...change.changed].sort(comparePresence);
}

// What the last join of a room answered (role, abilities, proposals), kept on this device so the room opens
// without a network: the proposals' texts come from their offline copies (y-indexeddb), and the list and
// abilities from here. Dropped with the rest of the user's offline data when they sign out or another user
// signs in (api/session.ts).
import type { MemberRole, Proposal, RoomAbilities } from "@mufakat/shared";
import { deviceStorage } from "../api/deviceStorage.ts";

export interface LastJoin {
  role: MemberRole;
  abilities: RoomAbilities;
  proposals: Proposal[];
}

const prefix = "mufakat.lastJoin.";

export function saveLastJoin(roomId: string, join: LastJoin): void {
  try {
    deviceStorage()?.setItem(prefix + roomId, JSON.stringify(join));
  } catch {
    // A full or refused storage only costs the offline copy; the live room is unaffected.
  }
}

export function lastJoin(roomId: string): LastJoin | null {
  try {
    const text = deviceStorage()?.getItem(prefix + roomId);
    const value: unknown = text ? JSON.parse(text) : null;
    if (!value || typeof value !== "object") return null;
    const join = value as Partial<LastJoin>;
    return Array.isArray(join.proposals) && typeof join.role === "string" && join.abilities ? (join as LastJoin) : null;
  } catch {
    return null;
  }
}

export function forgetLastJoins(): void {
  const store = deviceStorage();
  if (!store) return;
  const keys = Array.from({ length: store.length }, (_, index) => store.key(index)).filter(
    (key): key is string => key?.startsWith(prefix) === true,
  );
  for (const key of keys) store.removeItem(key);
}

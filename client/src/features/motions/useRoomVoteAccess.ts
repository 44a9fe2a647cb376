// What the viewer may do with motions in a room: the room's abilities (from the server's policies) and its
// decision settings.
import type { RoomAbilities, RoomDecisionSettings } from "@mufakat/shared";
import { useQuery } from "@tanstack/react-query";
import { decisionSettingsQuery, roomQuery } from "../../api/queries.ts";
import { type ViewableQuery, allQueries } from "../../components/QueryView.tsx";

export interface RoomVoteAccess {
  abilities: RoomAbilities;
  settings: RoomDecisionSettings;
}

export function canOpenMotions(access: RoomVoteAccess): boolean {
  return access.abilities.openMotion;
}

/** From the cached room and settings the page already read: no request of its own. */
export function useRoomVoteAccess(roomId: string): ViewableQuery<RoomVoteAccess> {
  const both = allQueries([useQuery(roomQuery(roomId)), useQuery(decisionSettingsQuery(roomId))] as const);
  const [room, settings] = both.data ?? [];
  return { ...both, data: room && settings && { abilities: room.abilities, settings } };
}

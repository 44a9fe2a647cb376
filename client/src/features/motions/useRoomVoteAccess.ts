// What the viewer may do with motions in a room: the room's abilities (from the server's policies) and its
// decision settings.
import type { RoomAbilities, RoomDecisionSettings } from "@mufakat/shared";
import { getRoom } from "../../api/endpoints.ts";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { getDecisionSettings } from "../decisions/decisionEndpoints.ts";

export interface RoomVoteAccess {
  abilities: RoomAbilities;
  settings: RoomDecisionSettings;
}

export function canOpenMotions(access: RoomVoteAccess): boolean {
  return access.abilities.openMotion;
}

export function useRoomVoteAccess(roomId: string) {
  return useApiQuery(`vote-access/${roomId}`, async (): Promise<RoomVoteAccess> => {
    const [room, settings] = await Promise.all([getRoom(roomId), getDecisionSettings(roomId)]);
    return { abilities: room.abilities, settings };
  });
}

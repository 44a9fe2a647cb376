// What the viewer may do with motions in a room: their role and the room's decision settings.
import type { MemberRole, RoomDecisionSettings } from "@mufakat/shared";
import { getRoom } from "../../api/endpoints.ts";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { getDecisionSettings } from "../decisions/decisionEndpoints.ts";

export interface RoomVoteAccess {
  myRole: MemberRole | null;
  settings: RoomDecisionSettings;
}

export function canOpenMotions(access: RoomVoteAccess): boolean {
  return (
    access.myRole === "coordinator" || (access.myRole === "participant" && access.settings.participantsMayOpenMotions)
  );
}

export function useRoomVoteAccess(roomId: string) {
  return useApiQuery(`vote-access/${roomId}`, async (): Promise<RoomVoteAccess> => {
    const [room, settings] = await Promise.all([getRoom(roomId), getDecisionSettings(roomId)]);
    return { myRole: room.myRole ?? null, settings };
  });
}

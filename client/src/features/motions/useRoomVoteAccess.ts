// What the viewer may do with motions in a room: their role and the room's decision settings.
import type { MemberRole, RoomDecisionSettings } from "@mufakat/shared";
import { useQuery } from "@tanstack/react-query";
import { decisionSettingsQuery, roomQuery } from "../../api/queries.ts";
import { type ViewableQuery, allQueries } from "../../components/QueryView.tsx";

export interface RoomVoteAccess {
  myRole: MemberRole | null;
  settings: RoomDecisionSettings;
}

export function canOpenMotions(access: RoomVoteAccess): boolean {
  return (
    access.myRole === "coordinator" || (access.myRole === "participant" && access.settings.participantsMayOpenMotions)
  );
}

/** From the cached room and settings the page already read: no request of its own. */
export function useRoomVoteAccess(roomId: string): ViewableQuery<RoomVoteAccess> {
  const both = allQueries([useQuery(roomQuery(roomId)), useQuery(decisionSettingsQuery(roomId))] as const);
  const [room, settings] = both.data ?? [];
  return { ...both, data: room && settings && { myRole: room.myRole ?? null, settings } };
}

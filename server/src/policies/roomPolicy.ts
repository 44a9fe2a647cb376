// The server's door to the shared room policies: the rules themselves are pure functions in
// @mufakat/shared (policies/), so the abilities a response presents and the checks here cannot drift.
import type { MemberRole, PolicyRoom, RoomAction } from "@mufakat/shared";
import type { RoomDoc } from "../models/index.ts";

export type { RoomAction };

/** A stored room as the shared policies see it. */
export function policyRoom(room: Pick<RoomDoc, "visibility" | "stage" | "participantsMayOpenMotions">): PolicyRoom {
  return {
    visibility: room.visibility as PolicyRoom["visibility"],
    stage: room.stage as PolicyRoom["stage"],
    participantsMayOpenMotions: room.participantsMayOpenMotions ?? false,
  };
}

/** The caller as the shared policies see them. */
export function policyActor(userId: { toHexString(): string }, role: MemberRole | null) {
  return { userId: userId.toHexString(), role };
}

// The voter behind a socket, for motion votes and poll ballots alike. A socket in the room answers from
// the role it holds (re-read in the background with the ban state, as for edits): no database read per
// vote. Otherwise the user and their membership are read.
import { loadActiveUser } from "../commands/authenticateUser.ts";
import { loadRoomAccess } from "../commands/loadRoomAccess.ts";
import type { Voter } from "../commands/voting.ts";
import type { ClientConnection } from "./clientConnection.ts";
import type { LiveSocket, RealtimeDeps } from "./types.ts";

export function socketVoter(deps: RealtimeDeps, socket: LiveSocket, client: ClientConnection): Voter {
  return {
    userId: client.userId,
    standing: async (roomId) => {
      if (socket.data.rooms[roomId]) return client.authorizeWrite(roomId, "motion.vote");
      const user = await loadActiveUser(deps.ctx, client.userId);
      return (await loadRoomAccess(deps.ctx, { roomId, userId: user._id, action: "motion.vote" })).role;
    },
  };
}

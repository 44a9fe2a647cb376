// Votes over the socket: the same command as POST /api/motions/:id/votes, acknowledged only once stored.
import { loadActiveUser } from "../commands/authenticateUser.ts";
import { loadRoomAccess } from "../commands/loadRoomAccess.ts";
import type { Voter, Voting } from "../commands/voting.ts";
import { votesPerSecond } from "@mufakat/shared";
import { appError } from "../errors.ts";
import type { ClientConnection } from "./clientConnection.ts";
import { type SessionGuard, handleEvent } from "./dispatch.ts";
import { TokenBucket } from "./rateLimit.ts";
import type { LiveSocket, RealtimeDeps } from "./types.ts";

export function installMotionHandlers(
  deps: RealtimeDeps & { sessionGuard: SessionGuard },
  socket: LiveSocket,
  client: ClientConnection,
  voting: Voting,
): void {
  // A person changes their position a few times a minute at most; anything faster is a stuck client.
  const votes = new TokenBucket(votesPerSecond);
  const voter: Voter = {
    userId: client.userId,
    // A socket in the motion's room answers from the role it holds (re-read in the background with the
    // ban state, as for edits): no database read per vote. Otherwise the user and membership are read.
    standing: async (roomId) => {
      if (socket.data.rooms[roomId]) return client.authorizeWrite(roomId, "motion.vote");
      const user = await loadActiveUser(deps.ctx, client.userId);
      return (await loadRoomAccess(deps.ctx, { roomId, userId: user._id, action: "motion.vote" })).role;
    },
  };

  handleEvent(deps, socket, "motion:vote", async ({ motionId, position, reason, clientVoteId }) => {
    if (!votes.take()) throw appError("RATE_LIMITED", "too many votes from this connection; slow down");
    return voting.castVote(voter, motionId, { position, clientVoteId, ...(reason !== undefined ? { reason } : {}) });
  });
}

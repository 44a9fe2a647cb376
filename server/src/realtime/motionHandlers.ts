// Votes over the socket: the same command as POST /api/motions/:id/votes, acknowledged only once stored.
import type { Voting } from "../commands/voting.ts";
import { votesPerSecond } from "@mufakat/shared";
import { appError } from "../errors.ts";
import type { ClientConnection } from "./clientConnection.ts";
import { type SessionGuard, handleEvent } from "./dispatch.ts";
import { TokenBucket } from "./rateLimit.ts";
import { socketVoter } from "./socketVoter.ts";
import type { LiveSocket, RealtimeDeps } from "./types.ts";

export function installMotionHandlers(
  deps: RealtimeDeps & { sessionGuard: SessionGuard },
  socket: LiveSocket,
  client: ClientConnection,
  voting: Voting,
): void {
  // A person changes their position a few times a minute at most; anything faster is a stuck client.
  const votes = new TokenBucket(votesPerSecond);
  const voter = socketVoter(deps, socket, client);

  handleEvent(deps, socket, "motion:vote", async ({ motionId, position, reason, clientVoteId }) => {
    if (!votes.take()) throw appError("RATE_LIMITED", "too many votes from this connection; slow down");
    return voting.castVote(voter, motionId, { position, clientVoteId, ...(reason !== undefined ? { reason } : {}) });
  });
}

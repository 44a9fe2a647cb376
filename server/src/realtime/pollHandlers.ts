// Poll ballots over the socket: the same command as POST /api/polls/:id/ballots, acknowledged only once
// stored. The voter's standing is answered as for motion votes (socketVoter.ts).
import { votesPerSecond } from "@mufakat/shared";
import type { Polling } from "../commands/polls.ts";
import { appError } from "../errors.ts";
import type { ClientConnection } from "./clientConnection.ts";
import { type SessionGuard, handleEvent } from "./dispatch.ts";
import { TokenBucket } from "./rateLimit.ts";
import { socketVoter } from "./socketVoter.ts";
import type { LiveSocket, RealtimeDeps } from "./types.ts";

export function installPollHandlers(
  deps: RealtimeDeps & { sessionGuard: SessionGuard },
  socket: LiveSocket,
  client: ClientConnection,
  polling: Polling,
): void {
  const ballots = new TokenBucket(votesPerSecond);
  const voter = socketVoter(deps, socket, client);

  handleEvent(deps, socket, "poll:ballot", async ({ pollId, answer, clientVoteId }) => {
    if (!ballots.take()) throw appError("RATE_LIMITED", "too many ballots from this connection; slow down");
    return polling.castBallot(voter, pollId, { answer, clientVoteId });
  });
}

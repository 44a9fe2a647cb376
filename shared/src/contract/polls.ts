// Polls: ranked, score, dot and time polls in a room. Ballots also arrive over the socket ("poll:ballot");
// both call the same command.
import { z } from "zod";
import type { ErrorCode } from "../errors.ts";
import { castPollBallotInputSchema, openPollInputSchema, pollBallotResultSchema, pollSchema } from "../schemas/poll.ts";
import { defineOperation } from "./define.ts";

const roomErrors = ["ROOM_NOT_FOUND", "NOT_A_MEMBER"] as const satisfies readonly ErrorCode[];
const pollErrors = ["POLL_NOT_FOUND", "NOT_A_MEMBER"] as const satisfies readonly ErrorCode[];

export const openPoll = defineOperation({
  operationId: "openPoll",
  method: "post",
  path: "/rooms/:roomId/polls",
  summary: "Open a ranked, score, dot or time poll (whoever the room lets open motions)",
  tag: "polls",
  auth: true,
  body: openPollInputSchema,
  responses: { 201: { description: "The open poll", schema: pollSchema } },
  errors: [...roomErrors, "NOT_A_COORDINATOR", "READ_ONLY_ROLE"],
});

export const listPolls = defineOperation({
  operationId: "listPolls",
  method: "get",
  path: "/rooms/:roomId/polls",
  summary: "The room's polls, newest first, each with its result now",
  tag: "polls",
  auth: true,
  responses: { 200: { description: "Polls", schema: z.array(pollSchema) } },
  errors: roomErrors,
});

export const getPoll = defineOperation({
  operationId: "getPoll",
  method: "get",
  path: "/polls/:pollId",
  summary: "A poll with its result now (per sector; names only for named ballots)",
  tag: "polls",
  auth: true,
  responses: { 200: { description: "The poll", schema: pollSchema } },
  errors: pollErrors,
});

export const castPollBallot = defineOperation({
  operationId: "castPollBallot",
  method: "post",
  path: "/polls/:pollId/ballots",
  summary: "Answer a poll or change the answer; resending the same clientVoteId changes nothing",
  tag: "polls",
  auth: true,
  body: castPollBallotInputSchema,
  responses: { 200: { description: "Stored", schema: pollBallotResultSchema } },
  errors: [...pollErrors, "READ_ONLY_ROLE", "NOT_ELIGIBLE", "POLL_CLOSED"],
});

export const closePoll = defineOperation({
  operationId: "closePoll",
  method: "post",
  path: "/polls/:pollId/close",
  summary: "Close a poll before its deadline (coordinators); recorded as an early close",
  tag: "polls",
  auth: true,
  responses: { 200: { description: "The closed poll", schema: pollSchema } },
  errors: [...pollErrors, "NOT_A_COORDINATOR", "POLL_CLOSED"],
});

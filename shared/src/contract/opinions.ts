// Opinion groups (issue 16, what Polis does): members write short statements and vote agree / disagree /
// pass on them; the server groups the voters by their votes and shows what every group agrees on, what
// divides them, and how each sector sits in each group.
import { z } from "zod";
import type { ErrorCode } from "../errors.ts";
import {
  castOpinionVoteInputSchema,
  createOpinionStatementInputSchema,
  opinionGroupsSchema,
  opinionStatementSchema,
} from "../schemas/opinion.ts";
import { defineOperation } from "./define.ts";

const roomErrors = ["ROOM_NOT_FOUND", "NOT_A_MEMBER"] as const satisfies readonly ErrorCode[];

export const createOpinionStatement = defineOperation({
  operationId: "createOpinionStatement",
  method: "post",
  path: "/rooms/:roomId/opinion-statements",
  summary: "Write a statement for the room to vote agree, disagree or pass on",
  tag: "opinions",
  auth: true,
  body: createOpinionStatementInputSchema,
  responses: { 201: { description: "The statement", schema: opinionStatementSchema } },
  errors: [...roomErrors, "READ_ONLY_ROLE"],
});

export const listOpinionStatements = defineOperation({
  operationId: "listOpinionStatements",
  method: "get",
  path: "/rooms/:roomId/opinion-statements",
  summary: "The room's statements, oldest first, with their vote counts and the caller's vote",
  tag: "opinions",
  auth: true,
  responses: { 200: { description: "Statements", schema: z.array(opinionStatementSchema) } },
  errors: roomErrors,
});

export const castOpinionVote = defineOperation({
  operationId: "castOpinionVote",
  method: "post",
  path: "/opinion-statements/:statementId/votes",
  summary: "Vote agree, disagree or pass on a statement; a later vote replaces the earlier",
  tag: "opinions",
  auth: true,
  body: castOpinionVoteInputSchema,
  responses: { 200: { description: "The statement with the vote counted", schema: opinionStatementSchema } },
  errors: ["OPINION_STATEMENT_NOT_FOUND", "NOT_A_MEMBER", "READ_ONLY_ROLE"],
});

export const getOpinionGroups = defineOperation({
  operationId: "getOpinionGroups",
  method: "get",
  path: "/rooms/:roomId/opinion-groups",
  summary: "The room's voters grouped by their votes (PCA and k-means), with consensus and divisive statements",
  tag: "opinions",
  auth: true,
  responses: { 200: { description: "Opinion groups", schema: opinionGroupsSchema } },
  errors: roomErrors,
});

export const hideOpinionStatement = defineOperation({
  operationId: "hideOpinionStatement",
  method: "delete",
  path: "/opinion-statements/:statementId",
  summary: "Take back one's own statement, as with a comment: hidden from the room, its votes and the groups",
  tag: "opinions",
  auth: true,
  responses: { 204: { description: "Hidden" } },
  errors: ["OPINION_STATEMENT_NOT_FOUND", "NOT_A_MEMBER", "NOT_YOUR_MESSAGE"],
});

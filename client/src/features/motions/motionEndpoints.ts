// REST calls for motions: open one on a proposal, read it, cast a position, close it early.
import { type CastVoteInput, type OpenMotionInput, motionSchema, voteResultSchema } from "@mufakat/shared";
import { apiRequest } from "../../api/http.ts";

const motionListSchema = motionSchema.array();

export const listRoomMotions = (roomId: string) =>
  apiRequest("GET", `/rooms/${encodeURIComponent(roomId)}/motions`, { schema: motionListSchema });

export const getMotion = (motionId: string) =>
  apiRequest("GET", `/motions/${encodeURIComponent(motionId)}`, { schema: motionSchema });

export const openMotion = (roomId: string, input: OpenMotionInput) =>
  apiRequest("POST", `/rooms/${encodeURIComponent(roomId)}/motions`, { body: input, schema: motionSchema });

export const castVote = (motionId: string, input: CastVoteInput) =>
  apiRequest("POST", `/motions/${encodeURIComponent(motionId)}/votes`, { body: input, schema: voteResultSchema });

export const closeMotionEarly = (motionId: string) =>
  apiRequest("POST", `/motions/${encodeURIComponent(motionId)}/close`, { schema: motionSchema });

// REST calls for motions: open one on a proposal, read it, cast a position, close it early.
import { type CastVoteInput, type OpenMotionInput, contract } from "@mufakat/shared";
import { callApi } from "../../api/callApi.ts";

export const listRoomMotions = (roomId: string) => callApi(contract.listMotions, { params: { roomId } });

export const getMotion = (motionId: string) => callApi(contract.getMotion, { params: { motionId } });

export const openMotion = (roomId: string, input: OpenMotionInput) =>
  callApi(contract.openMotion, { params: { roomId }, body: input });

export const castVote = (motionId: string, input: CastVoteInput) =>
  callApi(contract.castVote, { params: { motionId }, body: input });

export const closeMotionEarly = (motionId: string) => callApi(contract.closeMotion, { params: { motionId } });

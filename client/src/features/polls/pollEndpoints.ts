// REST calls for polls: open one in a room, list and read them, answer one, close it early.
import { type CastPollBallotInput, type OpenPollInput, contract } from "@mufakat/shared";
import { callApi } from "../../api/callApi.ts";

export const listRoomPolls = (roomId: string) => callApi(contract.listPolls, { params: { roomId } });

export const openPoll = (roomId: string, input: OpenPollInput) =>
  callApi(contract.openPoll, { params: { roomId }, body: input });

export const castPollBallot = (pollId: string, input: CastPollBallotInput) =>
  callApi(contract.castPollBallot, { params: { pollId }, body: input });

export const closePollEarly = (pollId: string) => callApi(contract.closePoll, { params: { pollId } });

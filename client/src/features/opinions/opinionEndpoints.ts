// REST calls for opinion groups: statements, votes on them, the room's groups.
import { type OpinionVote, contract } from "@mufakat/shared";
import { callApi } from "../../api/callApi.ts";

export const listOpinionStatements = (roomId: string) =>
  callApi(contract.listOpinionStatements, { params: { roomId } });

export const writeOpinionStatement = (roomId: string, text: string) =>
  callApi(contract.createOpinionStatement, { params: { roomId }, body: { text } });

export const voteOnStatement = (statementId: string, vote: OpinionVote) =>
  callApi(contract.castOpinionVote, { params: { statementId }, body: { vote } });

export const getOpinionGroups = (roomId: string) => callApi(contract.getOpinionGroups, { params: { roomId } });

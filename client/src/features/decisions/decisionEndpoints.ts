// REST calls for the decision log and the room's decision settings.
import { type RoomDecisionSettings, contract } from "@mufakat/shared";
import { callApi } from "../../api/callApi.ts";

export const listDecisions = (roomId: string) => callApi(contract.listDecisions, { params: { roomId } });

export const verifyDecisions = (roomId: string) => callApi(contract.verifyDecisions, { params: { roomId } });

export const correctDecision = (roomId: string, seq: number, note: string) =>
  callApi(contract.correctDecision, { params: { roomId, seq }, body: { note } });

export const getDecisionSettings = (roomId: string) =>
  callApi(contract.getRoomDecisionSettings, { params: { roomId } });

export const updateDecisionSettings = (roomId: string, changes: Partial<RoomDecisionSettings>) =>
  callApi(contract.updateRoomDecisionSettings, { params: { roomId }, body: changes });

// REST calls for vote delegation: give or take back a room-wide or a one-motion delegation, and read how the
// caller's vote stands (docs/delegation.md).
import { contract } from "@mufakat/shared";
import { callApi } from "../../api/callApi.ts";

export const listMyDelegations = (roomId: string) => callApi(contract.listMyDelegations, { params: { roomId } });

export const delegateInRoom = (roomId: string, delegateId: string) =>
  callApi(contract.delegateInRoom, { params: { roomId }, body: { delegateId } });

export const revokeRoomDelegation = (roomId: string) => callApi(contract.revokeRoomDelegation, { params: { roomId } });

export const delegateOnMotion = (motionId: string, delegateId: string) =>
  callApi(contract.delegateOnMotion, { params: { motionId }, body: { delegateId } });

export const revokeMotionDelegation = (motionId: string) =>
  callApi(contract.revokeMotionDelegation, { params: { motionId } });

export const getMyMotionDelegation = (motionId: string) =>
  callApi(contract.getMyMotionDelegation, { params: { motionId } });

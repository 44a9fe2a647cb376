// One typed function per REST operation the client uses, named after the server's operationId and
// derived from the shared contract through callApi.
import {
  type CollaborationStage,
  type CreateInviteInput,
  type CreateRoomInput,
  type LoginInput,
  type MemberRole,
  type RegisterInput,
  type Session,
  contract,
} from "@mufakat/shared";
import { callApi } from "./callApi.ts";
import { beginSession, endSession } from "./session.ts";

export async function register(input: RegisterInput): Promise<Session> {
  const session = await callApi(contract.register, { body: input });
  beginSession(session);
  return session;
}

export async function login(input: LoginInput): Promise<Session> {
  const session = await callApi(contract.login, { body: input });
  beginSession(session);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await callApi(contract.logout, {});
  } finally {
    // Forget the session locally even when the server could not be told.
    endSession();
  }
}

export const listMyRooms = () => callApi(contract.listMyRooms, {});

export const listOpenRooms = () => callApi(contract.listOpenRooms, {});

export const getRoom = (roomId: string) => callApi(contract.getRoom, { params: { roomId } });

export const createRoom = (input: CreateRoomInput) => callApi(contract.createRoom, { body: input });

export const joinRoom = (roomId: string) => callApi(contract.joinRoom, { params: { roomId } });

export const changeRoomStage = (roomId: string, stage: CollaborationStage) =>
  callApi(contract.changeRoomStage, { params: { roomId }, body: { stage } });

export const changeMemberRole = (roomId: string, userId: string, role: MemberRole) =>
  callApi(contract.changeMemberRole, { params: { roomId, userId }, body: { role } });

export const removeMember = (roomId: string, userId: string) =>
  callApi(contract.removeMember, { params: { roomId, userId } });

export const listPendingActions = (roomId: string) => callApi(contract.listPendingActions, { params: { roomId } });

export const confirmPendingAction = (roomId: string, pendingActionId: string) =>
  callApi(contract.confirmPendingAction, { params: { roomId, pendingActionId } });

export const createInvite = (roomId: string, input: CreateInviteInput) =>
  callApi(contract.createInvite, { params: { roomId }, body: input });

export const previewInvite = (token: string) => callApi(contract.previewInvite, { params: { token } });

export const acceptInvite = (token: string) => callApi(contract.acceptInvite, { body: { token } });

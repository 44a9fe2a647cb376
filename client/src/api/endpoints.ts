// One typed function per REST operation the client uses, named after the server's operationId.
import {
  type CollaborationStage,
  type CreateInviteInput,
  type CreateRoomInput,
  type LoginInput,
  type RegisterInput,
  type Session,
  createdInviteSchema,
  invitePreviewSchema,
  joinResultSchema,
  roomDetailSchema,
  roomSummarySchema,
  sessionSchema,
} from "@mufakat/shared";
import { apiRequest } from "./http.ts";
import { beginSession, endSession } from "./session.ts";

const roomSummariesSchema = roomSummarySchema.array();

function roomPath(roomId: string, rest = ""): string {
  return `/rooms/${encodeURIComponent(roomId)}${rest}`;
}

export async function register(input: RegisterInput): Promise<Session> {
  const session = await apiRequest("POST", "/auth/register", { body: input, schema: sessionSchema, auth: false });
  beginSession(session);
  return session;
}

export async function login(input: LoginInput): Promise<Session> {
  const session = await apiRequest("POST", "/auth/login", { body: input, schema: sessionSchema, auth: false });
  beginSession(session);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await apiRequest("POST", "/auth/logout", { auth: false });
  } finally {
    // Forget the session locally even when the server could not be told.
    endSession();
  }
}

export const listMyRooms = () => apiRequest("GET", "/rooms/mine", { schema: roomSummariesSchema });

export const listOpenRooms = () => apiRequest("GET", "/rooms/open", { schema: roomSummariesSchema });

export const getRoom = (roomId: string) => apiRequest("GET", roomPath(roomId), { schema: roomDetailSchema });

export const createRoom = (input: CreateRoomInput) =>
  apiRequest("POST", "/rooms", { body: input, schema: roomSummarySchema });

export const joinRoom = (roomId: string) => apiRequest("POST", roomPath(roomId, "/join"), { schema: joinResultSchema });

export const changeRoomStage = (roomId: string, stage: CollaborationStage) =>
  apiRequest("PATCH", roomPath(roomId, "/stage"), { body: { stage }, schema: roomSummarySchema });

export const createInvite = (roomId: string, input: CreateInviteInput) =>
  apiRequest("POST", roomPath(roomId, "/invites"), { body: input, schema: createdInviteSchema });

export const previewInvite = (token: string) =>
  apiRequest("GET", `/invites/${encodeURIComponent(token)}`, { schema: invitePreviewSchema });

export const acceptInvite = (token: string) =>
  apiRequest("POST", "/invites/accept", { body: { token }, schema: joinResultSchema });

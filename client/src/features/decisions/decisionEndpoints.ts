// REST calls for the decision log and the room's decision settings.
import {
  type RoomDecisionSettings,
  chainVerificationSchema,
  decisionRecordSchema,
  roomDecisionSettingsSchema,
} from "@mufakat/shared";
import { apiRequest } from "../../api/http.ts";

const recordListSchema = decisionRecordSchema.array();
const room = (roomId: string, rest: string) => `/rooms/${encodeURIComponent(roomId)}${rest}`;

export const listDecisions = (roomId: string) =>
  apiRequest("GET", room(roomId, "/decisions"), { schema: recordListSchema });

export const verifyDecisions = (roomId: string) =>
  apiRequest("GET", room(roomId, "/decisions/verify"), { schema: chainVerificationSchema });

export const correctDecision = (roomId: string, seq: number, note: string) =>
  apiRequest("POST", room(roomId, `/decisions/${seq}/corrections`), {
    body: { note },
    schema: decisionRecordSchema,
  });

export const getDecisionSettings = (roomId: string) =>
  apiRequest("GET", room(roomId, "/decision-settings"), { schema: roomDecisionSettingsSchema });

export const updateDecisionSettings = (roomId: string, changes: Partial<RoomDecisionSettings>) =>
  apiRequest("PATCH", room(roomId, "/decision-settings"), { body: changes, schema: roomDecisionSettingsSchema });

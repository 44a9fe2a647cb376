// The message keys every dictionary must have for the shared domain: sectors, roles, stages, visibilities, error codes.
import type { CollaborationStage, MemberRole, RoomVisibility, Sector } from "@mufakat/shared";
import type { ApiErrorCode } from "../api/ApiError.ts";

export type DomainMessageKey =
  | `sector.${Sector}`
  | `role.${MemberRole}`
  | `stage.${CollaborationStage}`
  | `visibility.${RoomVisibility}`
  | `error.${ApiErrorCode}`;

/** A dictionary literal must cover every domain key and may add its own. */
export type DictionaryShape = Record<DomainMessageKey, string> & Record<string, string>;

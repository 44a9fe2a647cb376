// The message keys every dictionary must have for the shared domain: sectors, roles, stages, visibilities.
import type { CollaborationStage, MemberRole, RoomVisibility, Sector } from "@mufakat/shared";
import type { ClientErrorCode } from "../api/ApiError.ts";

/**
 * Server error codes are not required here on purpose: shared/errors.ts grows with every feature, and a
 * new code must not stop the client from compiling. translate.test.ts checks that every code has words,
 * and errorCodeMessage() names a code that has none yet.
 */
export type DomainMessageKey =
  | `sector.${Sector}`
  | `role.${MemberRole}`
  | `stage.${CollaborationStage}`
  | `visibility.${RoomVisibility}`
  | `error.${ClientErrorCode}`;

/** A dictionary literal must cover every domain key and may add its own. */
export type DictionaryShape = Record<DomainMessageKey, string> & Record<string, string>;

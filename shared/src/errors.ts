// Stable error codes shared by server and client. A code never changes meaning once released:
// clients branch on it, and the HTTP status below is what the server answers with it.

export const errorStatus = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  REFRESH_TOKEN_INVALID: 401,
  REFRESH_TOKEN_REUSED: 401,
  FORBIDDEN: 403,
  NOT_A_MEMBER: 403,
  NOT_A_COORDINATOR: 403,
  READ_ONLY_ROLE: 403,
  ROOM_INVITE_ONLY: 403,
  NOT_FOUND: 404,
  ROOM_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  INVITE_NOT_FOUND: 404,
  PENDING_ACTION_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  ALREADY_MEMBER: 409,
  LAST_COORDINATOR: 409,
  CONFIRMATION_BY_SAME_COORDINATOR: 409,
  CONFLICT: 409,
  INVITE_EXPIRED: 410,
  INVITE_USED_UP: 410,
  INVITE_REVOKED: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  TOO_MANY_CONNECTIONS: 429,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
  // Live deliberation (socket.io + Yjs).
  PROTOCOL_TOO_OLD: 426,
  PROTOCOL_TOO_NEW: 426,
  PROPOSAL_NOT_FOUND: 404,
  PROPOSAL_VERSION_NOT_FOUND: 404,
  TOO_MANY_PROPOSALS: 409,
  TOO_MANY_VERSIONS: 409,
  NOT_IN_ROOM: 409,
  MALFORMED_UPDATE: 400,
  UPDATE_TOO_LARGE: 413,
  DOCUMENT_TOO_LARGE: 413,
  // Motions and the decision log.
  MOTION_NOT_FOUND: 404,
  MOTION_CLOSED: 409,
  MOTION_ALREADY_OPEN: 409,
  NOT_ELIGIBLE: 403,
  DECISION_NOT_FOUND: 404,
  // Discussion (chat and proposal comments).
  MESSAGE_NOT_FOUND: 404,
  NOT_YOUR_MESSAGE: 403,
  MESSAGE_DELETED: 410,
  // Accountability: commitments, resource pledges, review and exports.
  COMMITMENT_NOT_FOUND: 404,
  PLEDGE_NOT_FOUND: 404,
  DECISION_NOT_ADOPTED: 409,
  NOT_YOUR_COMMITMENT: 403,
  NOT_YOUR_PLEDGE: 403,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

/** Field-level detail: `path` is the dotted field name ("email", "members.0.role"). */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: FieldIssue[] | Record<string, unknown>;
}

/** The one error shape of the HTTP API. */
export interface ErrorResponse {
  error: ErrorBody;
}

/** True when a retry of the same request may succeed later without any change by the user. */
export function isRetryable(code: ErrorCode): boolean {
  return code === "DATABASE_UNAVAILABLE" || code === "RATE_LIMITED";
}

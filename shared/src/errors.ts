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
  JOIN_REQUEST_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  ALREADY_MEMBER: 409,
  LAST_COORDINATOR: 409,
  CONFIRMATION_BY_SAME_COORDINATOR: 409,
  CONFLICT: 409,
  /** The caller already asked to join this room and no coordinator has answered yet. */
  JOIN_REQUEST_PENDING: 409,
  /** A coordinator already approved or declined this request. */
  JOIN_REQUEST_DECIDED: 409,
  /** An open room is joined directly; there is nobody to ask. */
  ROOM_IS_OPEN: 409,
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
  /** A motion freezes a proposal's text; there is nothing to vote on in an empty or whitespace-only one. */
  PROPOSAL_TEXT_EMPTY: 409,
  NOT_ELIGIBLE: 403,
  DECISION_NOT_FOUND: 404,
  POLL_NOT_FOUND: 404,
  POLL_CLOSED: 409,
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
  // Vote delegation.
  /** A member cannot delegate their vote to themselves. */
  DELEGATION_TO_SELF: 400,
  /** The delegate is a member without voting rights (an observer), or not entitled to vote on the motion. */
  DELEGATE_CANNOT_VOTE: 409,
  /** The delegate is of another sector and the room keeps delegations within a sector. */
  DELEGATION_ACROSS_SECTORS: 409,
  DELEGATION_NOT_FOUND: 404,
  // Opinion groups: statements to vote agree / disagree / pass on.
  OPINION_STATEMENT_NOT_FOUND: 404,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

/** A JSON-safe value an enum or literal allows (invalid_value). */
export type FieldIssueValue = string | number | boolean | null;

/**
 * Field-level detail: `path` is the dotted field name ("email", "members.0.role"). `message` is English for
 * logs and API users; a client words the issue from `code` and its parameters (the zod issue code, see
 * fieldIssues.ts). Every parameter is optional so that issues from older servers still parse.
 */
export interface FieldIssue {
  path: string;
  message: string;
  /** The zod issue code ("too_small", "invalid_format", …); absent for issues a command made by hand. */
  code?: string;
  /** too_small/too_big: what was measured ("string", "number", "int", "array", "date", …); invalid_key/element: "map", "record", "set". */
  origin?: string;
  minimum?: number;
  maximum?: number;
  /** too_small/too_big: whether the bound itself is allowed. */
  inclusive?: boolean;
  /** too_small/too_big: the length must be exactly the bound. */
  exact?: boolean;
  /** invalid_format: "email", "url", "datetime", "regex", … */
  format?: string;
  /** invalid_type: what the schema expects, and what it got when the server knew ("undefined": missing). */
  expected?: string;
  received?: string;
  /** invalid_value: the allowed values of an enum or literal. */
  values?: FieldIssueValue[];
  /** unrecognized_keys: the fields that are not allowed. */
  keys?: string[];
  /** not_multiple_of */
  divisor?: number;
  /** custom: the refinement's rule name (`params.rule` in shared/src/schemas), e.g. "reasonRequired". */
  rule?: string;
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

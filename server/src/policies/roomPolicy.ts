// Every authorization decision about a room lives here.
import type { ErrorCode, MemberRole } from "@mufakat/shared";

export type RoomAction = "read" | "write" | "coordinate";

const allowed: Record<MemberRole, ReadonlySet<RoomAction>> = {
  coordinator: new Set(["read", "write", "coordinate"]),
  participant: new Set(["read", "write"]),
  observer: new Set(["read"]),
};

export function can(role: MemberRole | null, action: RoomAction): boolean {
  return role !== null && allowed[role].has(action);
}

/** The error code for a refusal, so every surface names a refusal the same way. */
export function refusalCode(role: MemberRole | null, action: RoomAction): ErrorCode {
  if (role === null) return "NOT_A_MEMBER";
  if (action === "coordinate") return "NOT_A_COORDINATOR";
  return "READ_ONLY_ROLE";
}

// The three levels of access a room role grants, and the error code that names each refusal. Every other
// policy is built on these, so a refusal reads the same over HTTP, over the socket and in the client.
import type { MemberRole } from "../schemas/room.ts";

/** read: see the room; write: take part (propose, edit, discuss, vote, commit); coordinate: run the room. */
export type AccessLevel = "read" | "write" | "coordinate";

/** The caller as every policy sees them: plain data, no database types. */
export interface PolicyActor {
  userId: string;
  /** The caller's role in the room, or null when they are not a member. */
  role: MemberRole | null;
}

export type AccessRefusal = "NOT_A_MEMBER" | "NOT_A_COORDINATOR" | "READ_ONLY_ROLE";

const granted: Record<MemberRole, ReadonlySet<AccessLevel>> = {
  coordinator: new Set(["read", "write", "coordinate"]),
  participant: new Set(["read", "write"]),
  observer: new Set(["read"]),
};

export function hasAccess(role: MemberRole | null, level: AccessLevel): boolean {
  return role !== null && granted[role].has(level);
}

/** Why `role` may not act at `level`, or null when it may. */
export function accessRefusal(role: MemberRole | null, level: AccessLevel): AccessRefusal | null {
  if (hasAccess(role, level)) return null;
  if (role === null) return "NOT_A_MEMBER";
  if (level === "coordinate") return "NOT_A_COORDINATOR";
  return "READ_ONLY_ROLE";
}

/** The roles that grant `level`, for queries such as "the rooms this user coordinates". */
export function rolesWith(level: AccessLevel): MemberRole[] {
  return (Object.keys(granted) as MemberRole[]).filter((role) => granted[role].has(level));
}

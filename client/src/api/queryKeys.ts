// Every key of the server-state cache, in one place: a mutation or socket event invalidates by these, and
// keys under one room start with ["room", roomId] so leaving or changing a room can drop them together.
import type { ReviewQuery } from "@mufakat/shared";

interface Period {
  from: string;
  to: string;
}

export const queryKeys = {
  myRooms: () => ["rooms", "mine"] as const,
  openRooms: () => ["rooms", "open"] as const,
  room: (roomId: string) => ["room", roomId] as const,
  pendingActions: (roomId: string) => ["room", roomId, "pending-actions"] as const,
  decisions: (roomId: string) => ["room", roomId, "decisions"] as const,
  decisionVerification: (roomId: string) => ["room", roomId, "decisions", "verify"] as const,
  decisionSettings: (roomId: string) => ["room", roomId, "decision-settings"] as const,
  motions: (roomId: string) => ["room", roomId, "motions"] as const,
  polls: (roomId: string) => ["room", roomId, "polls"] as const,
  commitments: (roomId: string) => ["room", roomId, "commitments"] as const,
  resources: (roomId: string) => ["room", roomId, "resources"] as const,
  participation: (roomId: string, period: Period) => ["room", roomId, "participation", period] as const,
  report: (roomId: string, period: Period) => ["room", roomId, "report", period] as const,
  reviewDecisions: (query: ReviewQuery) => ["review", "decisions", query] as const,
  reviewDecision: (roomId: string, seq: number) => ["review", "decision", roomId, seq] as const,
  invite: (token: string) => ["invite", token] as const,
  /** The room as joined over the live socket (role, presence, proposals), kept current by its events. */
  roomChannel: (roomId: string) => ["room", roomId, "channel"] as const,
  /** Read over the live socket, page by page (an infinite query); live messages are put into it. */
  chat: (roomId: string) => ["room", roomId, "chat"] as const,
  comments: (proposalId: string) => ["proposal", proposalId, "comments"] as const,
  myDelegations: (roomId: string) => ["room", roomId, "delegations"] as const,
  /** How the caller's vote stands on one motion; every such key starts with ["motion"]. */
  myMotionDelegation: (motionId: string) => ["motion", motionId, "delegation"] as const,
};

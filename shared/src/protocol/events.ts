// The socket.io contract of live deliberation, typed on both ends:
//   server: Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>
//   client: Socket<ServerToClientEvents, ClientToServerEvents>
//
// Handshake: io(url, { auth: { token: <access JWT>, protocolVersion } }). Refusals: closeCodes.ts.
// For clients in other languages, all of this is written out in docs/protocol.md.
//
// Yjs sync (y-protocols/sync semantics, with socket.io's framing instead of lib0 varint messages):
//   step 1  client -> "proposal:open" { proposalId, stateVector }        (Y.encodeStateVector(doc))
//   step 2  ack    <- { update, stateVector }: apply `update`; then send what the server lacks,
//                     Y.encodeStateAsUpdate(doc, stateVector), as a "proposal:update"
//   update  client -> "proposal:update" { proposalId, update, clientUpdateId? }; acked only once stored
//           server -> "proposal:update" { proposalId, update } for everyone else viewing the proposal
// The body is the XmlFragment "default" (proposalBodyFragment), what TipTap's Collaboration edits.
// Awareness (carets): "proposal:awareness" carries y-protocols/awareness updates both ways; the server
// broadcasts the removal of a client's awareness ids when it closes the proposal or disconnects.
import type { CollaborationStage, MemberRole } from "../schemas/room.ts";
import type { RoomAbilities } from "../schemas/abilities.ts";
import type { Proposal, ProposalVersion, TextDiff } from "../schemas/proposal.ts";
import type { Sector } from "../schemas/user.ts";
import type { AckCallback } from "./ack.ts";
import type { DisconnectReason } from "./closeCodes.ts";
import type { DiscussionClientToServerEvents, DiscussionServerToClientEvents } from "./discussion.ts";
import type { MotionClientToServerEvents, MotionServerToClientEvents } from "./motions.ts";
import type { PollClientToServerEvents, PollServerToClientEvents, RelayedPollBallot } from "./polls.ts";
import type {
  AwarenessPayload,
  CreateProposalPayload,
  DiffVersionsPayload,
  OpenProposalPayload,
  ProposalRefPayload,
  ProposalUpdatePayload,
  ReauthenticatePayload,
  RenameProposalPayload,
  RoomRefPayload,
  SaveVersionPayload,
} from "./payloads.ts";

/**
 * Binary the server sends. The wire parser (wire.ts) hands every binary over as a Uint8Array; the wider type
 * stays so that code written for socket.io's default parser (an ArrayBuffer in browsers) still reads it
 * with `new Uint8Array(value)`.
 */
export type WireBinary = Uint8Array | ArrayBuffer;

/** One member in a room right now, over all their tabs (on any server process). */
export interface PresenceMember {
  userId: string;
  displayName: string;
  /** The sector the member speaks for in this room (at join time). */
  sector: Sector;
  organisation: string;
  role: MemberRole;
  /** Proposals open in any of the member's tabs, sorted. */
  viewing: string[];
  /** How many tabs (sockets) the member has in the room. */
  connections: number;
}

export interface RoomPresence {
  roomId: string;
  members: PresenceMember[];
}

/**
 * A change of a room's presence since the server's previous one: members who joined or whose entry changed
 * (whole entries), and the ids of members who left. Apply it with applyPresenceChange (rules/presence.ts)
 * to the list from the room:join acknowledgement.
 */
export interface PresenceChange {
  roomId: string;
  changed: PresenceMember[];
  left: string[];
}

export interface JoinedRoom {
  roomId: string;
  role: MemberRole;
  /** What the caller may do in the room, read with the role at join time (the shared room policies). */
  abilities: RoomAbilities;
  presence: PresenceMember[];
  proposals: Proposal[];
}

export interface OpenedProposal {
  proposal: Proposal;
  /** Sync step 2: what the client lacks (Y.applyUpdate it). */
  update: WireBinary;
  /** The server's state vector (its step 1): answer with Y.encodeStateAsUpdate(doc, stateVector). */
  stateVector: WireBinary;
  /** Current awareness states of the others viewing this proposal on this server process. */
  awareness: WireBinary | null;
}

export interface RoomMembershipChange {
  roomId: string;
  /** Null: no longer a member. */
  role: MemberRole | null;
  /** What the caller may do in the room now; null once removed. */
  abilities: RoomAbilities | null;
}

export interface StoredUpdate {
  proposalId: string;
  clientUpdateId: string | null;
  /**
   * Position in the update log (an ObjectId); null when the update added nothing the server did not
   * already store (a resend, or a sync reply repeating the delete set), so nothing was stored again.
   */
  logId: string | null;
}

export interface ReauthenticatedSession {
  /** When the new token expires, ISO 8601. */
  expiresAt: string;
}

export interface ClientToServerEvents
  extends DiscussionClientToServerEvents,
    MotionClientToServerEvents,
    PollClientToServerEvents {
  /** Moves this connection's expiry to that of a fresh access token for the same user. */
  "session:reauthenticate": (payload: ReauthenticatePayload, ack: AckCallback<ReauthenticatedSession>) => void;
  "room:join": (payload: RoomRefPayload, ack: AckCallback<JoinedRoom>) => void;
  "room:leave": (payload: RoomRefPayload, ack: AckCallback<{ roomId: string }>) => void;
  "proposal:create": (payload: CreateProposalPayload, ack: AckCallback<Proposal>) => void;
  "proposal:list": (payload: RoomRefPayload, ack: AckCallback<Proposal[]>) => void;
  "proposal:rename": (payload: RenameProposalPayload, ack: AckCallback<Proposal>) => void;
  "proposal:open": (payload: OpenProposalPayload, ack: AckCallback<OpenedProposal>) => void;
  "proposal:close": (payload: ProposalRefPayload, ack: AckCallback<{ proposalId: string }>) => void;
  "proposal:update": (payload: ProposalUpdatePayload, ack: AckCallback<StoredUpdate>) => void;
  "proposal:awareness": (payload: AwarenessPayload, ack: AckCallback<{ proposalId: string }>) => void;
  "version:save": (payload: SaveVersionPayload, ack: AckCallback<ProposalVersion>) => void;
  "version:list": (payload: ProposalRefPayload, ack: AckCallback<ProposalVersion[]>) => void;
  "version:diff": (payload: DiffVersionsPayload, ack: AckCallback<TextDiff>) => void;
}

export interface ServerToClientEvents
  extends DiscussionServerToClientEvents,
    MotionServerToClientEvents,
    PollServerToClientEvents {
  "presence:update": (change: PresenceChange) => void;
  "proposal:created": (proposal: Proposal) => void;
  "proposal:changed": (proposal: Proposal) => void;
  "proposal:update": (payload: { proposalId: string; update: WireBinary }) => void;
  "proposal:awareness": (payload: { proposalId: string; update: WireBinary }) => void;
  "version:saved": (version: ProposalVersion) => void;
  /**
   * The caller's own standing in a room it joined changed (a coordinator changed their role or removed them,
   * on any server process): the role and abilities that apply from now on. Role null: removed; the socket
   * has left the room (its proposals closed), and room-scoped events answer NOT_IN_ROOM.
   */
  "room:membership": (payload: RoomMembershipChange) => void;
  /**
   * Sent just before the server disconnects this socket: the token expired (SESSION_EXPIRED; the client
   * refreshes it and reconnects) or the account was banned (ACCOUNT_BANNED; refreshing fails too).
   */
  "session:expired": (payload: { reason: DisconnectReason; message: string }) => void;
}

/** Between server processes (socket.io serverSideEmit over the Redis adapter). */
export interface InterServerEvents {
  /**
   * A stored update, for the other processes' in-memory copies of the document. Base64, because the Redis
   * adapter carries serverSideEmit arguments as JSON.
   */
  "collab:update": (proposalId: string, updateBase64: string) => void;
  /** A membership change stored on the sending process, for the others' room state caches and sockets. */
  "roomState:membership": (roomId: string, userId: string, role: MemberRole | null) => void;
  /** A room's stage change stored on the sending process, for the others' room state caches. */
  "roomState:stage": (roomId: string, stage: CollaborationStage) => void;
  /** A proposal of the room was created or changed: the other processes read its proposal list again. */
  "roomState:proposals": (roomId: string) => void;
  /** A user was banned or changed their profile: the other processes read them again at next need. */
  "user:changed": (userId: string) => void;
  /** A ballot stored by one process, for the others' in-memory copies of the open motion. */
  "motion:ballot": (ballot: RelayedBallot) => void;
  /** A poll ballot stored by one process, for the others' in-memory copies of the open poll. */
  "poll:ballot": (ballot: RelayedPollBallot) => void;
  /** A delegation given or taken back on one process, for the others' in-memory copies of open motions. */
  "motion:delegation": (change: RelayedDelegation) => void;
}

/** A delegation given (delegateId) or taken back (null), room-wide (motionId null) or for one motion. */
export interface RelayedDelegation {
  roomId: string;
  delegatorId: string;
  motionId: string | null;
  delegateId: string | null;
}

/** One ballot of a motion's ballot log, as the server processes relay it to each other. */
export interface RelayedBallot {
  id: string;
  motionId: string;
  voterKey: string;
  clientVoteId: string;
  sector: string;
  organisation: string | null;
  position: string;
  reason: string | null;
}

/** What each socket carries; read across processes by fetchSockets() for presence. */
export interface SocketData {
  userId: string;
  displayName: string;
  /** Access token expiry, ms since epoch (moved by session:reauthenticate). */
  expiresAt: number;
  /** Per joined room: the role (kept current by membership changes, on every process) and what is viewed. */
  rooms: Record<string, { role: MemberRole; sector: Sector; organisation: string; viewing: string | null }>;
}

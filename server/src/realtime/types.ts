// The typed socket.io server and socket of live deliberation, and the names of socket.io rooms.
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "@mufakat/shared";
import type { Server, Socket } from "socket.io";
import type { DocumentHub } from "../collaboration/documentHub.ts";
import type { ActiveUsers } from "../commands/activeUsers.ts";
import type { RoomStates } from "../commands/roomStates.ts";
import type { AppContext } from "../context.ts";
import type { ProposalRooms } from "./proposalRooms.ts";

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** What every realtime handler module receives. */
export interface RealtimeDeps {
  ctx: AppContext;
  io: LiveServer;
  hub: DocumentHub;
  /** True with the Redis adapter: stored updates are also sent to the other processes. */
  multiProcess: boolean;
  /** Which room each proposal belongs to (proposals never move), to authorize edits without a query. */
  proposalRooms: ProposalRooms;
  /** Rooms' settings and memberships in memory: joins and presence read them, not the database. */
  roomStates: RoomStates;
  /** The users of live sockets in memory: handshakes and message authors read them, not the database. */
  activeUsers: ActiveUsers;
  /** Discussion writes per second one socket may send. */
  discussionWritesPerSecond: number;
}

export const roomChannel = (roomId: string) => `room:${roomId}`;
export const proposalChannel = (proposalId: string) => `proposal:${proposalId}`;

// What one socket holds for as long as it is connected (Hocuspocus's ClientConnection): its rate buckets,
// its session-expiry timer, and its connection to each proposal it has open. Its role in each joined room
// (socket.data.rooms) is kept current by membership changes (roomStateSync.ts), never re-read here. The socket's disconnect releases all of it; ClientConnections is the app's registry of them.
import { type MemberRole, limits, roomRefusal } from "@mufakat/shared";
import { Types } from "mongoose";
import type { DocumentConnection } from "../collaboration/documentConnection.ts";
import type { EditSource } from "../collaboration/documentHub.ts";
import { loadProposal } from "../commands/loadProposal.ts";
import { appError } from "../errors.ts";
import { TokenBucket } from "./rateLimit.ts";
import { type LiveSocket, type RealtimeDeps, proposalChannel, roomChannel } from "./types.ts";

/** The socket's standing in a room it joined, or NOT_IN_ROOM. */
export function joinedRoom(socket: LiveSocket, roomId: string) {
  const entry = socket.data.rooms[roomId];
  if (!entry) throw appError("NOT_IN_ROOM", "join the room (room:join) first");
  return entry;
}

export type ClientDeps = RealtimeDeps & { broadcastPresence: (roomId: string) => void };

export class ClientConnection implements EditSource {
  readonly socketId: string;
  readonly userId: Types.ObjectId;
  readonly edits = new TokenBucket(limits.editsPerSecond);
  readonly awarenessUpdates = new TokenBucket(limits.awarenessPerSecond);
  /** The proposals this socket has open: its connection to each document, and the proposal's room. */
  readonly opened = new Map<string, { connection: DocumentConnection; roomId: string }>();
  /** Re-checks the access token's expiry (connectionHandlers' scheduleExpiry). */
  sessionTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: ClientDeps,
    readonly socket: LiveSocket,
  ) {
    this.socketId = socket.id;
    // The user of a socket never changes: re-authentication must bring a token of the same user.
    this.userId = new Types.ObjectId(socket.data.userId);
  }

  /** The room of a proposal, which this socket must have joined. */
  async proposalRoom(proposalId: string): Promise<string> {
    let roomId = this.deps.proposalRooms.get(proposalId);
    if (!roomId) {
      const proposal = await loadProposal(this.deps.ctx, { proposalId });
      roomId = proposal.roomId.toHexString();
      this.deps.proposalRooms.remember(proposalId, roomId);
    }
    joinedRoom(this.socket, roomId);
    return roomId;
  }

  /**
   * Refuses writes by roles that may not write, by the role the socket holds: a role change or removal
   * reaches it as soon as it is stored (roomStateSync.ts), so no write waits for the database here.
   */
  async authorizeWrite(roomId: string, action: "proposal.edit" | "motion.vote" = "proposal.edit"): Promise<MemberRole> {
    const entry = joinedRoom(this.socket, roomId);
    const refusal = roomRefusal(action, entry.role);
    if (refusal) throw appError(refusal, "observers can read but not write");
    return entry.role;
  }

  /** The edit pipeline's authorize step (DocumentHub.edit). */
  async authorizeEdit(proposalId: string): Promise<void> {
    await this.authorizeWrite(await this.proposalRoom(proposalId));
  }

  /** Closes this socket's connection to a proposal's document; returns the proposal's room, if it was open. */
  closeProposal(proposalId: string): string | undefined {
    const opened = this.opened.get(proposalId);
    if (!opened) return undefined;
    this.opened.delete(proposalId);
    opened.connection.close();
    return opened.roomId;
  }

  /** Closes the proposals of one room (leaving it), or all of them (disconnecting). */
  closeProposals(roomId?: string): string[] {
    const closed: string[] = [];
    for (const [proposalId, opened] of [...this.opened]) {
      if (roomId !== undefined && opened.roomId !== roomId) continue;
      this.closeProposal(proposalId);
      closed.push(proposalId);
    }
    return closed;
  }

  /** Leaves a room locally: closes the socket's proposals of that room and leaves its channels. */
  leaveRoom(roomId: string): void {
    for (const proposalId of this.closeProposals(roomId)) void this.socket.leave(proposalChannel(proposalId));
    delete this.socket.data.rooms[roomId];
    void this.socket.leave(roomChannel(roomId));
  }

  /** The socket disconnected: its timer and documents go. */
  release(): void {
    if (this.sessionTimer) clearTimeout(this.sessionTimer);
    this.sessionTimer = null;
    this.closeProposals();
  }
}

/** The app's connected sockets' records, each removed when its socket disconnects. */
export class ClientConnections {
  private readonly bySocket = new Map<string, ClientConnection>();

  constructor(private readonly deps: ClientDeps) {}

  get size(): number {
    return this.bySocket.size;
  }

  /** Session-expiry timers pending. */
  get sessionTimers(): number {
    let timers = 0;
    for (const client of this.bySocket.values()) if (client.sessionTimer) timers += 1;
    return timers;
  }

  get(socketId: string): ClientConnection | undefined {
    return this.bySocket.get(socketId);
  }

  add(socket: LiveSocket): ClientConnection {
    const client = new ClientConnection(this.deps, socket);
    this.bySocket.set(socket.id, client);
    // While "disconnecting" the socket is still in its channels: its documents close first, so the
    // awareness removals it causes still reach the other viewers.
    socket.on("disconnecting", () => client.release());
    socket.on("disconnect", () => {
      client.release();
      this.bySocket.delete(socket.id);
    });
    return client;
  }
}

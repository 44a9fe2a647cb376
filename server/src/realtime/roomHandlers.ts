// Joining and leaving rooms live, and presence: who is in the room now, on every server process
// (fetchSockets() asks the other processes through the adapter), broadcast whenever it changes.
import { type PresenceMember, type Sector, comparePresence, diffPresence } from "@mufakat/shared";
import { presentProposal } from "../presenters/proposals.ts";
import { presentRoomAbilities } from "../presenters/rooms.ts";
import type { ClientConnection } from "./clientConnection.ts";
import type { SessionGuard } from "./dispatch.ts";
import { handleEvent } from "./dispatch.ts";
import { type LiveSocket, type RealtimeDeps, roomChannel } from "./types.ts";

export async function roomPresence(deps: RealtimeDeps, roomId: string): Promise<PresenceMember[]> {
  const sockets = await deps.io.in(roomChannel(roomId)).fetchSockets();
  const byUser = new Map<string, PresenceMember>();
  for (const socket of sockets) {
    const entry = socket.data.rooms?.[roomId];
    if (!entry) continue;
    const member = byUser.get(socket.data.userId) ?? {
      userId: socket.data.userId,
      displayName: socket.data.displayName,
      sector: entry.sector as Sector,
      organisation: entry.organisation,
      role: entry.role,
      viewing: [],
      connections: 0,
    };
    member.connections += 1;
    if (entry.viewing && !member.viewing.includes(entry.viewing)) member.viewing.push(entry.viewing);
    byUser.set(socket.data.userId, member);
  }
  return [...byUser.values()].map((member) => ({ ...member, viewing: member.viewing.sort() })).sort(comparePresence);
}

export interface PresenceBroadcaster {
  broadcast(roomId: string): void;
  /** Stops broadcasting (server closing). */
  stop(): void;
  /** Resolves when no broadcast is running. */
  idle(): Promise<void>;
  /** Rooms with a broadcast running or a last-sent list kept (released when the room empties). */
  readonly rooms: number;
}

/**
 * After a presence broadcast, changes are gathered this long before the next one: every broadcast sends
 * the whole member list to every member, so one per join would cost O(members²) when many join at once.
 */
const presenceCoalesceMs = 250;

/**
 * Broadcasts a room's presence as changes since this process's previous broadcast (rules/presence.ts). One
 * broadcast per room at a time on this process, repeated (at most every presenceCoalesceMs) while changes
 * came in meanwhile, so the last one sent reflects the latest state. A member who joined meanwhile got the
 * whole list in its room:join acknowledgement; changes are whole entries, so applying one to a list newer
 * than the previous broadcast still ends at the current state (except an entry that changed and changed
 * back within one interval, which the next change of that member corrects).
 */
export function presenceBroadcaster(deps: RealtimeDeps): PresenceBroadcaster {
  const running = new Map<string, { again: boolean; done: Promise<void> }>();
  /** What this process last sent per room; a room nobody is in any more is dropped. */
  const lastSent = new Map<string, PresenceMember[]>();
  let stopped = false;
  const run = async (roomId: string, state: { again: boolean }) => {
    do {
      state.again = false;
      if (stopped) break;
      try {
        const members = await roomPresence(deps, roomId);
        const change = diffPresence(lastSent.get(roomId) ?? [], members);
        if (members.length > 0) lastSent.set(roomId, members);
        else lastSent.delete(roomId);
        if (change.changed.length > 0 || change.left.length > 0) {
          deps.io.to(roomChannel(roomId)).emit("presence:update", { roomId, ...change });
        }
      } catch (error) {
        deps.ctx.logger.warn({ err: error, roomId }, "presence broadcast failed");
      }
      if (state.again && !stopped) await new Promise((resolve) => setTimeout(resolve, presenceCoalesceMs));
    } while (state.again);
    running.delete(roomId);
  };
  return {
    broadcast: (roomId) => {
      if (stopped) return;
      const state = running.get(roomId);
      if (state) {
        state.again = true;
        return;
      }
      const fresh = { again: false, done: Promise.resolve() };
      running.set(roomId, fresh);
      fresh.done = run(roomId, fresh);
    },
    stop: () => {
      stopped = true;
    },
    idle: async () => {
      await Promise.allSettled([...running.values()].map((state) => state.done));
    },
    get rooms() {
      return running.size + lastSent.size;
    },
  };
}

export function installRoomHandlers(
  deps: RealtimeDeps & { sessionGuard: SessionGuard; broadcastPresence: (roomId: string) => void },
  socket: LiveSocket,
  client: ClientConnection,
): void {
  handleEvent(deps, socket, "room:join", async ({ roomId }) => {
    // From the room's cached state: no membership read once the room is loaded. The user's ban needs no
    // read either: the handshake checked it, and a ban since then ends the socket (userBanned).
    const state = await deps.roomStates.get(roomId);
    // Refused before anything of the room is read or sent.
    await state.access(client.userId, "room.view");
    const proposals = await state.proposals();
    // Asked again (from memory) after the read: a change stored meanwhile reached no entry of this socket yet.
    const { membership, role } = await state.access(client.userId, "room.view");
    const previous = socket.data.rooms[roomId];
    socket.data.rooms[roomId] = {
      role,
      sector: membership.sector as Sector,
      organisation: membership.organisation,
      viewing: previous?.viewing ?? null,
    };
    await socket.join(roomChannel(roomId));
    for (const proposal of proposals) deps.proposalRooms.remember(proposal._id.toHexString(), roomId);
    const presence = await roomPresence(deps, roomId);
    deps.broadcastPresence(roomId);
    return {
      roomId,
      role,
      abilities: presentRoomAbilities(state.room, role),
      presence,
      proposals: proposals.map(presentProposal),
    };
  });

  handleEvent(deps, socket, "room:leave", async ({ roomId }) => {
    if (socket.data.rooms[roomId]) {
      client.leaveRoom(roomId);
      deps.broadcastPresence(roomId);
    }
    return { roomId };
  });

  // By "disconnect" the socket has left its channels (its documents closed at "disconnecting",
  // ClientConnections), so the presence computed then no longer lists it.
  socket.on("disconnect", () => {
    for (const roomId of Object.keys(socket.data.rooms ?? {})) deps.broadcastPresence(roomId);
  });
}

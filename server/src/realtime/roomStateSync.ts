// Keeps the rooms' cached state (commands/roomStates.ts) and the sockets that hold a role in a room in step
// with what is stored, on every process:
// - a room's state is held while a socket of this process is in the room's channel, and may be dropped
//   once the last one left (socket.io's "create-room"/"delete-room" on the adapter);
// - a membership change stored here reaches the member's sockets here at once (their role, or out of the
//   room when removed: "room:membership"), and goes to the other processes as an inter-server event
//   ("roomState:membership", over the Redis adapter), which apply it to their cache and their sockets;
// - a stage change, and a proposal created or changed, go the same way to the other processes' caches;
// - a ban ends the user's sockets on every process, telling them why (session:expired, ACCOUNT_BANNED), and
//   a ban or a profile change drops the user from every process's live users (commands/activeUsers.ts);
// - after Redis was unreachable (inter-server events may have been lost), every cached room is dropped and
//   the sockets here are reconciled with the database (reconcile()).
import type { MemberRole } from "@mufakat/shared";
import { Types } from "mongoose";
import { AppError } from "../errors.ts";
import { presentRoomAbilities } from "../presenters/rooms.ts";
import type { ClientConnections } from "./clientConnection.ts";
import { userChannel } from "./discussionHandlers.ts";
import { type LiveSocket, type RealtimeDeps, roomChannel } from "./types.ts";

const channelPrefix = roomChannel("");

export interface RoomStateSync {
  /** Drops every cached room and brings each local socket's roles in line with the database. */
  reconcile(): Promise<void>;
  stop(): void;
}

export function installRoomStateSync(
  deps: RealtimeDeps & { clients: ClientConnections; broadcastPresence: (roomId: string) => void },
): RoomStateSync {
  const { ctx, io, roomStates } = deps;
  const namespace = io.of("/");

  namespace.adapter.on("create-room", (channel: string) => {
    if (channel.startsWith(channelPrefix)) roomStates.setHeld(channel.slice(channelPrefix.length), true);
  });
  namespace.adapter.on("delete-room", (channel: string) => {
    if (channel.startsWith(channelPrefix)) roomStates.setHeld(channel.slice(channelPrefix.length), false);
  });

  /** Gives one local socket its new role in a room (null: out of the room), and tells it. */
  function applyToSocket(socket: LiveSocket, roomId: string, role: MemberRole | null): boolean {
    const entry = socket.data.rooms?.[roomId];
    if (!entry) return false;
    if (role === null) {
      deps.clients.get(socket.id)?.leaveRoom(roomId);
      socket.emit("room:membership", { roomId, role: null, abilities: null });
      return true;
    }
    if (entry.role === role) return false;
    entry.role = role;
    const room = roomStates.peek(roomId)?.room;
    socket.emit("room:membership", { roomId, role, abilities: room ? presentRoomAbilities(room, role) : null });
    return true;
  }

  /** A stored membership change, for the member's sockets on this process. */
  function applyToLocalSockets(roomId: string, userId: string, role: MemberRole | null): void {
    let changed = false;
    for (const socketId of namespace.adapter.rooms.get(userChannel(userId)) ?? []) {
      const socket = namespace.sockets.get(socketId);
      if (socket && applyToSocket(socket, roomId, role)) changed = true;
    }
    if (changed) deps.broadcastPresence(roomId);
  }

  const unsubscribes = [
    ctx.events.subscribe("membershipChanged", ({ roomId, userId, role }) => {
      // This process's cache took the change already (RoomStates subscribed first).
      applyToLocalSockets(roomId, userId, role);
      if (deps.multiProcess) io.serverSideEmit("roomState:membership", roomId, userId, role);
    }),
    ctx.events.subscribe("roomStageChanged", ({ roomId, stage }) => {
      if (deps.multiProcess) io.serverSideEmit("roomState:stage", roomId, stage);
    }),
    ctx.events.subscribe("proposalChanged", ({ roomId }) => {
      if (deps.multiProcess) io.serverSideEmit("roomState:proposals", roomId);
    }),
    ctx.events.subscribe("userChanged", ({ userId }) => {
      if (deps.multiProcess) io.serverSideEmit("user:changed", userId);
    }),
    ctx.events.subscribe("userBanned", ({ userId }) => {
      if (deps.multiProcess) io.serverSideEmit("user:changed", userId);
      // Through the adapter: the user's sockets on every process.
      io.to(userChannel(userId)).emit("session:expired", {
        reason: "ACCOUNT_BANNED",
        message: "this account was banned; its sessions have ended",
      });
      io.in(userChannel(userId)).disconnectSockets(true);
    }),
  ];

  io.on("roomState:membership", (roomId, userId, role) => {
    if (typeof roomId !== "string" || typeof userId !== "string") return;
    roomStates.applyMembership({ roomId, userId, role });
    applyToLocalSockets(roomId, userId, role);
  });
  io.on("roomState:stage", (roomId, stage) => {
    if (typeof roomId !== "string" || typeof stage !== "string") return;
    roomStates.applyStage(roomId, stage);
  });
  io.on("user:changed", (userId) => {
    if (typeof userId === "string") deps.activeUsers.forget(userId);
  });
  io.on("roomState:proposals", (roomId) => {
    if (typeof roomId === "string") roomStates.applyProposalChange(roomId);
  });

  return {
    reconcile: async () => {
      roomStates.dropAll();
      deps.activeUsers.clear();
      const touched = new Set<string>();
      for (const socket of namespace.sockets.values()) {
        for (const roomId of Object.keys(socket.data.rooms ?? {})) {
          let role: MemberRole | null;
          try {
            const state = await roomStates.get(roomId);
            role = ((await state.membership(new Types.ObjectId(socket.data.userId)))?.role ??
              null) as MemberRole | null;
          } catch (error) {
            // The room is gone: so is the membership. Anything else (the database down) says nothing.
            if (!(error instanceof AppError)) throw error;
            role = null;
          }
          if (applyToSocket(socket, roomId, role)) touched.add(roomId);
        }
      }
      for (const roomId of touched) deps.broadcastPresence(roomId);
    },
    stop: () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    },
  };
}

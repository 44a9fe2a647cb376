// Builds the typed socket.io server on the app's HTTP server: handshake, handlers per feature, the
// document hub, and with a Redis URL the Redis adapter so rooms, presence and documents span processes.
import type http from "node:http";
import { limits, wireParser } from "@mufakat/shared";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";
import { type CollaborationOptions, type CollaborationResources, DocumentHub } from "../collaboration/documentHub.ts";
import type { AppContext } from "../context.ts";
import { installAttendanceRecorder } from "./attendance.ts";
import { ClientConnections } from "./clientConnection.ts";
import { installHandshake, installSessionHandlers, sessionGuard } from "./connectionHandlers.ts";
import { installDiscussionHandlers } from "./discussionHandlers.ts";
import { installMotionHandlers } from "./motionHandlers.ts";
import { installPollHandlers } from "./pollHandlers.ts";
import { ActiveUsers } from "../commands/activeUsers.ts";
import type { RoomStates } from "../commands/roomStates.ts";
import type { Polling } from "../commands/polls.ts";
import type { Voting } from "../commands/voting.ts";
import { installMotionBroadcasts } from "./motionBroadcasts.ts";
import { installProposalHandlers } from "./proposalHandlers.ts";
import { ProposalRooms } from "./proposalRooms.ts";
import { installRoomHandlers, presenceBroadcaster } from "./roomHandlers.ts";
import { type RoomStateSync, installRoomStateSync } from "./roomStateSync.ts";
import { type LiveServer, type RealtimeDeps, proposalChannel } from "./types.ts";
import { ViewerRelay } from "./viewerRelay.ts";

export interface RealtimeOptions {
  /** Chat messages, comments, edits and deletions per second per socket (default limits.discussionWritesPerSecond). */
  discussionWritesPerSecond?: number;
}

/** What the realtime layer holds now (for tests): once every socket left and every document unloaded, all zero. */
export interface RealtimeResources extends CollaborationResources {
  /** Entries of the proposal→room map. */
  proposalRooms: number;
  /** socket.io rooms of this process (each socket's own, user, room and proposal channels). */
  socketIoRooms: number;
  /** Per-socket records (ClientConnection) and their session-expiry timers. */
  clientConnections: number;
  sessionTimers: number;
  /** Handshakes counted against the per-user connection cap. */
  pendingHandshakes: number;
  /** Rooms the presence broadcaster keeps state for. */
  presenceRooms: number;
  /** Attendance stays open (socket in a room's channel). */
  attendanceStays: number;
}

export interface Realtime {
  io: LiveServer;
  hub: DocumentHub;
  /** Read-only counts of what the realtime layer holds (each back to its start once every socket left). */
  resources(): RealtimeResources;
  /**
   * The users of live sockets in memory: not among the resources above, since an entry outlives its
   * sockets on purpose (a reconnect reads no user) and expires after limits.activeUserMaxAgeMs.
   */
  activeUsers: ActiveUsers;
  close(): Promise<void>;
}

export async function createRealtime(
  ctx: AppContext,
  httpServer: http.Server,
  options: {
    redisUrl?: string | undefined;
    corsOrigins?: string[];
    collaboration?: CollaborationOptions;
    realtime?: RealtimeOptions;
    /** Votes over the socket go through the same voting commands as HTTP votes. */
    voting?: Voting;
    polling?: Polling;
    /** The app's cached room states (createApp makes them before anything subscribes to domain events). */
    roomStates: RoomStates;
  },
): Promise<Realtime> {
  const io: LiveServer = new Server(httpServer, {
    maxHttpBufferSize: limits.socketMessageBytes,
    pingInterval: limits.socketPingIntervalMs,
    pingTimeout: limits.socketPingTimeoutMs,
    cors: { origin: options.corsOrigins ?? [], credentials: true },
    serveClient: false,
    parser: wireParser,
  });

  let redisClients: Array<{ quit(): Promise<unknown> }> = [];
  if (options.redisUrl) {
    const pub = createClient({ url: options.redisUrl });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) {
      client.on("error", (error: unknown) => ctx.logger.warn({ err: error }, "redis client error"));
    }
    // The adapter publishes without awaiting; while Redis is down those publishes fail, and an unhandled
    // rejection would end the process. What they carried is caught up from the store on reconnect.
    const publish = pub.publish.bind(pub);
    Object.assign(pub, {
      publish: (...args: Parameters<typeof publish>) =>
        publish(...args).catch((error: unknown) => {
          ctx.logger.warn({ err: error }, "redis publish failed");
          return 0;
        }),
    });
    await Promise.all([pub.connect(), sub.connect()]);
    redisClients = [pub, sub];
    io.adapter(createAdapter(pub, sub, { requestsTimeout: 3000 }));
  }

  const hub = new DocumentHub(ctx, options.collaboration);
  const deps: RealtimeDeps = {
    ctx,
    io,
    hub,
    multiProcess: Boolean(options.redisUrl),
    proposalRooms: new ProposalRooms(io),
    roomStates: options.roomStates,
    activeUsers: new ActiveUsers(ctx),
    discussionWritesPerSecond: options.realtime?.discussionWritesPerSecond ?? limits.discussionWritesPerSecond,
  };
  const viewerRelay = new ViewerRelay(io);
  hub.setRelay({
    validatedUpdate: (proposalId, update, senderSocketId) => viewerRelay.relay(proposalId, update, senderSocketId),
    storedUpdate: (proposalId, update) => {
      // Other processes apply it to their copy (which holds stored updates only) and relay it to theirs.
      if (deps.multiProcess) io.serverSideEmit("collab:update", proposalId, Buffer.from(update).toString("base64"));
    },
    remoteUpdateApplied: (proposalId, update) => {
      io.local.to(proposalChannel(proposalId)).emit("proposal:update", { proposalId, update });
    },
    awarenessRemoved: (proposalId, update) => {
      io.to(proposalChannel(proposalId)).emit("proposal:awareness", { proposalId, update });
    },
  });
  io.on("collab:update", (proposalId, updateBase64) => {
    if (typeof proposalId !== "string" || typeof updateBase64 !== "string") return;
    hub.applyRemoteUpdate(proposalId, new Uint8Array(Buffer.from(updateBase64, "base64")));
  });
  // The other processes count a stored ballot in their copy of the open motion (commands/voting.ts).
  const stopBallotRelay = deps.multiProcess
    ? ctx.events.subscribe("ballotStored", ({ ballot }) => io.serverSideEmit("motion:ballot", ballot))
    : () => undefined;
  io.on("motion:ballot", (ballot) => {
    if (typeof ballot !== "object" || ballot === null || typeof ballot.motionId !== "string") return;
    options.voting?.applyRemoteBallot(ballot);
  });
  const stopPollBallotRelay = deps.multiProcess
    ? ctx.events.subscribe("pollBallotStored", ({ ballot }) => io.serverSideEmit("poll:ballot", ballot))
    : () => undefined;
  io.on("poll:ballot", (ballot) => {
    if (typeof ballot !== "object" || ballot === null || typeof ballot.pollId !== "string") return;
    options.polling?.applyRemoteBallot(ballot);
  });
  // And a delegation given or taken back there (commands/delegations.ts).
  const stopDelegationRelay = deps.multiProcess
    ? ctx.events.subscribe("delegationChanged", (change) => io.serverSideEmit("motion:delegation", change))
    : () => undefined;
  io.on("motion:delegation", (change) => {
    if (typeof change !== "object" || change === null || typeof change.roomId !== "string") return;
    options.voting?.applyRemoteDelegation(change);
  });

  let roomStateSync: RoomStateSync | null = null;
  if (redisClients.length > 0) {
    const sub = redisClients[1] as unknown as { on(event: string, listener: () => void): void };
    let interrupted = false;
    sub.on("reconnecting", () => {
      interrupted = true;
    });
    sub.on("ready", () => {
      if (!interrupted) return;
      interrupted = false;
      // Once at once, and again a moment later for what was published while the subscriptions resumed.
      const catchUp = () =>
        hub
          .catchUpWithStore()
          .catch((error: unknown) => ctx.logger.warn({ err: error }, "catch-up after Redis failed"));
      void catchUp();
      setTimeout(() => void catchUp(), 1000).unref();
      // Membership changes made on other processes meanwhile were not heard: forget the cached rooms and
      // give the sockets here their roles as stored.
      roomStateSync
        ?.reconcile()
        .catch((error: unknown) => ctx.logger.warn({ err: error }, "room state reconcile after Redis failed"));
    });
  }

  const connectionCap = installHandshake(deps, io);
  const attendance = installAttendanceRecorder(deps);
  const stopMotionBroadcasts = installMotionBroadcasts(io, ctx.events);
  const presence = presenceBroadcaster(deps);
  const handlerDeps = { ...deps, sessionGuard: sessionGuard(deps), broadcastPresence: presence.broadcast };
  const clients = new ClientConnections(handlerDeps);
  roomStateSync = installRoomStateSync({ ...handlerDeps, clients });
  io.on("connection", (socket) => {
    // Who and how, never the handshake's auth (it holds the access token).
    const socketLog = { socketId: socket.id, userId: socket.data.userId };
    ctx.logger.debug({ ...socketLog, transport: socket.conn.transport.name }, "socket connected");
    socket.on("disconnect", (reason) => ctx.logger.debug({ ...socketLog, reason }, "socket disconnected"));
    const client = clients.add(socket);
    installSessionHandlers(handlerDeps, socket, client);
    installRoomHandlers(handlerDeps, socket, client);
    installProposalHandlers(handlerDeps, socket, client);
    installDiscussionHandlers(handlerDeps, socket);
    if (options.voting) installMotionHandlers(handlerDeps, socket, client, options.voting);
    if (options.polling) installPollHandlers(handlerDeps, socket, client, options.polling);
  });

  return {
    io,
    hub,
    activeUsers: deps.activeUsers,
    resources: () => ({
      ...hub.resources(),
      proposalRooms: deps.proposalRooms.size,
      socketIoRooms: io.of("/").adapter.rooms.size,
      clientConnections: clients.size,
      sessionTimers: clients.sessionTimers,
      pendingHandshakes: connectionCap.pendingHandshakes,
      presenceRooms: presence.rooms,
      attendanceStays: attendance.openStays,
    }),
    close: async () => {
      // No presence broadcasts from here on: they would ask Redis after its clients quit.
      presence.stop();
      stopMotionBroadcasts();
      stopBallotRelay();
      stopPollBallotRelay();
      stopDelegationRelay();
      roomStateSync?.stop();
      // Ends every socket's transport ("transport close" on the client, which reconnects, perhaps to
      // another process), closes the adapter, then the HTTP server.
      await io.close();
      await hub.shutdown();
      await presence.idle();
      // The leaves of the sockets just ended are stored before the database goes.
      await attendance.idle();
      deps.activeUsers.close();
      await Promise.allSettled(redisClients.map((client) => client.quit()));
    },
  };
}

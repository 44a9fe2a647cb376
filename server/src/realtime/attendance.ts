// Live attendance: an interval (user, room, sector, joinedAt, leftAt) for every stay of a socket in a
// room's channel, recorded from the adapter's "join-room"/"leave-room" events, so it follows every way of
// leaving (room:leave, disconnect, a dropped heartbeat, the server closing) without touching the room
// handlers. The participation insight sums these intervals per sector.
//
// Stored append-only: an open record at the join, and at the leave a closed one that supersedes it
// (`closes`; commands/participation.ts counts the latest of each stay). Records that arrive together are
// stored together (group commit, db/groupCommit.ts): a reconnect storm of a thousand sockets is a few
// batched inserts, not two thousand round trips queued on the one database connection in front of every
// handshake and join. Nothing waits on them: attendance is never acknowledged to a client.
import { Types } from "mongoose";
import type { Sector } from "@mufakat/shared";
import { GroupCommitWriter } from "../db/groupCommit.ts";
import { type RealtimeDeps, roomChannel } from "./types.ts";

const channelPrefix = roomChannel("");

export interface AttendanceRecorder {
  /** Stays open now (each closed when its socket leaves the channel). */
  readonly openStays: number;
  /** Resolves once every join and leave recorded so far is stored (or failed). */
  idle(): Promise<void>;
}

interface StayRecord {
  _id: Types.ObjectId;
  roomId: string;
  userId: string;
  sector: Sector;
  socketId: string;
  joinedAt: Date;
  leftAt: Date | null;
  /** The open record a closed one supersedes (null on the open record). */
  closes: Types.ObjectId | null;
}

export function installAttendanceRecorder(deps: Pick<RealtimeDeps, "ctx" | "io">): AttendanceRecorder {
  const { ctx, io } = deps;
  const namespace = io.of("/");
  const records = new GroupCommitWriter<StayRecord>({
    name: "attendance",
    store: async (stays) => {
      await ctx.models.AttendanceInterval.insertMany(stays, { ordered: true });
    },
    logger: ctx.logger,
  });
  /** The open record of each (socket, room) stay once stored (null: it failed); a leave may come first. */
  const open = new Map<string, Promise<StayRecord | null>>();
  /** Leaves waiting for their stay's insert before they can be written (so idle() waits for them too). */
  const closing = new Set<Promise<unknown>>();

  namespace.adapter.on("join-room", (channel: string, socketId: string) => {
    if (!channel.startsWith(channelPrefix)) return;
    const roomId = channel.slice(channelPrefix.length);
    const data = namespace.sockets.get(socketId)?.data;
    // room:join stores the member's standing in socket.data before joining the channel.
    const standing = data?.rooms?.[roomId];
    if (!data?.userId || !standing) return;
    const key = `${socketId} ${roomId}`;
    const stay: StayRecord = {
      _id: new Types.ObjectId(),
      roomId,
      userId: data.userId,
      sector: standing.sector as Sector,
      socketId,
      joinedAt: ctx.now(),
      leftAt: null,
      closes: null,
    };
    open.set(
      key,
      records.write(stay).then(
        () => stay,
        (error: unknown) => {
          ctx.logger.warn({ err: error, roomId }, "attendance: could not record a join");
          return null;
        },
      ),
    );
  });

  namespace.adapter.on("leave-room", (channel: string, socketId: string) => {
    if (!channel.startsWith(channelPrefix)) return;
    const key = `${socketId} ${channel.slice(channelPrefix.length)}`;
    const stored = open.get(key);
    if (!stored) return;
    open.delete(key);
    const leftAt = ctx.now();
    const leave = stored
      .then((stay) => (stay ? records.write({ ...stay, _id: new Types.ObjectId(), leftAt, closes: stay._id }) : null))
      .catch((error: unknown) => ctx.logger.warn({ err: error }, "attendance: could not record a leave"))
      .finally(() => closing.delete(leave));
    closing.add(leave);
  });
  return {
    get openStays() {
      return open.size;
    },
    idle: async () => {
      await Promise.allSettled([...open.values(), ...closing]);
      await records.idle();
    },
  };
}

// Live attendance: an interval (user, room, sector, joinedAt, leftAt) for every stay of a socket in a
// room's channel, recorded from the adapter's "join-room"/"leave-room" events, so it follows every way of
// leaving (room:leave, disconnect, a dropped heartbeat, the server closing) without touching the room
// handlers. The participation insight sums these intervals per sector.
import type { Types } from "mongoose";
import type { Sector } from "@mufakat/shared";
import { type RealtimeDeps, roomChannel } from "./types.ts";

const channelPrefix = roomChannel("");

/** Returns the number of stays open now (each closed when its socket leaves the channel). */
export function installAttendanceRecorder(deps: Pick<RealtimeDeps, "ctx" | "io">): { readonly openStays: number } {
  const { ctx, io } = deps;
  const namespace = io.of("/");
  /** The stored interval of each (socket, room) stay, as a promise: a leave may come before the insert ends. */
  const open = new Map<string, Promise<Types.ObjectId | null>>();

  namespace.adapter.on("join-room", (channel: string, socketId: string) => {
    if (!channel.startsWith(channelPrefix)) return;
    const roomId = channel.slice(channelPrefix.length);
    const data = namespace.sockets.get(socketId)?.data;
    // room:join stores the member's standing in socket.data before joining the channel.
    const standing = data?.rooms?.[roomId];
    if (!data?.userId || !standing) return;
    const key = `${socketId} ${roomId}`;
    open.set(
      key,
      ctx.models.AttendanceInterval.create({
        roomId,
        userId: data.userId,
        sector: standing.sector as Sector,
        socketId,
        joinedAt: ctx.now(),
        leftAt: null,
      }).then(
        (interval) => interval._id,
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
    void stored
      .then((intervalId) =>
        // By _id alone: FerretDB looks up nothing else without reading the whole collection, and this
        // stay's interval is closed here only (its key left `open` above).
        intervalId ? ctx.models.AttendanceInterval.updateOne({ _id: intervalId }, { $set: { leftAt } }) : null,
      )
      .catch((error: unknown) => ctx.logger.warn({ err: error }, "attendance: could not record a leave"));
  });
  return {
    get openStays() {
      return open.size;
    },
  };
}

// Bans a user (an administrator's act; no route serves it yet): from then on their access and refresh
// tokens are refused (authenticateUser, refreshSession), and userBanned ends their open sockets at once
// (realtime/roomStateSync.ts), on every process. A ban written straight into the database publishes nothing:
// such a user's open sockets last until their access token expires (limits.accessTokenSeconds).
import type { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";

export async function banUser(ctx: AppContext, props: { userId: Types.ObjectId }): Promise<void> {
  const banned = await ctx.models.User.updateOne({ _id: props.userId }, { $set: { bannedAt: ctx.now() } });
  if (banned.matchedCount === 0) throw appError("USER_NOT_FOUND", "no such user");
  ctx.events.publish("userBanned", { userId: props.userId.toHexString() });
}

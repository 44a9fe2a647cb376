// Turns an access token into the current user; used by HTTP middleware and the socket handshake alike.
import { verifyAccessToken } from "../auth/tokens.ts";
import type { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { UserDoc } from "../models/index.ts";

/**
 * `loadUser` says where the user is read from once the token is checked: the database (HTTP, by default),
 * or the socket layer's live users in memory (commands/activeUsers.ts), which keep the same refusals.
 */
export async function authenticateUser(
  ctx: AppContext,
  props: { accessToken: string | undefined },
  loadUser: (userId: string) => Promise<UserDoc> = (userId) => loadActiveUser(ctx, userId),
): Promise<UserDoc> {
  if (!props.accessToken) throw appError("UNAUTHENTICATED", "log in first: no access token was sent");
  const { userId } = verifyAccessToken(props.accessToken, ctx.jwtSecret, ctx.now());
  return loadUser(userId);
}

/**
 * The user as stored now, unless deleted or banned since their token was issued: then TOKEN_INVALID, the
 * same refusal as a bad token. Live sockets ask this again before acting for a user they authenticated earlier.
 */
export async function loadActiveUser(ctx: AppContext, userId: string | Types.ObjectId): Promise<UserDoc> {
  const user = await ctx.models.User.findById(userId).lean();
  if (!user || user.bannedAt) throw appError("TOKEN_INVALID", "access token is invalid");
  return user;
}

// Turns an access token into the current user; used by HTTP middleware and the socket handshake alike.
import { verifyAccessToken } from "../auth/tokens.ts";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { UserDoc } from "../models/index.ts";

export async function authenticateUser(ctx: AppContext, props: { accessToken: string | undefined }): Promise<UserDoc> {
  if (!props.accessToken) throw appError("UNAUTHENTICATED", "log in first: no access token was sent");
  const { userId } = verifyAccessToken(props.accessToken, ctx.jwtSecret, ctx.now());
  const user = await ctx.models.User.findById(userId).lean();
  // A deleted or banned user's still-valid token is refused the same way as a bad one.
  if (!user || user.bannedAt) throw appError("TOKEN_INVALID", "access token is invalid");
  return user;
}

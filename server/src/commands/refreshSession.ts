// Rotates a refresh token. Each token works once; presenting one that was already rotated (after a short
// grace for tabs refreshing at the same moment) means it was copied, so the whole family (every token
// descended from that login) is revoked.
import { limits } from "@mufakat/shared";
import { hashOpaqueToken } from "../auth/tokens.ts";
import { trusted } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import { type IssuedSession, issueSession } from "./issueSession.ts";

export async function refreshSession(
  ctx: AppContext,
  props: { refreshToken: string | undefined },
): Promise<IssuedSession> {
  if (!props.refreshToken) throw appError("REFRESH_TOKEN_INVALID", "no refresh token; log in again");
  const now = ctx.now();
  const tokenHash = hashOpaqueToken(props.refreshToken);
  const claimed = await ctx.models.RefreshToken.findOneAndUpdate(
    { tokenHash, rotatedAt: null, revokedAt: null, expiresAt: trusted({ $gt: now }) },
    { $set: { rotatedAt: now } },
    { returnDocument: "after" },
  ).lean();
  if (!claimed) {
    const known = await ctx.models.RefreshToken.findOne({ tokenHash }).lean();
    const withinGrace =
      known?.rotatedAt && !known.revokedAt && now.getTime() - known.rotatedAt.getTime() <= limits.refreshReuseGraceMs;
    if (known && withinGrace && known.expiresAt > now) {
      const user = await ctx.models.User.findById(known.userId).lean();
      if (user && !user.bannedAt) return issueSession(ctx, { user, familyId: known.familyId });
    }
    if (known?.rotatedAt && !known.revokedAt) {
      await ctx.models.RefreshToken.updateMany(
        { familyId: known.familyId, revokedAt: null },
        { $set: { revokedAt: now } },
      );
      ctx.logger.warn({ userId: known.userId.toHexString() }, "refresh token reuse: token family revoked");
      throw appError(
        "REFRESH_TOKEN_REUSED",
        "this session was ended because its refresh token was used twice; log in again",
      );
    }
    throw appError("REFRESH_TOKEN_INVALID", "refresh token is invalid or expired; log in again");
  }
  const user = await ctx.models.User.findById(claimed.userId).lean();
  if (!user || user.bannedAt) {
    await ctx.models.RefreshToken.updateMany({ familyId: claimed.familyId }, { $set: { revokedAt: now } });
    throw appError("REFRESH_TOKEN_INVALID", "refresh token is invalid or expired; log in again");
  }
  return issueSession(ctx, { user, familyId: claimed.familyId });
}

// Starts or continues a token family: a fresh access token plus a refresh token stored only as a hash.
import { randomUUID } from "node:crypto";
import { limits } from "@mufakat/shared";
import { hashOpaqueToken, newOpaqueToken, signAccessToken } from "../auth/tokens.ts";
import type { AppContext } from "../context.ts";
import type { UserDoc } from "../models/index.ts";

export interface IssuedSession {
  user: UserDoc;
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
}

export async function issueSession(
  ctx: AppContext,
  props: { user: UserDoc; familyId?: string },
): Promise<IssuedSession> {
  const now = ctx.now();
  const refreshToken = newOpaqueToken();
  const refreshExpiresAt = new Date(now.getTime() + limits.refreshTokenDays * 86_400_000);
  await ctx.models.RefreshToken.create({
    tokenHash: hashOpaqueToken(refreshToken),
    familyId: props.familyId ?? randomUUID(),
    userId: props.user._id,
    expiresAt: refreshExpiresAt,
    createdAt: now,
  });
  return {
    user: props.user,
    accessToken: signAccessToken(props.user._id.toHexString(), ctx.jwtSecret, now),
    expiresIn: limits.accessTokenSeconds,
    refreshToken,
    refreshExpiresAt,
  };
}

import { hashOpaqueToken } from "../auth/tokens.ts";
import type { AppContext } from "../context.ts";

/** Revokes the family of the presented refresh token; logging out twice is not an error. */
export async function logoutSession(ctx: AppContext, props: { refreshToken: string | undefined }): Promise<void> {
  if (!props.refreshToken) return;
  const known = await ctx.models.RefreshToken.findOne({ tokenHash: hashOpaqueToken(props.refreshToken) }).lean();
  if (!known) return;
  await ctx.models.RefreshToken.updateMany(
    { familyId: known.familyId, revokedAt: null },
    { $set: { revokedAt: ctx.now() } },
  );
}

import type { UpdateProfileInput } from "@mufakat/shared";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { UserDoc } from "../models/index.ts";

/** Changes the profile only; memberships keep the sector and organisation they were joined with. */
export async function updateProfile(
  ctx: AppContext,
  props: { user: UserDoc; changes: UpdateProfileInput },
): Promise<UserDoc> {
  const updated = await ctx.models.User.findByIdAndUpdate(
    props.user._id,
    { $set: props.changes },
    { returnDocument: "after" },
  ).lean();
  if (!updated) throw appError("USER_NOT_FOUND", "this account no longer exists");
  ctx.events.publish("userChanged", { userId: updated._id.toHexString() });
  return updated;
}

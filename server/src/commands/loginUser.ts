import type { LoginInput } from "@mufakat/shared";
import { decoyPasswordHash, verifyPassword } from "../auth/passwords.ts";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import { type IssuedSession, issueSession } from "./issueSession.ts";

export async function loginUser(ctx: AppContext, props: LoginInput): Promise<IssuedSession> {
  const user = await ctx.models.User.findOne({ email: props.email }).lean();
  // Verify against a decoy when the email is unknown, so timing does not reveal which emails exist.
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), props.password);
  if (!user || !valid || user.bannedAt) throw appError("INVALID_CREDENTIALS", "email or password is wrong");
  return issueSession(ctx, { user });
}

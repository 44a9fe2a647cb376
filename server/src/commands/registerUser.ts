import type { RegisterInput } from "@mufakat/shared";
import { hashPassword } from "../auth/passwords.ts";
import type { AppContext } from "../context.ts";
import { appError, isDuplicateKey } from "../errors.ts";
import { type IssuedSession, issueSession } from "./issueSession.ts";

export async function registerUser(ctx: AppContext, props: RegisterInput): Promise<IssuedSession> {
  const passwordHash = await hashPassword(props.password);
  try {
    const user = await ctx.models.User.create({
      email: props.email,
      displayName: props.displayName,
      passwordHash,
      sector: props.sector,
      organisation: props.organisation,
    });
    return await issueSession(ctx, { user: user.toObject() });
  } catch (error) {
    // The unique index, not a prior lookup, decides: two simultaneous sign-ups cannot both win.
    if (isDuplicateKey(error)) {
      throw appError("EMAIL_TAKEN", "email: an account with this email already exists", [
        { path: "email", message: "an account with this email already exists" },
      ]);
    }
    throw error;
  }
}

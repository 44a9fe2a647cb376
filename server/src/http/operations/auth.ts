// Accounts and sessions: register, login, refresh, logout, profile.
import { contract } from "@mufakat/shared";
import { loginUser } from "../../commands/loginUser.ts";
import { logoutSession } from "../../commands/logoutSession.ts";
import { refreshSession } from "../../commands/refreshSession.ts";
import { registerUser } from "../../commands/registerUser.ts";
import { updateProfile } from "../../commands/updateProfile.ts";
import type { AppContext } from "../../context.ts";
import { presentUser } from "../../presenters/users.ts";
import { type Operation, defineOperation } from "../operation.ts";
import { type CookieSecurity, clearSession, readRefreshCookie, sendSession } from "../session.ts";

export function authOperations(ctx: AppContext, cookieSecurity: CookieSecurity): Operation[] {
  return [
    defineOperation(contract.register)({
      async handle({ body, req, res }) {
        const session = await registerUser(ctx, body);
        return { status: 201, body: sendSession(req, res, session, cookieSecurity) };
      },
    }),
    defineOperation(contract.login)({
      async handle({ body, req, res }) {
        const session = await loginUser(ctx, body);
        return { status: 200, body: sendSession(req, res, session, cookieSecurity) };
      },
    }),
    defineOperation(contract.refreshSession)({
      async handle({ req, res }) {
        try {
          const session = await refreshSession(ctx, { refreshToken: readRefreshCookie(req) });
          return { status: 200, body: sendSession(req, res, session, cookieSecurity) };
        } catch (error) {
          clearSession(req, res, cookieSecurity);
          throw error;
        }
      },
    }),
    defineOperation(contract.logout)({
      async handle({ req, res }) {
        await logoutSession(ctx, { refreshToken: readRefreshCookie(req) });
        clearSession(req, res, cookieSecurity);
        return { status: 204 };
      },
    }),
    defineOperation(contract.getMe)({
      async handle({ user }) {
        return { status: 200, body: presentUser(user) };
      },
    }),
    defineOperation(contract.updateMe)({
      async handle({ user, body }) {
        return { status: 200, body: presentUser(await updateProfile(ctx, { user, changes: body })) };
      },
    }),
  ];
}

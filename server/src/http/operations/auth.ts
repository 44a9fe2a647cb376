// Accounts and sessions: register, login, refresh, logout, profile.
import {
  loginInputSchema,
  registerInputSchema,
  sessionSchema,
  updateProfileInputSchema,
  userSchema,
} from "@mufakat/shared";
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
    defineOperation({
      operationId: "register",
      method: "post",
      path: "/auth/register",
      summary: "Create an account and start a session",
      tag: "auth",
      auth: false,
      authRateLimited: true,
      body: registerInputSchema,
      responses: { 201: { description: "Account created; refresh cookie set", schema: sessionSchema } },
      errors: ["VALIDATION_FAILED", "EMAIL_TAKEN", "RATE_LIMITED"],
      async handle({ body, req, res }) {
        const session = await registerUser(ctx, body);
        return { status: 201, body: sendSession(req, res, session, cookieSecurity) };
      },
    }),
    defineOperation({
      operationId: "login",
      method: "post",
      path: "/auth/login",
      summary: "Log in with email and password",
      tag: "auth",
      auth: false,
      authRateLimited: true,
      body: loginInputSchema,
      responses: { 200: { description: "Logged in; refresh cookie set", schema: sessionSchema } },
      errors: ["VALIDATION_FAILED", "INVALID_CREDENTIALS", "RATE_LIMITED"],
      async handle({ body, req, res }) {
        const session = await loginUser(ctx, body);
        return { status: 200, body: sendSession(req, res, session, cookieSecurity) };
      },
    }),
    defineOperation({
      operationId: "refreshSession",
      method: "post",
      path: "/auth/refresh",
      summary: "Exchange the refresh cookie for a new access token (the cookie rotates)",
      tag: "auth",
      auth: false,
      // Not under the login limit: every page load and tab refreshes, and a guess needs a 256-bit token.
      responses: { 200: { description: "New access token; new refresh cookie set", schema: sessionSchema } },
      errors: ["REFRESH_TOKEN_INVALID", "REFRESH_TOKEN_REUSED"],
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
    defineOperation({
      operationId: "logout",
      method: "post",
      path: "/auth/logout",
      summary: "End this session (its refresh-token family is revoked)",
      tag: "auth",
      auth: false,
      responses: { 204: { description: "Logged out" } },
      async handle({ req, res }) {
        await logoutSession(ctx, { refreshToken: readRefreshCookie(req) });
        clearSession(req, res, cookieSecurity);
        return { status: 204 };
      },
    }),
    defineOperation({
      operationId: "getMe",
      method: "get",
      path: "/me",
      summary: "My profile",
      tag: "auth",
      auth: true,
      responses: { 200: { description: "The current user", schema: userSchema } },
      async handle({ user }) {
        return { status: 200, body: presentUser(user) };
      },
    }),
    defineOperation({
      operationId: "updateMe",
      method: "patch",
      path: "/me",
      summary: "Update my profile (memberships keep the sector they were joined with)",
      tag: "auth",
      auth: true,
      body: updateProfileInputSchema,
      responses: { 200: { description: "The updated user", schema: userSchema } },
      errors: ["VALIDATION_FAILED"],
      async handle({ user, body }) {
        return { status: 200, body: presentUser(await updateProfile(ctx, { user, changes: body })) };
      },
    }),
  ];
}

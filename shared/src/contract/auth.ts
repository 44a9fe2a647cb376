// Accounts and sessions: register, login, refresh, logout, profile.
import {
  loginInputSchema,
  registerInputSchema,
  sessionSchema,
  updateProfileInputSchema,
  userSchema,
} from "../schemas/user.ts";
import { defineOperation } from "./define.ts";

export const register = defineOperation({
  operationId: "register",
  method: "post",
  path: "/auth/register",
  summary: "Create an account and start a session",
  tag: "auth",
  auth: false,
  authRateLimited: true,
  body: registerInputSchema,
  responses: { 201: { description: "Account created; refresh cookie set", schema: sessionSchema } },
  errors: ["EMAIL_TAKEN"],
});

export const login = defineOperation({
  operationId: "login",
  method: "post",
  path: "/auth/login",
  summary: "Log in with email and password",
  tag: "auth",
  auth: false,
  authRateLimited: true,
  body: loginInputSchema,
  responses: { 200: { description: "Logged in; refresh cookie set", schema: sessionSchema } },
  errors: ["INVALID_CREDENTIALS"],
});

export const refreshSession = defineOperation({
  operationId: "refreshSession",
  method: "post",
  path: "/auth/refresh",
  summary: "Exchange the refresh cookie for a new access token (the cookie rotates)",
  tag: "auth",
  auth: false,
  // Not under the login limit: every page load and tab refreshes, and a guess needs a 256-bit token.
  responses: { 200: { description: "New access token; new refresh cookie set", schema: sessionSchema } },
  errors: ["REFRESH_TOKEN_INVALID", "REFRESH_TOKEN_REUSED"],
});

export const logout = defineOperation({
  operationId: "logout",
  method: "post",
  path: "/auth/logout",
  summary: "End this session (its refresh-token family is revoked)",
  tag: "auth",
  auth: false,
  responses: { 204: { description: "Logged out" } },
});

export const getMe = defineOperation({
  operationId: "getMe",
  method: "get",
  path: "/me",
  summary: "My profile",
  tag: "auth",
  auth: true,
  responses: { 200: { description: "The current user", schema: userSchema } },
});

export const updateMe = defineOperation({
  operationId: "updateMe",
  method: "patch",
  path: "/me",
  summary: "Update my profile (memberships keep the sector they were joined with)",
  tag: "auth",
  auth: true,
  body: updateProfileInputSchema,
  responses: { 200: { description: "The updated user", schema: userSchema } },
  errors: ["USER_NOT_FOUND"],
});

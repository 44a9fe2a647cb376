// Sets and clears the refresh-token cookie and shapes the session body.
import type { Request, Response } from "express";
import type { Session } from "@mufakat/shared";
import type { IssuedSession } from "../commands/issueSession.ts";
import { presentUser } from "../presenters/users.ts";

export const refreshCookieName = "mufakat_refresh";
const refreshCookiePath = "/api/auth";
/**
 * Readable by the page and holding no secret: it says a refresh cookie was set and lives as long, so the
 * client asks /api/auth/refresh only when there is a session to restore (an anonymous visit would
 * otherwise start with a 401 in the console). The refresh cookie stays the only credential.
 */
export const sessionHintCookieName = "mufakat_session";

export type CookieSecurity = "true" | "false" | "auto";

function secureFor(req: Request, security: CookieSecurity): boolean {
  return security === "auto" ? req.secure : security === "true";
}

export function readRefreshCookie(req: Request): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[refreshCookieName];
  return typeof value === "string" && value.length > 0 && value.length < 200 ? value : undefined;
}

export function sendSession(req: Request, res: Response, session: IssuedSession, security: CookieSecurity): Session {
  res.cookie(refreshCookieName, session.refreshToken, {
    httpOnly: true,
    sameSite: "strict",
    secure: secureFor(req, security),
    path: refreshCookiePath,
    expires: session.refreshExpiresAt,
  });
  res.cookie(sessionHintCookieName, "1", {
    sameSite: "strict",
    secure: secureFor(req, security),
    path: "/",
    expires: session.refreshExpiresAt,
  });
  return { user: presentUser(session.user), accessToken: session.accessToken, expiresIn: session.expiresIn };
}

export function clearSession(req: Request, res: Response, security: CookieSecurity): void {
  res.clearCookie(refreshCookieName, {
    httpOnly: true,
    sameSite: "strict",
    secure: secureFor(req, security),
    path: refreshCookiePath,
  });
  res.clearCookie(sessionHintCookieName, { sameSite: "strict", secure: secureFor(req, security), path: "/" });
}

// Access tokens (short-lived HS256 JWTs) and opaque refresh tokens.
import { type KeyObject, createHash, createHmac, createSecretKey, randomBytes, timingSafeEqual } from "node:crypto";
import jwt from "jsonwebtoken";
import { limits } from "@mufakat/shared";
import { appError } from "../errors.ts";

export const tokenIssuer = "mufakat";
export const tokenAudience = "mufakat-api";

export interface AccessClaims {
  userId: string;
}

/**
 * The secret as a key object, made once per secret. Given the string, jsonwebtoken first tries to read it as
 * a PEM public or private key (and fails) on every call: 3 ms of CPU per verify, measured in a reconnect
 * storm of 1,000 sockets, where it was the largest single cost of the handshake.
 */
const secretKeys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, "utf8"));
    secretKeys.set(secret, key);
  }
  return key;
}

export function signAccessToken(userId: string, secret: string, now: Date): string {
  return jwt.sign({ iat: Math.floor(now.getTime() / 1000) }, secretKey(secret), {
    algorithm: "HS256",
    subject: userId,
    issuer: tokenIssuer,
    audience: tokenAudience,
    expiresIn: limits.accessTokenSeconds,
  });
}

/** Verifies with the algorithm pinned to HS256 and issuer/audience checked; throws a 401 AppError. */
export function verifyAccessToken(token: string, secret: string, now: Date): AccessClaims {
  try {
    const payload = jwt.verify(token, secretKey(secret), {
      algorithms: ["HS256"],
      issuer: tokenIssuer,
      audience: tokenAudience,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    });
    if (typeof payload === "string" || typeof payload.sub !== "string" || !/^[0-9a-f]{24}$/.test(payload.sub)) {
      throw appError("TOKEN_INVALID", "access token is invalid");
    }
    return { userId: payload.sub };
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw appError("TOKEN_EXPIRED", "access token has expired");
    if (error instanceof jwt.JsonWebTokenError || error instanceof jwt.NotBeforeError) {
      throw appError("TOKEN_INVALID", "access token is invalid");
    }
    throw error;
  }
}

/** The expiry (ms since epoch) of an access token already verified. */
export function accessTokenExpiry(token: string): number {
  const decoded = jwt.decode(token) as { exp?: number } | null;
  return (decoded?.exp ?? 0) * 1000;
}

export function newOpaqueToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashOpaqueToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** An HMAC signature binding an id to this server's secret (used for invite links). */
export function signId(id: string, secret: string, purpose: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${id}`).digest("base64url");
}

export function verifySignedId(id: string, signature: string, secret: string, purpose: string): boolean {
  const expected = Buffer.from(signId(id, secret, purpose));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

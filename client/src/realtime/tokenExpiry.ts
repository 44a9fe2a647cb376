// When an access token expires, read from its JWT payload; the socket re-authenticates before then.

/** Expiry of a JWT in ms since epoch, or null when the token carries none the client can read. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json = atob(
      payload
        .replace(/-/g, "+")
        .replace(/_/g, "/")
        .padEnd(Math.ceil(payload.length / 4) * 4, "="),
    );
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** How long before expiry the socket asks for a fresh token: a minute, or half the lifetime if shorter. */
export function reauthenticateDelay(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  return Math.max(1_000, remaining - Math.min(60_000, remaining / 2));
}

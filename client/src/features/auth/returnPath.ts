// Where to go after logging in: the `next` query parameter, accepted only as a path on this site.
export function safeReturnPath(next: string | null, fallback = "/rooms"): string {
  // "//host" and "/\host" would leave the site; only plain absolute paths are followed.
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  return next;
}

export function loginPathFor(returnTo: string): string {
  return `/login?next=${encodeURIComponent(returnTo)}`;
}

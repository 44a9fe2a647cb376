// What the link dialog accepts as a link's address: web pages (http, https) and e-mail (mailto) only, so
// a "javascript:" or "data:" address never becomes a link someone clicks. An address typed without a
// scheme ("example.org/jadwal") is taken as https.

export type LinkUrlCheck = { ok: true; href: string } | { ok: false; reason: "empty" | "protocol" | "invalid" };

const allowedProtocols = new Set(["http:", "https:", "mailto:"]);
/** A scheme as RFC 3986 spells it; one with a dot in it is a host with a port ("example.org:8080"). */
const schemeAt = /^([a-z][a-z0-9+.-]*):/i;
// Spaces and control characters (a tab hides "java\tscript:" from a naive check) make no address.
const blankOrControl = /[\s\p{Cc}]/u;

export function checkLinkUrl(input: string): LinkUrlCheck {
  const typed = input.trim();
  if (typed === "") return { ok: false, reason: "empty" };
  if (blankOrControl.test(typed)) return { ok: false, reason: "invalid" };
  const scheme = schemeAt.exec(typed)?.[1];
  const withScheme = scheme && !scheme.includes(".") ? typed : `https://${typed.replace(/^\/\//, "")}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (!allowedProtocols.has(url.protocol)) return { ok: false, reason: "protocol" };
  if (url.protocol === "mailto:") {
    return /^[^@]+@[^@]+$/.test(decodeURIComponent(url.pathname))
      ? { ok: true, href: url.href }
      : { ok: false, reason: "invalid" };
  }
  // "https://" alone, or a host with no dot that is not localhost, is a typo rather than a page.
  if (url.hostname === "" || (!url.hostname.includes(".") && url.hostname !== "localhost")) {
    return { ok: false, reason: "invalid" };
  }
  return { ok: true, href: url.href };
}

/** For TipTap's Link extension (pasted and autolinked addresses): the same rule, without the https guess. */
export function isAllowedLinkHref(href: string): boolean {
  const scheme = schemeAt.exec(href.trim())?.[1];
  return scheme !== undefined && !scheme.includes(".") && checkLinkUrl(href).ok;
}

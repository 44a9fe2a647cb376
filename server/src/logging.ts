// Logging without credentials, in one place: the options main.ts builds its logger with, and what createApp
// lays over any logger it is given (the same serializers and redaction), so no access token, refresh
// cookie, invite token or password reaches a log, at any level.
//
// Three layers, each catching what the one before cannot know about:
// 1. serializers for `req`, `res` and `err` (pino-http's request and response lines, every logged error):
//    credential headers replaced, invite tokens cut out of URLs, an error's request body dropped;
// 2. redaction paths for credential-named fields in any logged object (`{ password }`, `{ auth: … }`);
// 3. on the logger main.ts builds, a last pass over each written line for anything shaped like an access
//    token or an invite token (a message string that quoted one, say).
import type { IncomingMessage, ServerResponse } from "node:http";
import pino, { type DestinationStream, type Logger, type LoggerOptions, stdSerializers } from "pino";

/** What stands in a log where a credential was. */
export const redactedText = "[Redacted]";

/** Headers that carry credentials: the access token, the refresh cookie (sent and set). */
const credentialHeaders = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);

/** Field and query-parameter names whose values are credentials wherever they appear. */
const credentialName = /password$|passphrase$|^pass$|token$|secret$|^auth(orization)?$|cookie$/i;

/** An HS256 JWT (header `{"alg"…` encodes to `eyJ`) and an invite token (`<invite id>.<HMAC>`). */
const credentialShapes = [
  /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g,
  /\b[0-9a-f]{24}\.[A-Za-z0-9_-]{20,}/g,
  /\bBearer\s+[^\s",]+/gi,
];

/** Paths whose last segment is an invite token: the API's preview, the client's invite page (also in a Referer). */
const invitePath = /^((?:[a-z][a-z0-9+.-]*:\/\/[^/?#]*)?(?:\/api\/invites\/|\/invite\/))(?!accept(?:[/?#]|$))[^/?#]+/i;

/** Replaces anything shaped like a credential in free text. */
export function redactText(text: string): string {
  let result = text;
  for (const shape of credentialShapes) result = result.replace(shape, redactedText);
  return result;
}

/** A URL as logged: an invite token in the path and credential-named query parameters replaced. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf("?");
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? "" : url.slice(queryStart);
  const redactedQuery = query.replace(/([?&])([^=&#]*)=([^&#]*)/g, (pair, separator: string, name: string) =>
    credentialName.test(safeDecode(name)) ? `${separator}${name}=${redactedText}` : pair,
  );
  return redactText(path.replace(invitePath, `$1${redactedText}`) + redactedQuery);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

type Headers = Record<string, unknown>;

function redactHeaders(headers: Headers | undefined): Headers {
  const result: Headers = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (credentialHeaders.has(lower) || credentialName.test(lower)) result[name] = redactedText;
    else if (lower === "referer" || lower === "location")
      result[name] = typeof value === "string" ? redactUrl(value) : value;
    else result[name] = redactValue(value);
  }
  return result;
}

/**
 * A copy of a logged value with credential-named fields replaced and credential-shaped text cut out.
 * Plain data only (what the serializers produce); deeper than a few levels is left out.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= 6) return "[Deep]";
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    result[key] = credentialName.test(key) ? redactedText : redactValue(field, depth + 1);
  }
  return result;
}

/** The request line pino-http writes: who asked what, with no credential. No query/params (the URL has them). */
function serializeRequest(req: IncomingMessage) {
  const std = stdSerializers.req(req);
  return {
    id: std.id,
    method: std.method,
    url: redactUrl(std.url ?? ""),
    headers: redactHeaders(std.headers as Headers),
    remoteAddress: std.remoteAddress,
    remotePort: std.remotePort,
  };
}

function serializeResponse(res: ServerResponse) {
  const std = stdSerializers.res(res);
  return { statusCode: std.statusCode, headers: redactHeaders(std.headers as Headers) };
}

/**
 * An error as logged. Parsers hang the request body on their errors (body-parser's `body`); a body may
 * hold a password or a token, and it is the user's content besides, so it is left out.
 */
function serializeError(error: unknown) {
  const std = stdSerializers.err(error as Error) as unknown;
  if (std === null || typeof std !== "object") return redactValue(std);
  const { body: _body, rawBody: _rawBody, ...rest } = { ...(std as Record<string, unknown>) };
  return redactValue(rest);
}

/** Serializers for every logger of the app and for pino-http (given with `wrapSerializers: false`). */
export const logSerializers = { req: serializeRequest, res: serializeResponse, err: serializeError };

/** Credential-named fields at the top of a log object or one level down, and the handshake's parts. */
export const logRedaction = {
  censor: redactedText,
  paths: [
    ...["password", "currentPassword", "newPassword", "token", "accessToken", "refreshToken", "auth", "cookie"].flatMap(
      (name) => [name, `*.${name}`],
    ),
    "*.headers.authorization",
    "*.headers.cookie",
    '*.headers["set-cookie"]',
    "*.handshake.auth",
    "*.handshake.headers.authorization",
    "*.handshake.headers.cookie",
  ],
};

/** The options of the logger main.ts builds. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    serializers: logSerializers,
    redact: logRedaction,
    hooks: { streamWrite: redactText },
  };
}

/** The app's logger: JSON lines on stdout (or `destination`), with every layer of redaction. */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  const settings = loggerOptions(options.level);
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/**
 * The logger createApp uses: whatever logger it was given, with the app's serializers and redaction laid
 * over it, so a logger made elsewhere (a test's, an embedder's) writes no credential either.
 */
export function redactingLogger(logger: Logger): Logger {
  return logger.child({}, { serializers: logSerializers, redact: logRedaction });
}

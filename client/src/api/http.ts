// The typed fetch client for /api: bearer token from memory, one refresh-and-retry on TOKEN_EXPIRED,
// and every response checked against the shared schema before the UI sees it.
import type { Session } from "@mufakat/shared";
import { contract } from "@mufakat/shared";
import { ApiError, apiErrorFromBody } from "./ApiError.ts";
import { beginSession, endSession, getAccessToken, hasSessionHint } from "./session.ts";

/** Anything with zod's `parse`: the shared schemas, without the client depending on zod itself. */
export interface ResponseSchema<T> {
  parse(value: unknown): T;
}

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

interface RequestOptions<T> {
  /** Schema of a successful body; omit for responses without one (204). */
  schema?: ResponseSchema<T>;
  body?: unknown;
  /** Sends the access token and refreshes it once when it has expired. Default true. */
  auth?: boolean;
}

const apiBase = "/api";

async function send(method: HttpMethod, path: string, body: unknown, auth: boolean): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const token = auth ? getAccessToken() : null;
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(`${apiBase}${path}`, {
      method,
      headers,
      credentials: "same-origin",
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new ApiError(0, "NETWORK_ERROR", error instanceof Error ? error.message : "network error");
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(response.status, "UNEXPECTED_RESPONSE", `HTTP ${response.status} answered with non-JSON`);
  }
}

async function parseResponse<T>(response: Response, schema: ResponseSchema<T> | undefined): Promise<T> {
  const body = await readJson(response);
  if (!response.ok) throw apiErrorFromBody(response.status, body);
  if (!schema) return undefined as T;
  try {
    return schema.parse(body);
  } catch (error) {
    throw new ApiError(response.status, "UNEXPECTED_RESPONSE", `response does not match the contract: ${error}`);
  }
}

let refreshing: Promise<Session> | null = null;

/**
 * Runs `task` while holding a lock shared by every tab of this origin. Tabs share the refresh cookie, so
 * two tabs refreshing at once (a browser restoring its tabs, say) would present the same cookie twice.
 * Without the Web Locks API (insecure origins, old browsers) the task runs unguarded.
 */
async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  return locks ? await locks.request("mufakat.session-refresh", task) : await task();
}

/**
 * Exchanges the httpOnly refresh cookie for a new access token. The cookie rotates on every use and a
 * rotated cookie presented again revokes the whole session, so concurrent callers in this tab share one
 * request, and tabs take turns (each then sends the cookie the previous one received).
 */
export function refreshSession(): Promise<Session> {
  refreshing ??= (async () => {
    try {
      const session = await withRefreshLock(async () =>
        parseResponse(
          await send("POST", contract.refreshSession.path, undefined, false),
          contract.refreshSession.responses[200].schema,
        ),
      );
      beginSession(session);
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) endSession();
      throw error;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function apiRequest<T = undefined>(
  method: HttpMethod,
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  const auth = options.auth ?? true;
  // Resumed offline (no token yet) and the network is back: refresh before asking, not after a 401.
  if (auth && getAccessToken() === null && hasSessionHint() && navigator.onLine) await refreshSession();
  const sentToken = auth ? getAccessToken() : null;
  let response = await send(method, path, options.body, auth);
  if (auth && response.status === 401) {
    const error = apiErrorFromBody(401, await readJson(response));
    if (error.code !== "TOKEN_EXPIRED") {
      // No token, or one the server will never accept again: the session is over.
      endSession();
      throw error;
    }
    // Another request may have refreshed while this one was under way: then its token is already new.
    if (getAccessToken() === sentToken) await refreshSession();
    response = await send(method, path, options.body, auth);
    if (response.status === 401) endSession();
  }
  return parseResponse(response, options.schema);
}

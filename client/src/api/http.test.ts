// The fetch client: typed errors, one shared refresh on TOKEN_EXPIRED followed by one retry.
import type { Session } from "@mufakat/shared";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./ApiError.ts";
import { listMyRooms } from "./endpoints.ts";
import { apiRequest, refreshSession } from "./http.ts";
import { beginSession, endSession, getAccessToken, getSessionState } from "./session.ts";

function session(accessToken: string): Session {
  return {
    accessToken,
    expiresIn: 900,
    user: {
      id: "0123456789abcdef01234567",
      email: "siti@example.org",
      displayName: "Siti",
      sector: "community",
      organisation: "Forum Warga",
      locale: "id",
      createdAt: "2026-01-01T00:00:00.000Z",
    },
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const failure = (status: number, code: string, details?: unknown) =>
  json(status, { error: { code, message: `${code} message`, ...(details ? { details } : {}) } });

interface Call {
  url: string;
  method: string;
  authorization: string | null;
}

let calls: Call[];
let answer: (call: Call) => Response | Promise<Response>;

beforeEach(() => {
  endSession();
  calls = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    const call = { url, method: init.method ?? "GET", authorization: headers.get("authorization") };
    calls.push(call);
    return answer(call);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("apiRequest", () => {
  it("sends the in-memory access token and parses the body against the schema", async () => {
    beginSession(session("token-1"));
    answer = () => json(200, []);
    await expect(listMyRooms()).resolves.toEqual([]);
    expect(calls).toEqual([{ url: "/api/rooms/mine", method: "GET", authorization: "Bearer token-1" }]);
  });

  it("turns a 400 into an ApiError with the field issues", async () => {
    answer = () => failure(400, "VALIDATION_FAILED", [{ path: "email", message: "must be an email address" }]);
    const error = await apiRequest("POST", "/auth/register", { body: {}, auth: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
    expect((error as ApiError).issuesFor("email")).toEqual([{ path: "email", message: "must be an email address" }]);
  });

  it("refreshes once on TOKEN_EXPIRED and retries with the new token", async () => {
    beginSession(session("old"));
    answer = (call) => {
      if (call.url === "/api/auth/refresh") return json(200, session("new"));
      return call.authorization === "Bearer new" ? json(200, []) : failure(401, "TOKEN_EXPIRED");
    };
    await expect(listMyRooms()).resolves.toEqual([]);
    expect(calls.map((call) => `${call.method} ${call.url} ${call.authorization}`)).toEqual([
      "GET /api/rooms/mine Bearer old",
      "POST /api/auth/refresh null",
      "GET /api/rooms/mine Bearer new",
    ]);
    expect(getAccessToken()).toBe("new");
  });

  it("shares one refresh between concurrent expired requests (a rotated cookie must not be replayed)", async () => {
    beginSession(session("old"));
    answer = (call) => {
      if (call.url === "/api/auth/refresh") return json(200, session("new"));
      return call.authorization === "Bearer new" ? json(200, []) : failure(401, "TOKEN_EXPIRED");
    };
    await Promise.all([listMyRooms(), listMyRooms(), listMyRooms()]);
    expect(calls.filter((call) => call.url === "/api/auth/refresh")).toHaveLength(1);
  });

  it("retries without refreshing when another request already renewed the token meanwhile", async () => {
    beginSession(session("old"));
    answer = (call) => {
      if (call.authorization === "Bearer new") return json(200, []);
      beginSession(session("new")); // a concurrent request's refresh landed while this one was in flight
      return failure(401, "TOKEN_EXPIRED");
    };
    await expect(listMyRooms()).resolves.toEqual([]);
    expect(calls.map((call) => call.url)).toEqual(["/api/rooms/mine", "/api/rooms/mine"]);
  });

  it("ends the session when the refresh is refused, and does not retry", async () => {
    beginSession(session("old"));
    answer = (call) =>
      call.url === "/api/auth/refresh" ? failure(401, "REFRESH_TOKEN_INVALID") : failure(401, "TOKEN_EXPIRED");
    await expect(listMyRooms()).rejects.toMatchObject({ code: "REFRESH_TOKEN_INVALID" });
    expect(calls).toHaveLength(2);
    expect(getSessionState()).toEqual({ state: "anonymous" });
    expect(getAccessToken()).toBeNull();
  });

  it("ends the session on other 401s without trying to refresh", async () => {
    beginSession(session("forged"));
    answer = () => failure(401, "TOKEN_INVALID");
    await expect(listMyRooms()).rejects.toMatchObject({ code: "TOKEN_INVALID" });
    expect(calls).toHaveLength(1);
    expect(getSessionState()).toEqual({ state: "anonymous" });
  });

  it("reports an unreachable server as NETWORK_ERROR and a contract mismatch as UNEXPECTED_RESPONSE", async () => {
    answer = () => {
      throw new TypeError("fetch failed");
    };
    await expect(refreshSession()).rejects.toMatchObject({ status: 0, code: "NETWORK_ERROR" });
    beginSession(session("t"));
    answer = () => json(200, [{ id: 1 }]);
    await expect(listMyRooms()).rejects.toMatchObject({ code: "UNEXPECTED_RESPONSE" });
  });
});

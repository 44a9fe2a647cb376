// No credential in any log: a whole session, from registering to a refused login, against the real server
// logging at "trace" into memory, then every access token, refresh cookie, invite token and password the
// flow was issued or used is looked for in what was written. Once with a plain pino logger handed to
// createApp (createApp must redact whatever logger it is given), once with the logger main.ts builds.
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import { describe, expect, it } from "vitest";
import { createLogger } from "@mufakat/server";
import { ApiClient, userInput } from "../utils/api.ts";
import { type TestClock, testClock } from "../utils/clock.ts";
import { eventually } from "../utils/eventually.ts";
import { connect, okData, request } from "../utils/socket.ts";
import { type TestServer, serverForSuite } from "../utils/server.ts";

interface MemoryLog {
  stream: Writable;
  text(): string;
  entries(): Array<Record<string, any>>;
}

function memoryLog(): MemoryLog {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const text = () => chunks.join("");
  return {
    stream,
    text,
    entries: () =>
      text()
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as Record<string, any>),
  };
}

interface Secret {
  name: string;
  value: string;
}

const expectedSecretNames = [
  "coordinator password",
  "guest password",
  "wrong password",
  "coordinator access token (register)",
  "coordinator refresh cookie (register)",
  "coordinator access token (login)",
  "coordinator refresh cookie (login)",
  "coordinator access token (refresh)",
  "coordinator refresh cookie (refresh)",
  "invite token",
  "guest access token (register)",
  "guest refresh cookie (register)",
];

/** Distinct, long enough that it cannot turn up in a log by chance. */
function password(label: string): string {
  return `${label}-${randomBytes(12).toString("base64url")}`;
}

function required(value: string | undefined | null, what: string): string {
  if (!value) throw new Error(`${what} was not issued`);
  return value;
}

/**
 * Register, login, refresh by cookie, authenticated calls, an invite created and taken by its token URL, a
 * socket connection with its token, logout, a refresh with the logged-out cookie and a wrong password.
 * Returns every secret issued or used, and the guest's user id (for the socket's log lines). The clock moves
 * a second before each session is issued, so no two access tokens (signed per second) are the same.
 */
async function fullFlow(server: TestServer, clock: TestClock): Promise<{ secrets: Secret[]; guestUserId: string }> {
  const secrets: Secret[] = [];
  const keep = (name: string, value: string | undefined | null): string => {
    const kept = required(value, name);
    secrets.push({ name, value: kept });
    return kept;
  };

  const coordinator = new ApiClient(server.url);
  const coordinatorInput = userInput("government", { password: keep("coordinator password", password("koordinator")) });
  const guestPassword = keep("guest password", password("tamu"));
  const wrongPassword = keep("wrong password", password("salah"));

  const registered = await coordinator.post("/api/auth/register", coordinatorInput);
  expect(registered.status).toBe(201);
  keep("coordinator access token (register)", registered.body.accessToken);
  keep("coordinator refresh cookie (register)", coordinator.refreshCookie);

  clock.advance(1000);
  const loggedIn = await coordinator.post("/api/auth/login", {
    email: coordinatorInput.email,
    password: coordinatorInput.password,
  });
  expect(loggedIn.status).toBe(200);
  keep("coordinator access token (login)", loggedIn.body.accessToken);
  keep("coordinator refresh cookie (login)", coordinator.refreshCookie);

  clock.advance(1000);
  const refreshed = await coordinator.post("/api/auth/refresh");
  expect(refreshed.status).toBe(200);
  coordinator.accessToken = keep("coordinator access token (refresh)", refreshed.body.accessToken);
  const lastRefreshCookie = keep("coordinator refresh cookie (refresh)", coordinator.refreshCookie);

  const me = await coordinator.get("/api/me");
  expect(me.status).toBe(200);
  expect(me.body.email).toBe(coordinatorInput.email);
  const room = await coordinator.post("/api/rooms", { title: "Air bersih Tamalate", visibility: "invite-only" });
  expect(room.status).toBe(201);
  const roomId = room.body.id as string;
  const invite = await coordinator.post(`/api/rooms/${roomId}/invites`, { role: "participant" });
  expect(invite.status).toBe(201);
  const inviteToken = keep("invite token", invite.body.token);

  clock.advance(1000);
  const guest = new ApiClient(server.url);
  const guestRegistered = await guest.post("/api/auth/register", userInput("community", { password: guestPassword }));
  expect(guestRegistered.status).toBe(201);
  guest.accessToken = keep("guest access token (register)", guestRegistered.body.accessToken);
  keep("guest refresh cookie (register)", guest.refreshCookie);
  const guestUserId = guestRegistered.body.user.id as string;

  const preview = await guest.get(`/api/invites/${inviteToken}`);
  expect(preview.status).toBe(200);
  expect(preview.body.room.id).toBe(roomId);
  const accepted = await guest.post("/api/invites/accept", { token: inviteToken });
  expect(accepted.status).toBe(201);

  const socket = await connect(server, guest.accessToken);
  try {
    const joined = okData(await request(socket, "room:join", { roomId }));
    expect(joined.roomId).toBe(roomId);
  } finally {
    socket.close();
  }

  const loggedOut = await coordinator.post("/api/auth/logout");
  expect(loggedOut.status).toBe(204);
  const replay = new ApiClient(server.url);
  replay.setRefreshCookie(lastRefreshCookie);
  const replayed = await replay.post("/api/auth/refresh");
  expect(replayed.status).toBe(401);

  const refused = await new ApiClient(server.url).post("/api/auth/login", {
    email: coordinatorInput.email,
    password: wrongPassword,
  });
  expect(refused.status).toBe(401);
  expect(refused.body.error.code).toBe("INVALID_CREDENTIALS");

  return { secrets, guestUserId };
}

/** The completed-request line pino-http wrote for a method and a URL as logged. */
function requestLine(log: MemoryLog, method: string, url: string): Record<string, any> {
  const line = log.entries().find((entry) => entry.req?.method === method && entry.req?.url === url && entry.res);
  if (!line) throw new Error(`no log line for ${method} ${url}`);
  return line;
}

function describeRedaction(title: string, makeLogger: (destination: Writable) => Logger): void {
  describe(title, () => {
    const log = memoryLog();
    const clock = testClock();
    const server = serverForSuite(() => ({ logger: makeLogger(log.stream), now: clock.now }));

    it("writes no token, refresh cookie, invite token or password it was issued or used, at level trace", async () => {
      const { secrets, guestUserId } = await fullFlow(server, clock);
      expect(secrets.map((secret) => secret.name)).toEqual(expectedSecretNames);
      expect(secrets).toHaveLength(12);
      expect(new Set(secrets.map((secret) => secret.value)).size).toBe(12);
      // Nor a part of one: the signature of an access token or of the invite.
      const fragments = secrets.flatMap((secret) =>
        secret.value.includes(".") ? [secret.value.slice(secret.value.lastIndexOf(".") + 1)] : [],
      );
      expect(fragments).toHaveLength(5);
      const expectNoCredential = () => {
        const text = log.text();
        expect(secrets.filter((secret) => text.includes(secret.value)).map((secret) => secret.name)).toEqual([]);
        expect(fragments.filter((fragment) => text.includes(fragment))).toEqual([]);
        expect(text).not.toMatch(/Bearer (?!\[Redacted\])/i);
        expect(text).not.toMatch(/mufakat_refresh=(?!\[Redacted\])/);
      };

      // The log is there to search: every request of the flow is written (once its response finished).
      const requestLines = () => log.entries().filter((entry) => entry.req && entry.res);
      await eventually(() => expect(requestLines()).toHaveLength(12));
      expectNoCredential();
      expect(requestLines().map((entry) => `${entry.req.method} ${entry.req.url} ${entry.res.statusCode}`)).toEqual([
        "POST /api/auth/register 201",
        "POST /api/auth/login 200",
        "POST /api/auth/refresh 200",
        "GET /api/me 200",
        "POST /api/rooms 201",
        expect.stringMatching(/^POST \/api\/rooms\/[0-9a-f]{24}\/invites 201$/),
        "POST /api/auth/register 201",
        "GET /api/invites/[Redacted] 200",
        "POST /api/invites/accept 201",
        "POST /api/auth/logout 204",
        "POST /api/auth/refresh 401",
        "POST /api/auth/login 401",
      ]);

      // What stands where the credentials were.
      const me = requestLine(log, "GET", "/api/me");
      expect(me.req.headers.authorization).toBe("[Redacted]");
      expect(me.req.headers.host).toBe(`127.0.0.1:${server.port}`);
      const refresh = requestLine(log, "POST", "/api/auth/refresh");
      expect(refresh.res.statusCode).toBe(200);
      expect(refresh.req.headers.cookie).toBe("[Redacted]");
      expect(refresh.res.headers["set-cookie"]).toBe("[Redacted]");
      const preview = requestLine(log, "GET", "/api/invites/[Redacted]");
      expect(preview.res.statusCode).toBe(200);
      expect(preview.req.headers.authorization).toBe("[Redacted]");

      // The socket is logged coming and going (once the server has seen it go), by user, not by token.
      const socketLines = (msg: string) =>
        log.entries().filter((entry) => entry.msg === msg && entry.userId === guestUserId);
      await eventually(() => expect(socketLines("socket disconnected")).toHaveLength(1));
      expect(socketLines("socket connected")).toHaveLength(1);
      expect(socketLines("socket connected")[0]).toMatchObject({ level: 20, transport: "websocket" });
      expectNoCredential();
    });
  });
}

describeRedaction("with a plain pino logger given to createApp", (destination) =>
  pino({ level: "trace" }, destination),
);
describeRedaction("with the logger main.ts builds", (destination) => createLogger({ level: "trace", destination }));

// Accounts and sessions over HTTP against the real database.
import jwt from "jsonwebtoken";
import { Types } from "mongoose";
import { limits } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { ApiClient, registeredClient, userInput } from "../utils/api.ts";
import { testClock } from "../utils/clock.ts";
import { serverForSuite, startServer, testJwtSecret } from "../utils/server.ts";

const clock = testClock();
const server = serverForSuite({ now: clock.now });

describe("register", () => {
  it("creates the account, returns a session and sets an httpOnly refresh cookie", async () => {
    const client = new ApiClient(server.url);
    const input = userInput("community", { email: "  Siti@Example.ORG ", organisation: "Forum Warga Tamalate" });
    const response = await client.post("/api/auth/register", input);
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({
      email: "siti@example.org",
      sector: "community",
      organisation: "Forum Warga Tamalate",
      locale: "id",
    });
    expect(response.body.expiresIn).toBe(900);
    const setCookie = response.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/mufakat_refresh=[^;]+; Path=\/api\/auth; Expires=[^;]+; HttpOnly; SameSite=Strict/);
    // The readable hint beside it, with the same lifetime and no secret: the page reads it to know a
    // session may be restored.
    const hint = response.headers.getSetCookie().find((cookie) => cookie.startsWith("mufakat_session="));
    expect(hint).toMatch(/^mufakat_session=1; Path=\/; Expires=[^;]+; SameSite=Strict$/);
    expect(hint?.match(/Expires=([^;]+)/)?.[1]).toBe(
      setCookie.match(/mufakat_refresh=[^;]+; Path=\/api\/auth; Expires=([^;]+)/)?.[1],
    );
    const stored = await server.connection.collection("users").findOne({ email: "siti@example.org" });
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored?.passwordHash).not.toContain(input.password);
  });

  it("refuses a duplicate email with 409 EMAIL_TAKEN and stores nothing new", async () => {
    const input = userInput("private");
    const first = await new ApiClient(server.url).post("/api/auth/register", input);
    expect(first.status).toBe(201);
    const second = await new ApiClient(server.url).post("/api/auth/register", {
      ...input,
      email: input.email.toUpperCase(),
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("EMAIL_TAKEN");
    expect(await server.connection.collection("users").countDocuments({ email: input.email })).toBe(1);
  });

  it("answers invalid input with 400 and a detail per field", async () => {
    const before = await server.connection.collection("users").countDocuments();
    const response = await new ApiClient(server.url).post("/api/auth/register", {
      email: "not-an-email",
      displayName: "",
      password: "short",
      sector: "military",
      organisation: "x",
      admin: true,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("VALIDATION_FAILED");
    const paths = (response.body.error.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(["(body)", "displayName", "email", "password", "sector"]);
    expect(await server.connection.collection("users").countDocuments()).toBe(before);
  });

  it("names each issue's zod code and parameters, so a client words it in its own language", async () => {
    const response = await new ApiClient(server.url).post("/api/auth/register", {
      email: "not-an-email",
      password: "short",
      sector: "military",
      organisation: "x",
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      { path: "email", message: "must be an email address", code: "invalid_format", format: "email" },
      {
        path: "displayName",
        message: expect.any(String),
        code: "invalid_type",
        expected: "string",
        received: "undefined",
      },
      {
        path: "password",
        message: "at least 10 characters",
        code: "too_small",
        origin: "string",
        minimum: 10,
        inclusive: true,
      },
      {
        path: "sector",
        message: expect.any(String),
        code: "invalid_value",
        values: ["government", "private", "community", "academia", "media"],
      },
    ]);
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const response = await new ApiClient(server.url).request("POST", "/api/auth/register", '{"email":', {});
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("keeps query operators out of queries", async () => {
    const response = await new ApiClient(server.url).post("/api/auth/login", {
      email: { $gt: "" },
      password: { $gt: "" },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("login, refresh, logout", () => {
  it("logs in with the right password and refuses a wrong one with 401 INVALID_CREDENTIALS", async () => {
    const { input } = await registeredClient(server.url, "academia");
    const ok = await new ApiClient(server.url).post("/api/auth/login", {
      email: input.email,
      password: input.password,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.email).toBe(input.email);
    const wrong = await new ApiClient(server.url).post("/api/auth/login", {
      email: input.email,
      password: "wrong password!!",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
    const unknown = await new ApiClient(server.url).post("/api/auth/login", {
      email: "nobody@example.org",
      password: "whatever1234",
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe("INVALID_CREDENTIALS");
  });

  it("rotates the refresh token on every use", async () => {
    const { client } = await registeredClient(server.url);
    const first = client.refreshCookie;
    const refreshed = await client.post("/api/auth/refresh");
    expect(refreshed.status).toBe(200);
    expect(typeof refreshed.body.accessToken).toBe("string");
    expect(client.refreshCookie).toBeDefined();
    expect(client.refreshCookie).not.toBe(first);
    const again = await client.post("/api/auth/refresh");
    expect(again.status).toBe(200);
  });

  it("revokes the whole token family when a rotated refresh token is used again", async () => {
    const { client } = await registeredClient(server.url);
    const stolen = client.refreshCookie as string;
    expect((await client.post("/api/auth/refresh")).status).toBe(200);
    const legitimate = client.refreshCookie as string;
    // Past the grace window that covers two tabs refreshing at the same moment.
    clock.advance(limits.refreshReuseGraceMs + 1);

    const attacker = new ApiClient(server.url);
    attacker.setRefreshCookie(stolen);
    const reuse = await attacker.post("/api/auth/refresh");
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe("REFRESH_TOKEN_REUSED");

    // The legitimate holder's newer token died with the family.
    const victim = new ApiClient(server.url);
    victim.setRefreshCookie(legitimate);
    const after = await victim.post("/api/auth/refresh");
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("REFRESH_TOKEN_INVALID");
  });

  it("lets two tabs refresh with the same token at the same moment, within the grace window", async () => {
    const { client } = await registeredClient(server.url);
    const shared = client.refreshCookie as string;
    const tabs = [new ApiClient(server.url), new ApiClient(server.url)];
    for (const tab of tabs) tab.setRefreshCookie(shared);
    const [first, second] = await Promise.all(tabs.map((tab) => tab.post("/api/auth/refresh")));
    expect([first?.status, second?.status]).toEqual([200, 200]);
    expect(tabs[0]?.refreshCookie).not.toBe(tabs[1]?.refreshCookie);
    // Both new tokens belong to the live family and keep working.
    for (const tab of tabs) expect((await tab.post("/api/auth/refresh")).status).toBe(200);
  });

  it("logout revokes the refresh token and clears the cookie", async () => {
    const { client } = await registeredClient(server.url);
    const token = client.refreshCookie as string;
    const logout = await client.post("/api/auth/logout");
    expect(logout.status).toBe(204);
    expect(client.refreshCookie).toBeUndefined();
    expect(logout.headers.getSetCookie().find((cookie) => cookie.startsWith("mufakat_session="))).toMatch(
      /^mufakat_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Strict$/,
    );
    const replay = new ApiClient(server.url);
    replay.setRefreshCookie(token);
    const refreshed = await replay.post("/api/auth/refresh");
    expect(refreshed.status).toBe(401);
    expect(refreshed.body.error.code).toBe("REFRESH_TOKEN_INVALID");
  });

  it("refresh without a cookie is 401 REFRESH_TOKEN_INVALID", async () => {
    const response = await new ApiClient(server.url).post("/api/auth/refresh");
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("REFRESH_TOKEN_INVALID");
    // A hint left without its session (the refresh cookie expired first) is cleared with it.
    expect(response.headers.getSetCookie().find((cookie) => cookie.startsWith("mufakat_session="))).toMatch(
      /^mufakat_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Strict$/,
    );
  });
});

describe("profile", () => {
  it("returns and updates my profile", async () => {
    const { client, session } = await registeredClient(server.url, "media");
    const me = await client.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body).toEqual(session.user);
    const updated = await client.patch("/api/me", { displayName: "Rina Jurnalis", locale: "en" });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ displayName: "Rina Jurnalis", locale: "en", sector: "media" });
    const empty = await client.patch("/api/me", {});
    expect(empty.status).toBe(400);
  });
});

describe("access tokens", () => {
  async function meWith(token: string) {
    const client = new ApiClient(server.url);
    client.accessToken = token;
    return client.get("/api/me");
  }

  it("refuses a missing token with 401 UNAUTHENTICATED", async () => {
    const response = await new ApiClient(server.url).get("/api/me");
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("refuses an expired token with 401 TOKEN_EXPIRED", async () => {
    const { session } = await registeredClient(server.url);
    const expired = jwt.sign({ iat: Math.floor(Date.now() / 1000) - 3600 }, testJwtSecret, {
      algorithm: "HS256",
      subject: session.user.id,
      issuer: "mufakat",
      audience: "mufakat-api",
      expiresIn: 60,
    });
    const response = await meWith(expired);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("TOKEN_EXPIRED");
  });

  it("refuses tampered, alg:none, foreign-secret and wrong-audience tokens with 401 TOKEN_INVALID", async () => {
    const { session } = await registeredClient(server.url);
    const [header, payload, signature] = session.accessToken.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const tamperedPayload = Buffer.from(JSON.stringify({ ...claims, sub: "0123456789abcdef01234567" })).toString(
      "base64url",
    );
    const tampered = `${header}.${tamperedPayload}.${signature}`;
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${payload}.`;
    const foreign = jwt.sign({}, "another-secret-another-secret-another-secret", {
      algorithm: "HS256",
      subject: session.user.id,
      issuer: "mufakat",
      audience: "mufakat-api",
      expiresIn: 600,
    });
    const wrongAudience = jwt.sign({}, testJwtSecret, {
      algorithm: "HS256",
      subject: session.user.id,
      issuer: "mufakat",
      audience: "someone-else",
      expiresIn: 600,
    });
    for (const token of [tampered, none, foreign, wrongAudience, "not.a.jwt"]) {
      const response = await meWith(token);
      expect(response.status, token).toBe(401);
      expect(response.body.error.code, token).toBe("TOKEN_INVALID");
    }
    expect((await meWith(session.accessToken)).status).toBe(200);
  });

  it("refuses the token of a deleted user", async () => {
    const { session } = await registeredClient(server.url);
    await server.connection.collection("users").deleteOne({ _id: new Types.ObjectId(session.user.id) });
    const response = await meWith(session.accessToken);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("TOKEN_INVALID");
  });
});

describe("rate limit", () => {
  it("answers login brute force with 429 RATE_LIMITED", async () => {
    const limited = await startServer({ authRateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const client = new ApiClient(limited.url);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (await client.post("/api/auth/login", { email: "x@example.org", password: "wrong-password" })).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const last = await client.post("/api/auth/login", { email: "x@example.org", password: "wrong-password" });
      expect(last.body.error.code).toBe("RATE_LIMITED");
    } finally {
      await limited.close();
    }
  });
});

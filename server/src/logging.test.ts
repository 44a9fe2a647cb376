import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createLogger, redactUrl, redactingLogger } from "./logging.ts";

function memoryStream(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

// Shaped as the app issues them (an HS256 JWT; an invite id and its HMAC), not real ones.
const accessToken =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2YjEwMWVmNTJiYzczZjc4NjE2NGY0MTQifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
const inviteToken = "6b101e832260f523a25b1da8.AMoaYUK_PfAv5U5lauduwRhDSJSxoRb1B8CObDQEtEM";

describe("redactUrl", () => {
  it("cuts the invite token out of the API's preview and the client's invite page", () => {
    expect(redactUrl(`/api/invites/${inviteToken}`)).toBe("/api/invites/[Redacted]");
    expect(redactUrl(`/API/Invites/${inviteToken}?lang=id`)).toBe("/API/Invites/[Redacted]?lang=id");
    expect(redactUrl("/invite/garbage-that-is-no-token")).toBe("/invite/[Redacted]");
    expect(redactUrl("https://forum.example.org/invite/no-token-shape")).toBe(
      "https://forum.example.org/invite/[Redacted]",
    );
  });

  it("keeps what names no credential: accept, a room's invite by id, other query parameters", () => {
    expect(redactUrl("/api/invites/accept")).toBe("/api/invites/accept");
    expect(redactUrl("/api/rooms/6b101e832260f523a25b1da5/invites/6b101e832260f523a25b1da8")).toBe(
      "/api/rooms/6b101e832260f523a25b1da5/invites/6b101e832260f523a25b1da8",
    );
    expect(redactUrl("/api/rooms/open?page=2&access_token=abc&refreshToken=def&password=x")).toBe(
      "/api/rooms/open?page=2&access_token=[Redacted]&refreshToken=[Redacted]&password=[Redacted]",
    );
    expect(redactUrl(`/api/anything/${accessToken}`)).toBe("/api/anything/[Redacted]");
  });
});

describe("redactingLogger over any pino logger", () => {
  it("writes an error's message and fields but not the request body a parser hung on it", () => {
    const { stream, text } = memoryStream();
    const logger = redactingLogger(pino({ level: "trace" }, stream));
    // What body-parser's json() throws for a truncated body: the raw text rides along as `body`.
    const parseError = Object.assign(new SyntaxError("Unexpected end of JSON input"), {
      status: 400,
      type: "entity.parse.failed",
      body: '{"email":"budi@example.org","password":"kata-sandi-rahasia-42"',
    });
    logger.error({ err: parseError }, "unhandled error");
    const line = JSON.parse(text());
    expect(line.err).toMatchObject({
      type: "SyntaxError",
      message: "Unexpected end of JSON input",
      status: 400,
    });
    expect(line.err.body).toBeUndefined();
    expect(text()).not.toContain("kata-sandi-rahasia-42");
    expect(text()).not.toContain("budi@example.org");
  });

  it("replaces credential-named fields and credential-shaped text in errors and logged objects", () => {
    const { stream, text } = memoryStream();
    const logger = redactingLogger(pino({ level: "trace" }, stream));
    const failed = Object.assign(new Error(`could not check ${accessToken}`), { token: inviteToken });
    logger.warn({ err: failed }, "handshake failed");
    logger.debug(
      {
        password: "kata-sandi-rahasia-42",
        login: { email: "budi@example.org", password: "kata-sandi-rahasia-42" },
        socket: { handshake: { auth: { token: accessToken, protocolVersion: 3 } } },
        session: { accessToken, refreshToken: "opaque-refresh-token-value" },
      },
      "a careless log line",
    );
    const [warned, debugged] = text()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(warned.err.message).toBe("could not check [Redacted]");
    expect(warned.err.token).toBe("[Redacted]");
    expect(debugged.password).toBe("[Redacted]");
    expect(debugged.login).toEqual({ email: "budi@example.org", password: "[Redacted]" });
    expect(debugged.socket.handshake.auth).toBe("[Redacted]");
    expect(debugged.session).toEqual({ accessToken: "[Redacted]", refreshToken: "[Redacted]" });
    for (const secret of [accessToken, inviteToken, "kata-sandi-rahasia-42", "opaque-refresh-token-value"]) {
      expect(text()).not.toContain(secret);
    }
  });
});

describe("createLogger (what main.ts logs with)", () => {
  it("cuts a token quoted in a message string out of the line it writes", () => {
    const { stream, text } = memoryStream();
    const logger = createLogger({ level: "info", destination: stream });
    logger.info(`retrying with Bearer ${accessToken} for /invite/${inviteToken}`);
    expect(JSON.parse(text()).msg).toBe("retrying with [Redacted] for /invite/[Redacted]");
  });
});

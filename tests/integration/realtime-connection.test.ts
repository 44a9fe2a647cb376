// The socket handshake and session: protocol version, access token, expiry while connected, reauthentication.
import { minSupportedProtocolVersion, protocolVersion } from "@mufakat/shared";
import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { registeredClient } from "../utils/api.ts";
import { eventually } from "../utils/eventually.ts";
import { serverForSuite, testJwtSecret } from "../utils/server.ts";
import { connect, connectRefusal, okData, request, roomWithMembers } from "../utils/socket.ts";

let clockOffsetMs = 0;
const server = serverForSuite({ now: () => new Date(Date.now() + clockOffsetMs) });

function tokenFor(userId: string, { expiresIn, issuedAgo = 0 }: { expiresIn: number; issuedAgo?: number }): string {
  const now = Date.now() + clockOffsetMs;
  return jwt.sign({ iat: Math.floor(now / 1000) - issuedAgo }, testJwtSecret, {
    algorithm: "HS256",
    subject: userId,
    issuer: "mufakat",
    audience: "mufakat-api",
    expiresIn,
  });
}

describe("handshake", () => {
  it("accepts a valid token with the current protocol version", async () => {
    const { session } = await registeredClient(server.url, "government");
    const socket = await connect(server, session.accessToken);
    expect(socket.connected).toBe(true);
    socket.close();
  });

  it("refuses a protocol version that is too old, too new, or missing, with a named reason", async () => {
    const { session } = await registeredClient(server.url, "private");
    const tooOld = await connectRefusal(server, session.accessToken, {
      protocolVersion: minSupportedProtocolVersion - 1,
    });
    expect(tooOld.message).toBe("PROTOCOL_TOO_OLD");
    expect(tooOld.data).toEqual({
      code: "PROTOCOL_TOO_OLD",
      message: "this app is out of date; reload the page",
      details: {
        serverVersion: protocolVersion,
        minSupportedVersion: minSupportedProtocolVersion,
        clientVersion: minSupportedProtocolVersion - 1,
      },
    });
    const tooNew = await connectRefusal(server, session.accessToken, { protocolVersion: protocolVersion + 1 });
    expect(tooNew.message).toBe("PROTOCOL_TOO_NEW");
    expect(tooNew.data.details.clientVersion).toBe(protocolVersion + 1);
    const missing = await connectRefusal(server, "", { auth: { token: session.accessToken } });
    expect(missing.message).toBe("PROTOCOL_TOO_OLD");
    const wrongType = await connectRefusal(server, "", { auth: { token: session.accessToken, protocolVersion: "1" } });
    expect(wrongType.message).toBe("VALIDATION_FAILED");
    expect(wrongType.data.details).toEqual([
      { path: "protocolVersion", message: expect.any(String), code: "invalid_type", expected: "number" },
    ]);
  });

  it("refuses missing, invalid and expired tokens with UNAUTHENTICATED, TOKEN_INVALID and TOKEN_EXPIRED", async () => {
    const { session } = await registeredClient(server.url, "community");
    expect((await connectRefusal(server, "", { auth: { protocolVersion } })).message).toBe("UNAUTHENTICATED");
    expect((await connectRefusal(server, "not.a.jwt")).message).toBe("TOKEN_INVALID");
    const foreign = jwt.sign({}, "another-secret-another-secret-another-secret", {
      algorithm: "HS256",
      subject: session.user.id,
      issuer: "mufakat",
      audience: "mufakat-api",
      expiresIn: 600,
    });
    const invalid = await connectRefusal(server, foreign);
    expect(invalid).toEqual({
      message: "TOKEN_INVALID",
      data: { code: "TOKEN_INVALID", message: "access token is invalid" },
    });
    const expired = await connectRefusal(server, tokenFor(session.user.id, { expiresIn: 60, issuedAgo: 3600 }));
    expect(expired.message).toBe("TOKEN_EXPIRED");
    expect(expired.data.code).toBe("TOKEN_EXPIRED");
  });
});

describe("session expiry while connected", () => {
  it("emits session:expired and disconnects when the token runs out (real timer)", async () => {
    const { session } = await registeredClient(server.url, "government");
    const socket = await connect(server, tokenFor(session.user.id, { expiresIn: 1 }));
    const expired: unknown[] = [];
    socket.on("session:expired", (payload) => expired.push(payload));
    await eventually(
      () => {
        expect(expired).toEqual([
          { reason: "SESSION_EXPIRED", message: "your access token expired; refresh it and reconnect" },
        ]);
        expect(socket.connected).toBe(false);
      },
      { timeout: 5_000 },
    );
  });

  it("refuses writes with TOKEN_EXPIRED once the clock passes the expiry, unless the client reauthenticated", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "private", role: "participant" },
    ]);
    const [alice, budi] = members as [(typeof members)[0], (typeof members)[0]];
    const short = await connect(server, tokenFor(alice.userId, { expiresIn: 60 }));
    const renewed = await connect(server, tokenFor(budi.userId, { expiresIn: 60 }));
    okData(await request(short, "room:join", { roomId }));
    okData(await request(renewed, "room:join", { roomId }));

    const fresh = tokenFor(budi.userId, { expiresIn: 900 });
    const reauth = await request(renewed, "session:reauthenticate", { token: fresh });
    const { exp } = jwt.decode(fresh) as { exp: number };
    expect(okData(reauth).expiresAt).toBe(new Date(exp * 1000).toISOString());
    // Someone else's token cannot take over the connection.
    const hijack = await request(renewed, "session:reauthenticate", {
      token: tokenFor(alice.userId, { expiresIn: 900 }),
    });
    expect(hijack).toMatchObject({ ok: false, error: { code: "TOKEN_INVALID" } });

    const expired: unknown[] = [];
    short.on("session:expired", (payload) => expired.push(payload));
    clockOffsetMs += 120_000;
    try {
      const refused = await request(short, "proposal:create", { roomId, title: "Terlambat" });
      expect(refused).toEqual({
        ok: false,
        error: { code: "TOKEN_EXPIRED", message: "your access token expired; refresh it and reconnect" },
      });
      await eventually(() => {
        expect(expired).toHaveLength(1);
        expect(short.connected).toBe(false);
      });
      const allowed = await request(renewed, "proposal:create", { roomId, title: "Tepat waktu" });
      expect(okData(allowed).title).toBe("Tepat waktu");
      expect(await server.connection.collection("proposals").countDocuments({ title: "Terlambat" })).toBe(0);
    } finally {
      clockOffsetMs -= 120_000;
      short.close();
      renewed.close();
    }
  });
});

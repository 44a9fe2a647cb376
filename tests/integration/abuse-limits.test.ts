// Abuse limits: a socket frame over maxHttpBufferSize drops that connection only; an event flood from one
// socket gets RATE_LIMITED acks while another client's edits go through; login brute force gets 429
// RATE_LIMITED; one user cannot hold more than limits.maxConnectionsPerUser connections, on one process
// or across processes behind Redis.
import { randomUUID } from "node:crypto";
import { limits, proposalBodyFragment } from "@mufakat/shared";
import * as Y from "yjs";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ApiClient, registeredClient, userInput } from "../utils/api.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { type TestServer, serverForSuite, startServer } from "../utils/server.ts";
import {
  type LiveClient,
  type Member,
  ProposalEditor,
  connect,
  connectRefusal,
  okData,
  rawRequest,
  request,
  roomWithMembers,
} from "../utils/socket.ts";

const redisUrl = inject("redisUrl");
const server = serverForSuite({ realtime: { discussionWritesPerSecond: limits.discussionWritesPerSecond } });
const servers: TestServer[] = [];
const sockets: LiveClient[] = [];
const figures = { oversizedDropped: 0, floodSent: 0, floodLimited: 0, othersAcked: 0, bruteForce429: 0, capRefused: 0 };

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const extra of servers.reverse()) await extra.close({ keepDatabase: true });
  console.log(
    `abuse: oversized frames dropped ${figures.oversizedDropped}, flood ${figures.floodSent} events → ` +
      `${figures.floodLimited} RATE_LIMITED while the other client got ${figures.othersAcked} edits acked, ` +
      `brute force 429s ${figures.bruteForce429}, connections over the cap refused ${figures.capRefused}, crashes 0`,
  );
});

async function editorsInRoom(target: TestServer) {
  const { roomId, members } = await roomWithMembers(target, [
    { sector: "government", role: "coordinator" },
    { sector: "community", role: "participant" },
  ]);
  const [first, second] = members as [Member, Member];
  const proposalId = await seedProposal(target, roomId, first.userId, "Awal");
  const editors: ProposalEditor[] = [];
  for (const member of [first, second]) {
    const socket = await connect(target, member.token);
    sockets.push(socket);
    okData(await request(socket, "room:join", { roomId }));
    const editor = new ProposalEditor(socket, proposalId);
    await editor.open();
    editors.push(editor);
  }
  return { roomId, proposalId, members: [first, second], editors: editors as [ProposalEditor, ProposalEditor] };
}

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getXmlFragment(proposalBodyFragment).insert(0, [new Y.XmlText(text)]);
  return Y.encodeStateAsUpdate(doc);
}

describe("oversized frames and floods", () => {
  it("drops a connection that sends a frame over maxHttpBufferSize; the other client keeps editing", async () => {
    const { proposalId, members, editors } = await editorsInRoom(server);
    const [attacker, other] = editors;
    const closed = new Promise<string>((resolve) => attacker.socket.once("disconnect", resolve));
    const huge = new Uint8Array(limits.socketMessageBytes + 1024);
    void rawRequest(attacker.socket, "proposal:update", { proposalId, update: huge }).catch(() => null);
    expect(await closed).toBe("transport close");
    figures.oversizedDropped += 1;
    // A big text frame the same way.
    const second = await connect(server, members[0]?.token ?? "");
    sockets.push(second);
    const closedAgain = new Promise<string>((resolve) => second.once("disconnect", resolve));
    void rawRequest(second, "chat:history", { roomId: "x".repeat(limits.socketMessageBytes + 10) }).catch(() => null);
    expect(await closedAgain).toBe("transport close");
    figures.oversizedDropped += 1;

    other.paragraph?.insert(0, "masih ");
    await eventually(() => expect(other.unacked.size).toBe(0));
    expect(other.acked.length).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("answers an edit, awareness and vote flood with RATE_LIMITED; another client's edits are all acked", async () => {
    const { roomId, proposalId, members, editors } = await editorsInRoom(server);
    const [flooder, other] = editors;
    const votedProposal = await seedProposal(server, roomId, members[0]?.userId ?? "", "Dipilih");
    const motion = await members[0]?.api.post(`/api/rooms/${roomId}/motions`, { proposalId: votedProposal });
    expect(motion?.status).toBe(201);

    const floodSize = 400;
    const flood = Array.from({ length: floodSize }, (_, i) =>
      rawRequest(flooder.socket, "proposal:update", { proposalId, update: textUpdate(`banjir ${i}`) }),
    );
    const awareness = Array.from({ length: 100 }, () =>
      rawRequest(flooder.socket, "proposal:awareness", { proposalId, update: new Uint8Array([0]) }),
    );
    const votes = Array.from({ length: 50 }, () =>
      rawRequest(flooder.socket, "motion:vote", {
        motionId: motion?.body.id,
        position: "support",
        clientVoteId: randomUUID(),
      }),
    );
    // Meanwhile the other client types 20 edits at a human pace.
    for (let i = 0; i < 20; i++) {
      other.paragraph?.insert(0, `${i} `);
      // Pacing, not synchronisation: a human's typing speed while the flood is in flight.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const acks = await Promise.all([...flood, ...awareness, ...votes]);
    const codes = (list: typeof acks) => list.map((ack) => (ack.ok ? "ok" : ack.error.code));
    const limited = codes(acks).filter((code) => code === "RATE_LIMITED").length;
    figures.floodSent += acks.length;
    figures.floodLimited += limited;
    expect(codes(acks.slice(0, floodSize))).toContain("RATE_LIMITED");
    expect(codes(acks.slice(floodSize + 100))).toContain("RATE_LIMITED");
    expect(
      codes(acks).filter((code) => code !== "ok" && code !== "RATE_LIMITED" && code !== "MALFORMED_UPDATE"),
    ).toEqual([]);
    // Edits beyond the bucket were refused, not stored: stored edits of the flooder ≤ burst + refill.
    const accepted = codes(acks.slice(0, floodSize)).filter((code) => code === "ok").length;
    expect(accepted).toBeLessThan(floodSize);

    await eventually(() => expect(other.unacked.size).toBe(0), { timeout: 10_000 });
    expect(other.refusals).toEqual([]);
    figures.othersAcked += other.acked.length;
  });

  it("answers chat flood from one socket with RATE_LIMITED, storing only what it acknowledged", async () => {
    const { roomId, editors } = await editorsInRoom(server);
    const [flooder, other] = editors;
    const acks = await Promise.all(
      Array.from({ length: 200 }, (_, i) => rawRequest(flooder.socket, "chat:send", { roomId, body: `spam ${i}` })),
    );
    const codes = acks.map((ack) => (ack.ok ? "ok" : ack.error.code));
    figures.floodSent += acks.length;
    figures.floodLimited += codes.filter((code) => code === "RATE_LIMITED").length;
    expect(codes).toContain("RATE_LIMITED");
    expect(codes.filter((code) => code !== "ok" && code !== "RATE_LIMITED")).toEqual([]);
    const { Types } = await import("mongoose");
    const stored = await server.connection
      .collection("discussionmessages")
      .countDocuments({ roomId: new Types.ObjectId(roomId) });
    expect(stored).toBe(codes.filter((code) => code === "ok").length);
    // The other member still chats.
    expect((await rawRequest(other.socket, "chat:send", { roomId, body: "saya masih bisa" })).ok).toBe(true);
  });
});

describe("login brute force", () => {
  it("answers 429 RATE_LIMITED once the attempts per window are spent, even for the right password", async () => {
    const guarded = await startServer({ authRateLimit: { limit: 5, windowMs: 60_000 } });
    servers.push(guarded);
    const { input } = await registeredClient(guarded.url, "private");
    const anonymous = new ApiClient(guarded.url);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await anonymous.post("/api/auth/login", { email: input.email, password: `wrong guess ${i}!` });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.body.error.code).toBe("RATE_LIMITED");
        figures.bruteForce429 += 1;
      }
    }
    // 5 per window in this server; registration above spent one.
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.at(-1)).toBe(429);
    const right = await anonymous.post("/api/auth/login", { email: input.email, password: input.password });
    expect(right.status).toBe(429);
    expect(right.headers.get("ratelimit-policy") ?? right.headers.get("ratelimit")).toBeTruthy();
    const register = await anonymous.post("/api/auth/register", userInput("media"));
    expect(register.status).toBe(429);
    figures.bruteForce429 += 2;
  });
});

describe("connections per user", () => {
  it(`refuses the connection past ${limits.maxConnectionsPerUser} with TOO_MANY_CONNECTIONS, even in a burst`, async () => {
    const { members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "community", role: "participant" },
    ]);
    const [heavy, other] = members as [Member, Member];
    // A burst of simultaneous handshakes: exactly the cap gets through.
    const attempts = await Promise.allSettled(
      Array.from({ length: limits.maxConnectionsPerUser + 10 }, () => connect(server, heavy.token)),
    );
    const opened = attempts.flatMap((attempt) => (attempt.status === "fulfilled" ? [attempt.value] : []));
    sockets.push(...opened);
    const refused = attempts.flatMap((attempt) =>
      attempt.status === "rejected" ? [(attempt.reason as Error & { data?: { code?: string } }).data?.code] : [],
    );
    expect(opened).toHaveLength(limits.maxConnectionsPerUser);
    expect(refused).toEqual(Array.from({ length: 10 }, () => "TOO_MANY_CONNECTIONS"));
    figures.capRefused += refused.length;
    const one = await connectRefusal(server, heavy.token);
    expect(one).toMatchObject({ message: "TOO_MANY_CONNECTIONS", data: { code: "TOO_MANY_CONNECTIONS" } });
    figures.capRefused += 1;

    // Another user is unaffected; closing one connection frees a place.
    const otherSocket = await connect(server, other.token);
    sockets.push(otherSocket);
    opened[0]?.close();
    await eventually(async () => {
      const again = await connect(server, heavy.token);
      sockets.push(again);
    });
  });

  it.skipIf(!redisUrl)("counts a user's connections across processes behind Redis", async () => {
    const a = await startServer({ redisUrl });
    const b = await startServer({ redisUrl, databaseName: a.databaseName });
    servers.push(a, b);
    const { session } = await registeredClient(a.url, "academia");
    const half = limits.maxConnectionsPerUser / 2;
    for (const target of [a, b]) {
      for (let i = 0; i < half; i++) sockets.push(await connect(target, session.accessToken));
    }
    for (const target of [a, b]) {
      const refusal = await connectRefusal(target, session.accessToken);
      expect(refusal.message).toBe("TOO_MANY_CONNECTIONS");
      figures.capRefused += 1;
    }
  });
});
